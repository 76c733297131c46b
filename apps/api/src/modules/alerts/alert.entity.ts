import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertKind, AlertSeverity, AlertState, Feed, Zone } from '@mekong-ioc/shared';

@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId: string | null;

  /** What the alert is about; at most one raised or acknowledged alert per subject. */
  @Column({ name: 'subject_key', type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  kind: AlertKind;

  @Column({ type: 'text' })
  severity: AlertSeverity;

  @Column({ type: 'text' })
  state: AlertState;

  @Column({ name: 'title_vi', type: 'text' })
  titleVi: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'detail_vi', type: 'text' })
  detailVi: string;

  @Column({ name: 'detail_en', type: 'text' })
  detailEn: string;

  @Column({ name: 'kpi_id', type: 'text', nullable: true })
  kpiId: string | null;

  @Column({ name: 'device_id', type: 'text', nullable: true })
  deviceId: string | null;

  @Column({ type: 'text', nullable: true })
  feed: Feed | null;

  @Column({ type: 'text', nullable: true })
  metric: string | null;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  @Column({ type: 'text', nullable: true })
  zone: Zone | null;

  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Column({ type: 'double precision', nullable: true })
  threshold: number | null;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'ack_comment', type: 'text', nullable: true })
  ackComment: string | null;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
