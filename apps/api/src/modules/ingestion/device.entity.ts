import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Device, Feed, Zone } from '@mekong-ioc/shared';

@Entity({ name: 'devices' })
export class DeviceEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  feed: Feed;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'text' })
  zone: Zone;

  @Column({ name: 'group_id', type: 'text' })
  groupId: string;

  @Column({ name: 'expected_interval_seconds', type: 'integer' })
  expectedIntervalSeconds: number;

  @Column({ type: 'jsonb', default: {} })
  thresholds: Device['thresholds'];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
