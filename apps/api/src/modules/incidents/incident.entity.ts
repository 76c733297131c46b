import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentPriority, IncidentSource, IncidentStatus, ReportCategory, Zone } from '@mekong-ioc/shared';

/** Written only through IncidentsService/IncidentIntakeService, whose SQL keeps version and audit in step. */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ type: 'text' })
  category: ReportCategory;

  @Column({ type: 'text' })
  priority: IncidentPriority;

  @Column({ type: 'text' })
  status: IncidentStatus;

  @Column({ type: 'text' })
  source: IncidentSource;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  zone: Zone;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  /** Placed at the city centre because its report had an address but no coordinates. */
  @Column({ name: 'location_approximate', type: 'boolean', default: false })
  locationApproximate: boolean;

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ name: 'last_reported_at', type: 'timestamptz' })
  lastReportedAt: Date;

  @Column({ name: 'dispatch_deadline', type: 'timestamptz' })
  dispatchDeadline: Date;

  @Column({ name: 'resolve_deadline', type: 'timestamptz' })
  resolveDeadline: Date;

  @Column({ name: 'dispatch_breached_at', type: 'timestamptz', nullable: true })
  dispatchBreachedAt: Date | null;

  @Column({ name: 'resolve_breached_at', type: 'timestamptz', nullable: true })
  resolveBreachedAt: Date | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
