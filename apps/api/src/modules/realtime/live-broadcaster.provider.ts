import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { LiveDelta, LiveScope, SystemTick } from '@mekong-ioc/shared';
import { wallDisplayRoom, type LiveNamespace } from './live-socket.types';
import { liveStreamOf } from './live-stream.util';

/**
 * Packets a client may have waiting before it counts as too slow and is disconnected; it then
 * reconnects and resumes from its last sequence number (or a fresh snapshot), so its backlog is
 * replaced by the current state instead of growing in the server's memory.
 */
export const MAX_QUEUED_PACKETS_PER_CLIENT = 500;
const SLOW_CLIENT_CHECK_MS = 1_000;

/** engine.io keeps a client's unsent packets in `writeBuffer`; its typings mark it private. */
const queuedPackets = (connection: object): number =>
  (connection as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;

/** The socket side effect: the one place that emits to the live namespace. */
@Injectable()
export class LiveBroadcaster implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveBroadcaster.name);
  private namespace: LiveNamespace | null = null;
  private slowClientSweep: NodeJS.Timeout | null = null;

  attach(namespace: LiveNamespace): void {
    this.namespace = namespace;
    this.slowClientSweep = setInterval(() => this.disconnectSlowClients(), SLOW_CLIENT_CHECK_MS);
    this.slowClientSweep.unref();
  }

  /**
   * To every subscriber on every instance. Coalesced layer frames are volatile: a client whose
   * link is busy skips the frame, sees the gap in the numbers and catches up from the ring. A
   * scoped delta goes to the room of that slice only (one agency's responders).
   */
  delta(delta: LiveDelta, options: { volatile: boolean; scope?: LiveScope | null }): void {
    const room = this.namespace?.to(liveStreamOf(delta.topic, options.scope ?? null));
    if (!room) return;
    (options.volatile ? room.volatile : room).emit('live:delta', delta);
  }

  system(tick: SystemTick): void {
    this.namespace?.emit('system', tick);
  }

  /** Cuts a revoked wall display's sockets, on every instance (the adapter carries the request). */
  disconnectWallDisplay(displayId: string): void {
    this.namespace?.in(wallDisplayRoom(displayId)).disconnectSockets(true);
  }

  private disconnectSlowClients(): void {
    for (const socket of this.namespace?.sockets.values() ?? []) {
      const queued = queuedPackets(socket.conn);
      if (queued > MAX_QUEUED_PACKETS_PER_CLIENT) {
        this.logger.warn(`disconnecting a live client of ${socket.data.role} with ${queued} packets queued`);
        socket.disconnect(true);
      }
    }
  }

  onApplicationShutdown(): void {
    if (this.slowClientSweep) clearInterval(this.slowClientSweep);
    this.slowClientSweep = null;
    this.namespace = null;
  }
}
