import { AppException } from '../../common/app.exception';

export type KpiErrorCode = 'KPI_NOT_FOUND';

const STATUS: Record<KpiErrorCode, number> = {
  KPI_NOT_FOUND: 404,
};

export class KpiException extends AppException<KpiErrorCode> {
  constructor(code: KpiErrorCode, message: string) {
    super(code, STATUS[code], message);
  }
}
