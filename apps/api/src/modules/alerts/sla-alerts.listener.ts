import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { INCIDENT_PRIORITY_LABELS, REPORT_CATEGORY_DEFINITIONS, type IncidentStatus } from '@mekong-ioc/shared';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { IncidentEvents, type IncidentSlaBreachedEvent } from '../incidents/incident-events';
import { toVietnamIso } from '../simulator/vietnam-time.util';
import { AlertLifecycleService } from './alert-lifecycle.service';

/** Once an incident is in one of these, no deadline of it is being missed any more. */
const SETTLED: ReadonlySet<IncidentStatus> = new Set(['resolved', 'closed', 'rejected', 'duplicate']);

const SLA_KIND_LABEL = {
  dispatch: { vi: 'điều phối', en: 'dispatch' },
  resolve: { vi: 'xử lý', en: 'resolution' },
} as const;

const localTime = (at: Date): string => {
  const iso = toVietnamIso(at.getTime());
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
};

/**
 * A missed SLA deadline raises a critical alert linked to its incident (one per incident and
 * deadline); it clears when the incident is resolved, closed, rejected or merged away. The breach
 * event is published once, by the instance whose check recorded it, so one alert results.
 */
@Injectable()
export class SlaAlertsListener implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaAlertsListener.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly events: IncidentEvents,
    private readonly lifecycle: AlertLifecycleService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.events.slaBreached.subscribe((breach) => this.track(this.raise(breach))),
      this.events.changed.subscribe((change) => {
        if (SETTLED.has(change.status)) {
          this.track(this.lifecycle.clearWhere(`a.kind = 'sla_breach' AND a.incident_id = $1`, [change.incidentId], `incident ${change.status}`));
        }
      }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error(`SLA alert not recorded: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async raise(breach: IncidentSlaBreachedEvent): Promise<void> {
    const [place] = await this.dataSource.query<{ lat: number; lon: number }[]>(`SELECT lat, lon FROM incidents WHERE id = $1`, [breach.incidentId]);
    const category = REPORT_CATEGORY_DEFINITIONS[breach.category];
    const kind = SLA_KIND_LABEL[breach.kind];
    const priority = INCIDENT_PRIORITY_LABELS[breach.priority];
    await this.lifecycle.raise({
      subjectKey: `incident:${breach.incidentId}:sla:${breach.kind}`,
      ruleId: null,
      kind: 'sla_breach',
      severity: 'critical',
      title: { vi: `Quá hạn ${kind.vi}: ${breach.reference}`, en: `${breach.reference} past its ${kind.en} deadline` },
      detail: {
        vi: `Sự cố ${breach.reference} (${category.vi}, ${priority.vi}) đã quá hạn ${kind.vi} lúc ${localTime(breach.deadline)}.`,
        en: `Incident ${breach.reference} (${category.en}, ${priority.en}) missed its ${kind.en} deadline at ${localTime(breach.deadline)}.`,
      },
      incidentId: breach.incidentId,
      lat: place?.lat ?? null,
      lon: place?.lon ?? null,
      zone: breach.zone,
      value: null,
      threshold: null,
    });
  }
}
