import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Agency } from '@mekong-ioc/shared';
import { AgencyEntity } from './agency.entity';

export const toAgency = (entity: AgencyEntity): Agency => ({
  id: entity.id,
  code: entity.code,
  kind: entity.kind,
  nameVi: entity.nameVi,
  nameEn: entity.nameEn,
});

@Injectable()
export class AgenciesService {
  constructor(@InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>) {}

  async list(): Promise<Agency[]> {
    return (await this.agencies.find({ order: { code: 'ASC' } })).map(toAgency);
  }

  /** Creates the agencies that are missing, by code; existing ones are left as they are. */
  async ensure(agencies: Omit<Agency, 'id'>[]): Promise<Agency[]> {
    await this.agencies.createQueryBuilder().insert().values(agencies).orIgnore().execute();
    return this.list();
  }
}
