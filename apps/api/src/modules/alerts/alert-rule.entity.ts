import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertComparator, AlertRuleTarget, ReportCategory } from '@mekong-ioc/shared';

@Entity({ name: 'alert_rules' })
export class AlertRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'jsonb' })
  target: AlertRuleTarget;

  @Column({ type: 'text' })
  comparator: AlertComparator;

  @Column({ type: 'double precision', nullable: true })
  warning: number | null;

  @Column({ type: 'double precision', nullable: true })
  critical: number | null;

  @Column({ type: 'double precision', default: 0 })
  hysteresis: number;

  @Column({ name: 'for_seconds', type: 'integer', default: 0 })
  forSeconds: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'open_incident', type: 'boolean', default: false })
  openIncident: boolean;

  @Column({ name: 'incident_category', type: 'text', nullable: true })
  incidentCategory: ReportCategory | null;

  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
