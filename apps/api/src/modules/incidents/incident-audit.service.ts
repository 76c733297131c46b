import { Injectable } from '@nestjs/common';
import type { AuditVerification, IncidentAuditAction, IncidentStatus } from '@mekong-ioc/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_GENESIS_HASH } from '../../infra/database/migrations/1764300000000-incidents';
import { IncidentAuditEntity } from './incident-audit.entity';
import type { AuditActor } from './incident-intake.service';

export interface AuditAppend {
  incidentId: string;
  actor: AuditActor;
  at: Date;
  action: IncidentAuditAction;
  fromStatus?: IncidentStatus | null;
  toStatus?: IncidentStatus | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The append-only audit trail. Appends take the chain's advisory lock (in the database trigger)
 * until the transaction ends, so callers append LAST in a transaction, after every incident row
 * they change: rows first, then the chain, in every transaction, so two never wait on each other
 * in opposite orders.
 */
@Injectable()
export class IncidentAuditService {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, entries: AuditAppend[]): Promise<void> {
    // One statement per row keeps the chain's order the order of the list.
    for (const entry of entries) {
      await manager.query(
        `INSERT INTO incident_audit (incident_id, actor_user_id, actor_role, actor_label, at, action, from_status, to_status, reason, details, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          entry.incidentId,
          entry.actor.userId,
          entry.actor.role,
          entry.actor.label,
          entry.at,
          entry.action,
          entry.fromStatus ?? null,
          entry.toStatus ?? null,
          entry.reason ?? null,
          JSON.stringify(entry.details ?? {}),
          entry.actor.requestId,
        ],
      );
    }
  }

  history(incidentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<IncidentAuditEntity[]> {
    if (!incidentIds.length) return Promise.resolve([]);
    return manager
      .getRepository(IncidentAuditEntity)
      .createQueryBuilder('audit')
      .where('audit.incident_id = ANY(:ids)', { ids: incidentIds })
      .orderBy('audit.id', 'ASC')
      .getMany();
  }

  /**
   * Walks the whole chain in the database: each row must name its predecessor's hash and hash to
   * what it says, with the same function the insert trigger used.
   */
  async verify(): Promise<AuditVerification> {
    const [result] = await this.dataSource.query<{ checked: number; first_broken: { id: string; incident_id: string; problem: 'hash_mismatch' | 'chain_broken' } | null }[]>(
      `WITH chain AS (
         SELECT a.id, a.incident_id, a.prev_hash, a.hash,
                coalesce(lag(a.hash) OVER (ORDER BY a.id), $1) AS expected_prev,
                incident_audit_row_hash(a.prev_hash, a) AS expected_hash
         FROM incident_audit a
       )
       SELECT (SELECT count(*) FROM chain)::int AS checked,
              (SELECT json_build_object('id', id::text, 'incident_id', incident_id,
                        'problem', CASE WHEN prev_hash <> expected_prev THEN 'chain_broken' ELSE 'hash_mismatch' END)
                 FROM chain WHERE prev_hash <> expected_prev OR hash <> expected_hash
                 ORDER BY id LIMIT 1) AS first_broken`,
      [AUDIT_GENESIS_HASH],
    );
    const broken = result?.first_broken ?? null;
    return {
      ok: broken === null,
      checkedRows: result?.checked ?? 0,
      firstBroken: broken && { id: broken.id, incidentId: broken.incident_id, problem: broken.problem },
    };
  }
}
