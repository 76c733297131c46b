import { Injectable, Logger } from '@nestjs/common';
import {
  liveSubscribeRequestSchema,
  liveTopicScope,
  liveUnsubscribeRequestSchema,
  mayJoinTopic,
  type LiveSubscribeAck,
} from '@mekong-ioc/shared';
import { LiveLog } from './live-log.provider';
import { LivePublisher } from './live-publisher.service';
import type { LiveSocket } from './live-socket.types';
import { liveStreamOf } from './live-stream.util';

/**
 * The rules of subscribing: the role must be allowed the topic (one policy, `mayJoinTopic`); the
 * socket joins the room before anything is read, so no delta published meanwhile is lost; then a
 * client that names its epoch and last sequence number gets exactly the deltas it missed, in
 * order, and anyone else (or one that missed more than the ring keeps) a fresh snapshot. A user
 * who sees only a slice of a topic (`liveTopicScope`: a responder, its agency's incidents) joins
 * that slice's room and gets that slice's numbers, replay and snapshot; never the whole topic's.
 */
@Injectable()
export class LiveSubscriptionsService {
  private readonly logger = new Logger(LiveSubscriptionsService.name);

  constructor(
    private readonly log: LiveLog,
    private readonly publisher: LivePublisher,
  ) {}

  async subscribe(socket: LiveSocket, body: unknown): Promise<LiveSubscribeAck> {
    const request = liveSubscribeRequestSchema.safeParse(body);
    if (!request.success) {
      return { ok: false, code: 'TOPIC_INVALID', message: `Not a subscribe request: ${request.error.issues[0]?.message ?? 'invalid'}.` };
    }
    const { topic, epoch, lastSeq } = request.data;
    if (!mayJoinTopic(socket.data.role, topic)) {
      return { ok: false, code: 'TOPIC_FORBIDDEN', message: `The role ${socket.data.role} may not follow ${topic}.` };
    }
    const scope = liveTopicScope(socket.data, topic);
    const room = liveStreamOf(topic, scope);
    await socket.join(room);
    try {
      if (epoch !== undefined && lastSeq !== undefined) {
        const replay = await this.log.replay(topic, lastSeq, scope);
        if (replay.epoch === epoch && replay.missed) {
          for (const delta of replay.missed) socket.emit('live:delta', delta);
          return { ok: true, topic, epoch: replay.epoch, seq: replay.seq, mode: 'replay', replayed: replay.missed.length };
        }
      }
      // The position is read before the snapshot, so the snapshot is at least as new as its number;
      // deltas are idempotent, so one already in the snapshot does no harm when applied again.
      const position = await this.log.position(topic, scope);
      const snapshot = await this.publisher.snapshotOf(topic, scope);
      socket.emit('live:snapshot', { topic, epoch: position.epoch, seq: position.seq, snapshot });
      return { ok: true, topic, epoch: position.epoch, seq: position.seq, mode: 'snapshot', replayed: 0 };
    } catch (error) {
      this.logger.error(`subscribe to ${topic} failed: ${error instanceof Error ? error.stack : String(error)}`);
      await socket.leave(room);
      return { ok: false, code: 'LIVE_UNAVAILABLE', message: `${topic} cannot be followed right now; try again.` };
    }
  }

  async unsubscribe(socket: LiveSocket, body: unknown): Promise<{ ok: boolean }> {
    const request = liveUnsubscribeRequestSchema.safeParse(body);
    if (!request.success) return { ok: false };
    const { topic } = request.data;
    await socket.leave(liveStreamOf(topic, liveTopicScope(socket.data, topic)));
    return { ok: true };
  }
}
