import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_WALL_FOCUS_ZOOM,
  DEFAULT_WALL_HOLD_SECONDS,
  type PushWallFocusRequest,
  type WallFocusCommand,
  type WallReleaseCommand,
  type WallTopicSnapshot,
} from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import type { UserPrincipal } from '../auth/principal';
import { IncidentsService } from '../incidents/incidents.service';
import { LivePublisher } from '../realtime/live-publisher.service';

/**
 * Sends the console's "show this on the wall" to the `wall` topic. The focus being held is kept
 * here for the topic's snapshot, so a wall that (re)connects during the hold shows it too. It is
 * per instance: behind several instances a wall that reconnects to another one misses a held
 * focus, which the next push corrects.
 */
@Injectable()
export class WallCommandsService implements OnModuleInit {
  private current: WallFocusCommand | null = null;

  constructor(
    private readonly publisher: LivePublisher,
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.publisher.setSnapshot('wall', () => Promise.resolve(this.snapshot()));
  }

  snapshot(): WallTopicSnapshot {
    const held = this.current && Date.parse(this.current.holdUntil) > this.clock.now().getTime() ? this.current : null;
    return { current: held };
  }

  async focus(request: PushWallFocusRequest, sender: UserPrincipal): Promise<WallFocusCommand> {
    const now = this.clock.now();
    const incident = request.incidentId ? await this.incidents.detail(request.incidentId, sender) : null;
    const lat = incident?.lat ?? request.lat;
    const lon = incident?.lon ?? request.lon;
    if (lat === undefined || lon === undefined) throw new Error('a wall focus needs a place (checked by the request schema)');
    const command: WallFocusCommand = {
      kind: 'focus',
      id: randomUUID(),
      lat,
      lon,
      zoom: request.zoom ?? DEFAULT_WALL_FOCUS_ZOOM,
      incident: incident && { id: incident.id, reference: incident.reference, title: incident.title, category: incident.category, priority: incident.priority },
      sentBy: sender.username,
      sentAt: now.toISOString(),
      holdUntil: new Date(now.getTime() + (request.holdSeconds ?? DEFAULT_WALL_HOLD_SECONDS) * 1000).toISOString(),
    };
    this.current = command;
    await this.publisher.publish('wall', command);
    return command;
  }

  async release(sender: UserPrincipal): Promise<WallReleaseCommand> {
    const command: WallReleaseCommand = { kind: 'release', id: randomUUID(), sentBy: sender.username, sentAt: this.clock.now().toISOString() };
    this.current = null;
    await this.publisher.publish('wall', command);
    return command;
  }
}
