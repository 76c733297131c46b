import type { Alert } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/language';
import { ageSecondsOf, formatAge, formatClock } from '../utils/freshness.util';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export const sortAlerts = (alerts: readonly Alert[]): Alert[] =>
  [...alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.raisedAt.localeCompare(a.raisedAt));

/** How long an acknowledged critical alert stays up, so the room sees who took it. */
export const ACKNOWLEDGED_SHOWN_MS = 60_000;

/** The critical alert that takes over the screen: raised and not yet acknowledged (or just acknowledged). */
export function criticalTakeover(alerts: readonly Alert[], now: number): Alert | null {
  return (
    sortAlerts(alerts).find(
      (alert) =>
        alert.severity === 'critical' &&
        (alert.state === 'raised' || (alert.state === 'acknowledged' && alert.acknowledgedAt !== null && now - Date.parse(alert.acknowledgedAt) < ACKNOWLEDGED_SHOWN_MS)),
    ) ?? null
  );
}

/** Every active alert, in one line that moves: nothing to hover, nothing to click. */
export function AlertTicker({ alerts, language }: { alerts: readonly Alert[]; language: Language }) {
  const { t } = useTranslation();
  const sorted = sortAlerts(alerts);
  if (!sorted.length) {
    return (
      <div className="wall-ticker" data-state="calm" data-testid="wall-ticker">
        <span className="wall-ticker__label">{t('wall.live.alerts')}</span>
        <span className="wall-ticker__calm">{t('wall.live.noAlerts')}</span>
      </div>
    );
  }
  const items = sorted.map((alert) => (
    <span key={alert.id} className="wall-ticker__item" data-severity={alert.severity}>
      <strong>{t(`wall.live.severity.${alert.severity}`)}</strong> {alert.title[language]} · {formatClock(alert.raisedAt)}
      {alert.state === 'acknowledged' && ` · ${t('wall.live.acknowledged')}`}
    </span>
  ));
  return (
    <div className="wall-ticker" data-state="alerts" data-testid="wall-ticker">
      <span className="wall-ticker__label">
        {t('wall.live.alerts')} ({sorted.length})
      </span>
      <div className="wall-ticker__track">
        <div className="wall-ticker__run" style={{ animationDuration: `${Math.max(20, sorted.length * 12)}s` }}>
          {items}
          {items.map((item) => ({ ...item, key: `${item.key}-again` }))}
        </div>
      </div>
    </div>
  );
}

export interface CriticalAlertPanelProps {
  alert: Alert;
  incidentReference: string | null;
  language: Language;
  now: number;
}

/** A critical alert over part of the screen: what, where, since when, which incident, who acknowledged it. */
export function CriticalAlertPanel({ alert, incidentReference, language, now }: CriticalAlertPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="wall-critical" role="alert" data-state={alert.state} data-testid="wall-critical">
      <p className="wall-critical__kicker">{t('wall.live.criticalAlert')}</p>
      <h2 className="wall-critical__title">{alert.title[language]}</h2>
      <p className="wall-critical__detail">{alert.detail[language]}</p>
      <dl className="wall-critical__facts">
        <div>
          <dt>{t('wall.live.since')}</dt>
          <dd>
            {formatClock(alert.raisedAt)} · {formatAge(ageSecondsOf(alert.raisedAt, now), language)}
          </dd>
        </div>
        {alert.value !== null && (
          <div>
            <dt>{t('wall.live.value')}</dt>
            <dd>
              {alert.value}
              {alert.threshold !== null && ` (${t('wall.live.threshold')} ${alert.threshold})`}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('wall.live.where')}</dt>
          <dd>{alert.lat !== null && alert.lon !== null ? `${alert.lat.toFixed(4)}, ${alert.lon.toFixed(4)}${alert.deviceId ? ` · ${alert.deviceId}` : ''}` : t('wall.live.noLocation')}</dd>
        </div>
        <div>
          <dt>{t('wall.live.incident')}</dt>
          <dd>{incidentReference ?? (alert.incidentId ? t('wall.live.incidentLinked') : t('wall.live.noIncident'))}</dd>
        </div>
        <div>
          <dt>{t('wall.live.acknowledgedBy')}</dt>
          <dd>
            {alert.acknowledgedBy && alert.acknowledgedAt
              ? `${alert.acknowledgedBy.displayName} · ${formatClock(alert.acknowledgedAt)}`
              : t('wall.live.notAcknowledged')}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** A short two-tone chime from WebAudio (no sound file to fetch). Browsers may block it until a gesture. */
export function playChime(): void {
  try {
    const AudioContextClass = window.AudioContext;
    const context = new AudioContextClass();
    [880, 660].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, context.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.3, context.currentTime + i * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + i * 0.35 + 0.3);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(context.currentTime + i * 0.35);
      oscillator.stop(context.currentTime + i * 0.35 + 0.32);
    });
    setTimeout(() => void context.close(), 1_200);
  } catch {
    // No audio on this device: the takeover is the alert.
  }
}
