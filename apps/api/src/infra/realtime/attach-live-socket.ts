import type { INestApplication } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LiveSocketAdapter } from './live-socket.adapter';
import { RealtimeRedis } from './realtime-redis.provider';

/** Puts the Socket.IO server (with the Redis adapter when configured) on the app's HTTP server. */
export function attachLiveSocket(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useWebSocketAdapter(new LiveSocketAdapter(app, config, app.get(RealtimeRedis, { strict: false }).client));
}
