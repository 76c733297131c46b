import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentAuditAction, IncidentStatus } from '@mekong-ioc/shared';

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE, and fills prev_hash and hash itself. */
@Entity({ name: 'incident_audit' })
export class IncidentAuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text' })
  action: IncidentAuditAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: IncidentStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: IncidentStatus | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'text', unique: true })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
