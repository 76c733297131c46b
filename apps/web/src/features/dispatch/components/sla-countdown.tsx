import type { IncidentSummary } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { countdownTone, formatCountdown } from '../utils/countdown.util';
import { slaTargetOf } from '../utils/incident-queue.util';

/** Time left to the deadline the incident races now, ticking with `now`; "awaiting closure" once resolved. */
export function SlaCountdown({ incident, now }: { incident: IncidentSummary; now: number }) {
  const { t } = useTranslation();
  const target = slaTargetOf(incident);
  if (!target) {
    if (incident.status !== 'resolved') return null;
    return (
      <span className="sla sla--none" data-testid="countdown">
        {t('dispatchConsole.queue.awaitingClosure')}
      </span>
    );
  }
  const left = target.deadline - now;
  const windowStart = target.kind === 'dispatch' ? Date.parse(incident.createdAt) : Date.parse(incident.dispatchedAt ?? incident.createdAt);
  const tone = countdownTone(left, target.deadline - windowStart);
  const label = left < 0 ? t('dispatchConsole.queue.overdue') : target.kind === 'dispatch' ? t('dispatchConsole.queue.dispatchIn') : t('dispatchConsole.queue.resolveIn');
  return (
    <span className={`sla sla--${tone}`} data-testid="countdown">
      <span className="sla__label">{label}</span> <span className="sla__time">{formatCountdown(left)}</span>
    </span>
  );
}
