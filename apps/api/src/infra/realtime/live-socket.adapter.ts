import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { LIVE_SOCKET_PATH } from '@mekong-ioc/shared';
import type { AppConfig } from '../../config/app-config';
import type { RedisClient } from './realtime-redis.provider';

/** Clients only send small control messages (subscribe, ping); anything bigger is not ours. */
const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

/**
 * The Socket.IO server on the API's own HTTP server (one port for everything). With Redis, the
 * streams adapter carries every broadcast to the clients of every instance. Who may connect is
 * decided per namespace by the handshake middleware (see LiveHandshakeService), not here, so a
 * refusal reaches the client as a clear `connect_error`.
 */
export class LiveSocketAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: RedisClient | null,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowlist = new Set(this.config.http.corsOrigins.map(originOf));
    const server = super.createIOServer(port, {
      ...options,
      path: LIVE_SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
      // CORS headers for the polling transport of pages on the allowlist; same-origin needs none.
      cors: { origin: (origin: string | undefined, done: (error: Error | null, allow?: boolean) => void) => done(null, !!origin && allowlist.has(origin)), credentials: true },
      ...(this.redis && {
        adapter: createAdapter(this.redis, {
          streamName: `${this.config.realtime.redisKeyPrefix}socket.io`,
          channelPrefix: `${this.config.realtime.redisKeyPrefix}socket.io`,
          sessionKeyPrefix: `${this.config.realtime.redisKeyPrefix}sio:session:`,
          // The reading connection notices a shutdown only between blocking reads; keep them short.
          blockTimeInMs: 1_000,
          onlyPlaintext: true,
        }),
      }),
    }) as Server;
    return server;
  }
}

/** `https://Wall.Example:443/` and `https://wall.example` are the same origin. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
