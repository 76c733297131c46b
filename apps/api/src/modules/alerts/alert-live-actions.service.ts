import { Injectable, Logger } from '@nestjs/common';
import {
  ALERT_HANDLER_ROLES,
  alertSchema,
  LIVE_ACTION_ERRORS,
  liveAckAlertRequestSchema,
  type LiveActionError,
  type LiveAckAlertAnswer,
  type Role,
} from '@mekong-ioc/shared';
import type { LiveSocketData } from '../realtime/live-socket.types';
import { AlertException } from './alert.exception';
import { AlertsService } from './alerts.service';

const isLiveActionError = (code: string): code is LiveActionError => (LIVE_ACTION_ERRORS as readonly string[]).includes(code);
const handlesAlerts = (role: Role): boolean => (ALERT_HANDLER_ROLES as readonly Role[]).includes(role);

/**
 * Alert actions sent over the live socket: the same rules as REST (who may, what the payload is,
 * once per operation id: AlertsService), answered as a Socket.IO acknowledgement. Never throws: a
 * refused or failed action is an `{ ok: false }` answer, so the client always hears back.
 */
@Injectable()
export class AlertLiveActionsService {
  private readonly logger = new Logger(AlertLiveActionsService.name);

  constructor(private readonly alerts: AlertsService) {}

  async acknowledge(user: LiveSocketData, body: unknown): Promise<LiveAckAlertAnswer> {
    if (!handlesAlerts(user.role)) {
      return { ok: false, code: 'ACTION_FORBIDDEN', message: `The role ${user.role} may not acknowledge alerts.` };
    }
    const request = liveAckAlertRequestSchema.safeParse(body);
    if (!request.success) {
      const issue = request.error.issues[0];
      const where = issue?.path.map(String).join('.') || '(payload)';
      return { ok: false, code: 'PAYLOAD_INVALID', message: `Not an alert acknowledgement: ${where}: ${issue?.message ?? 'invalid'}.` };
    }
    const { alertId, comment, opId } = request.data;
    try {
      // Only people handle alerts (a display's role is `wall`, refused above), so no display id goes on.
      const person = { userId: user.userId, username: user.username, role: user.role, agencyId: user.agencyId };
      const alert = await this.alerts.acknowledge(alertId, { comment, opId }, person);
      return { ok: true, alert };
    } catch (error) {
      if (error instanceof AlertException && isLiveActionError(error.code)) {
        const current = alertSchema.safeParse(error.extensions?.['current']);
        return { ok: false, code: error.code, message: error.message, ...(current.success && { current: current.data }) };
      }
      this.logger.error(`alert ${alertId} not acknowledged over the socket: ${error instanceof Error ? error.stack : String(error)}`);
      return { ok: false, code: 'LIVE_UNAVAILABLE', message: 'The alert could not be acknowledged right now; try again with the same opId.' };
    }
  }
}
