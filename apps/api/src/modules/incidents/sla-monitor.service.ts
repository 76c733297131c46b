import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OPEN_INCIDENT_STATUSES, type IncidentPriority, type IncidentStatus, type ReportCategory, type Zone } from '@mekong-ioc/shared';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { IncidentAuditService } from './incident-audit.service';
import { IncidentEventOutbox } from './incident-event-outbox';
import { IncidentEvents, type IncidentSlaBreachedEvent } from './incident-events';
import type { AuditActor } from './incident-intake.service';

const SLA_ACTOR: AuditActor = { userId: null, role: 'system', label: 'Giám sát SLA', requestId: null };

/** Statuses in which the dispatch clock still runs: no one has been sent yet. */
const AWAITING_DISPATCH: readonly IncidentStatus[] = ['new', 'verified'];

interface BreachedRow {
  id: string;
  reference: string;
  category: ReportCategory;
  priority: IncidentPriority;
  status: IncidentStatus;
  zone: Zone;
  agency_id: string | null;
  deadline: Date;
}

/**
 * Records each missed SLA deadline once (an audit row and an `slaBreached` event). The "once" is
 * the database's: the breach column is set by a conditional UPDATE, so two API instances checking
 * at the same moment record it once between them.
 */
@Injectable()
export class SlaMonitorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaMonitorService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: IncidentAuditService,
    private readonly events: IncidentEvents,
    private readonly outbox: IncidentEventOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.incidents.slaCheckIntervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.checkNow().catch((error: unknown) => this.logger.warn(`SLA check failed: ${String(error)}`));
    }, interval);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Finds the deadlines missed since the last check; returns the breaches it recorded. */
  async checkNow(): Promise<IncidentSlaBreachedEvent[]> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const dispatch = await this.markBreached(manager, 'dispatch', AWAITING_DISPATCH, now);
      const resolve = await this.markBreached(manager, 'resolve', OPEN_INCIDENT_STATUSES, now);
      const breaches = [...dispatch, ...resolve];
      await this.audit.append(
        manager,
        breaches.map((breach) => ({
          incidentId: breach.incidentId,
          actor: SLA_ACTOR,
          at: now,
          action: 'sla_breached' as const,
          details: { kind: breach.kind, deadline: breach.deadline.toISOString(), priority: breach.priority },
        })),
      );
      for (const breach of breaches) this.outbox.defer(manager, () => this.events.slaBreached.next(breach));
      return breaches;
    });
  }

  private async markBreached(
    manager: EntityManager,
    kind: 'dispatch' | 'resolve',
    statuses: readonly IncidentStatus[],
    now: Date,
  ): Promise<IncidentSlaBreachedEvent[]> {
    // Column names come from the literal kind, never from input.
    const [deadline, breachedAt] = kind === 'dispatch' ? ['dispatch_deadline', 'dispatch_breached_at'] : ['resolve_deadline', 'resolve_breached_at'];
    // Wrapped in a SELECT so both drivers answer with plain rows (TypeORM's postgres driver adds a
    // count to a bare UPDATE's answer; PGlite's does not).
    const rows = await manager.query<BreachedRow[]>(
      `WITH breached AS (
         UPDATE incidents SET ${breachedAt} = $1
         WHERE status = ANY($2) AND ${deadline} < $1 AND ${breachedAt} IS NULL
         RETURNING id, reference, category, priority, status, zone, agency_id, ${deadline} AS deadline
       ) SELECT * FROM breached ORDER BY deadline, id`,
      [now, statuses],
    );
    return rows.map((row) => ({
      incidentId: row.id,
      reference: row.reference,
      category: row.category,
      priority: row.priority,
      status: row.status,
      zone: row.zone,
      agencyId: row.agency_id,
      at: now,
      kind,
      deadline: row.deadline,
    }));
  }
}
