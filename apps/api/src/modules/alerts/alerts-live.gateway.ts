import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveAckAlertAnswer } from '@mekong-ioc/shared';
import type { LiveSocket } from '../realtime/live-socket.types';
import { AlertLiveActionsService } from './alert-live-actions.service';

/**
 * Thin: alert actions on the live namespace (whose handshake, in the realtime module, has already
 * authenticated the socket), handed to the service; the returned answer is the acknowledgement.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class AlertsLiveGateway {
  constructor(private readonly actions: AlertLiveActionsService) {}

  @SubscribeMessage('alert:ack')
  acknowledge(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveAckAlertAnswer> {
    return this.actions.acknowledge(socket.data, body);
  }
}
