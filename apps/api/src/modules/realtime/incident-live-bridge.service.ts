import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { merge, map, type Subscription } from 'rxjs';
import type { LiveIncidentEvent, LiveIncidentPin } from '@mekong-ioc/shared';
import { IncidentEvents, type IncidentEventSubject } from '../incidents/incident-events';
import { LivePublisher } from './live-publisher.service';

const pinOf = (event: IncidentEventSubject): LiveIncidentPin => ({
  reference: event.reference,
  category: event.category,
  priority: event.priority,
  status: event.status,
  zone: event.zone,
  updatedAt: event.at.toISOString(),
});

/**
 * Carries the incident workflow's in-process events to the `incidents` topic: the whole stream for
 * officers, and each event also to the slice of the incident's agency, the only one its responders
 * follow (the map layer `layer:incidents` is published by the live-layers module). Every instance
 * forwards its own events; the Redis adapter takes them to the clients of the others.
 */
@Injectable()
export class IncidentLiveBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IncidentLiveBridge.name);
  private subscription: Subscription | null = null;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly publisher: LivePublisher,
  ) {}

  onApplicationBootstrap(): void {
    const events = this.incidentEvents();
    if (!events) return;
    const stream = merge(
      events.created.pipe(map((event) => this.eventOf(event, 'created', null, null))),
      events.changed.pipe(map((event) => this.eventOf(event, 'changed', event.action, null))),
      events.slaBreached.pipe(map((event) => this.eventOf(event, 'sla_breached', null, event.kind))),
    );
    this.subscription = stream.subscribe((event) => void this.forward(event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private incidentEvents(): IncidentEvents | null {
    try {
      return this.moduleRef.get(IncidentEvents, { strict: false });
    } catch {
      this.logger.warn('IncidentEvents is not provided: incidents are not published live');
      return null;
    }
  }

  private eventOf(event: IncidentEventSubject, kind: LiveIncidentEvent['kind'], action: string | null, slaKind: LiveIncidentEvent['slaKind']): LiveIncidentEvent {
    return { ...pinOf(event), kind, incidentId: event.incidentId, agencyId: event.agencyId, action, slaKind };
  }

  private async forward(event: LiveIncidentEvent): Promise<void> {
    try {
      // The `layer:incidents` map layer (with locations) is the live-layers module's.
      const scopes = event.agencyId ? [{ kind: 'agency' as const, agencyId: event.agencyId }] : [];
      await this.publisher.publish('incidents', event, { scopes });
    } catch (error) {
      this.logger.warn(`incident ${event.reference} not published live: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
