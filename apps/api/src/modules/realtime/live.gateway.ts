import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveSubscribeAck } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { LiveBroadcaster } from './live-broadcaster.provider';
import { LiveConnectRefused, LiveHandshakeService } from './live-handshake.service';
import { wallDisplayRoom, type LiveNamespace, type LiveSocket } from './live-socket.types';
import { LiveSubscriptionsService } from './live-subscriptions.service';

/** Thin: authenticates handshakes, hands subscribe requests to the service, answers pings. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayConnection<LiveSocket> {
  constructor(
    private readonly handshakes: LiveHandshakeService,
    private readonly subscriptions: LiveSubscriptionsService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly clock: Clock,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      this.handshakes.authenticate(socket.handshake).then(
        (data) => {
          socket.data = data;
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    // The main namespace serves nothing, but says why it refuses in the same terms as /live.
    namespace.server.of('/').use((socket, next) => {
      this.handshakes.authenticate(socket.handshake).then(
        () => next(new LiveConnectRefused('NAMESPACE_NOT_SERVED', `Live data is served on the ${LIVE_NAMESPACE} namespace only.`)),
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    this.broadcaster.attach(namespace);
  }

  handleConnection(socket: LiveSocket): void {
    if (socket.data.displayId) void socket.join(wallDisplayRoom(socket.data.displayId));
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveSubscribeAck> {
    return this.subscriptions.subscribe(socket, body);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    return this.subscriptions.unsubscribe(socket, body);
  }

  /** Round trip and clock: the client compares this with its own time. */
  @SubscribeMessage('ping')
  ping(): string {
    return this.clock.now().toISOString();
  }
}
