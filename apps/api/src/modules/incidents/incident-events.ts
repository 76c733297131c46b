import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { IncidentPriority, IncidentStatus, ReportCategory, Zone } from '@mekong-ioc/shared';

/** What every in-process incident event says about the incident, enough to update a view or a KPI. */
export interface IncidentEventSubject {
  incidentId: string;
  reference: string;
  category: ReportCategory;
  priority: IncidentPriority;
  status: IncidentStatus;
  zone: Zone;
  agencyId: string | null;
  at: Date;
}

export interface IncidentCreatedEvent extends IncidentEventSubject {
  source: string;
}

export interface IncidentChangedEvent extends IncidentEventSubject {
  /** The audit action that changed it (transition, updated, joined, merged, split, note...). */
  action: string;
  fromStatus: IncidentStatus | null;
}

export interface IncidentSlaBreachedEvent extends IncidentEventSubject {
  kind: 'dispatch' | 'resolve';
  deadline: Date;
}

/**
 * In-process events of the incident workflow, published after the change has committed. The KPI,
 * alert and realtime modules subscribe; socket payloads are their business, not this stream's.
 */
@Injectable()
export class IncidentEvents implements OnModuleDestroy {
  readonly created = new Subject<IncidentCreatedEvent>();
  readonly changed = new Subject<IncidentChangedEvent>();
  readonly slaBreached = new Subject<IncidentSlaBreachedEvent>();

  onModuleDestroy(): void {
    this.created.complete();
    this.changed.complete();
    this.slaBreached.complete();
  }
}
