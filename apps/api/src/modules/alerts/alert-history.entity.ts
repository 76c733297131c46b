import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertHistoryAction, AlertSeverity, AlertState } from '@mekong-ioc/shared';

/** One state change of an alert: who (null: the system), when, from, to, and the comment given. */
@Entity({ name: 'alert_history' })
export class AlertHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text' })
  action: AlertHistoryAction;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_label', type: 'text', nullable: true })
  actorLabel: string | null;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: AlertState | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: AlertState;

  @Column({ name: 'from_severity', type: 'text', nullable: true })
  fromSeverity: AlertSeverity | null;

  @Column({ name: 'to_severity', type: 'text' })
  toSeverity: AlertSeverity;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'op_id', type: 'uuid', nullable: true })
  opId: string | null;
}
