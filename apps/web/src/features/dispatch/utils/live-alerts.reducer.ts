import { ALERT_SEVERITIES, liveAlertDeltaSchema, liveAlertsSnapshotSchema, type Alert, type LiveReducer } from '@mekong-ioc/shared';

/** The active alerts of the `alerts` topic by id; a cleared alert leaves. */
export type LiveAlertsState = ReadonlyMap<string, Alert>;

export const liveAlertsReducer: LiveReducer<LiveAlertsState> = {
  fromSnapshot: (snapshot) => {
    const parsed = liveAlertsSnapshotSchema.safeParse(snapshot);
    return new Map((parsed.success ? parsed.data.alerts : []).filter((alert) => alert.state !== 'cleared').map((alert) => [alert.id, alert]));
  },
  applyDelta: (state, payload) => {
    const parsed = liveAlertDeltaSchema.safeParse(payload);
    if (!parsed.success) return state;
    const { alert } = parsed.data;
    const next = new Map(state);
    if (alert.state === 'cleared') next.delete(alert.id);
    else next.set(alert.id, alert);
    return next;
  },
};

/** Critical first, then unacknowledged before acknowledged, then the newest. */
export function sortAlerts(alerts: Iterable<Alert>): Alert[] {
  const rank = (alert: Alert) => ALERT_SEVERITIES.length - ALERT_SEVERITIES.indexOf(alert.severity);
  return [...alerts].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(a.state === 'acknowledged') - Number(b.state === 'acknowledged') ||
      Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** A v4 UUID for an action's `opId`; `crypto.randomUUID` is missing on plain-http LAN demos. */
export function newOperationId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
