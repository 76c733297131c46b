import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyKind } from '@mekong-ioc/shared';

@Entity({ name: 'agencies' })
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  kind: AgencyKind;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
