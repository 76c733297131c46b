import { AppException } from '../../common/app.exception';

export type MediaErrorCode =
  | 'PHOTO_TOO_LARGE'
  | 'PHOTO_TOO_MANY'
  | 'PHOTO_TYPE_UNSUPPORTED'
  | 'PHOTO_TOO_MANY_PIXELS'
  | 'PHOTO_UNREADABLE'
  | 'PHOTO_MISSING'
  | 'PHOTO_UNEXPECTED_FIELD'
  | 'PHOTO_NOT_AVAILABLE'
  | 'PHOTO_NOT_FOUND'
  | 'PHOTO_BODY_MALFORMED';

const STATUS: Record<MediaErrorCode, number> = {
  PHOTO_TOO_LARGE: 413,
  PHOTO_TOO_MANY: 413,
  PHOTO_TYPE_UNSUPPORTED: 415,
  PHOTO_TOO_MANY_PIXELS: 422,
  PHOTO_UNREADABLE: 422,
  PHOTO_MISSING: 422,
  PHOTO_UNEXPECTED_FIELD: 422,
  // Attaching a photo that does not exist or already belongs to something else.
  PHOTO_NOT_AVAILABLE: 422,
  PHOTO_NOT_FOUND: 404,
  PHOTO_BODY_MALFORMED: 400,
};

export class MediaException extends AppException<MediaErrorCode> {
  constructor(code: MediaErrorCode, message: string) {
    super(code, STATUS[code], message);
  }
}
