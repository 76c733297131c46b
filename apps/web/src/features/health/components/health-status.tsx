import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { useNow } from '../../clock/hooks/use-now';
import { formatAge } from '../../clock/utils/format-age.util';
import { HEALTH_POLL_MS, useHealth } from '../hooks/use-health';
import { healthState } from '../utils/health-freshness.util';

/** One line on the server: up or not, its version and database, and how old that news is. */
export function HealthStatus({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const reading = useHealth();
  const now = useNow(1000);
  const state = healthState(reading, now, HEALTH_POLL_MS);
  const age = reading.receivedAt === null ? null : formatAge(now - reading.receivedAt, language);

  const headline = { checking: t('health.checking'), ok: t('health.ok'), stale: t('health.ok'), down: t('health.unreachable') }[state];

  return (
    <p className={`health-status ${className}`} data-state={state} aria-label={t('health.label')}>
      <span className="health-status__dot" aria-hidden="true" />
      {/* Only the headline is announced, so the ticking age does not chatter in a screen reader. */}
      <span className="health-status__headline" role="status">
        {headline}
      </span>
      {reading.health && (
        <>
          <span className="health-status__item" data-testid="health-version">
            {t('health.version', { version: reading.health.version })}
          </span>
          <span className="health-status__item" data-testid="health-database">
            {t(`health.database.${reading.health.database}`)}
          </span>
        </>
      )}
      {age !== null && (
        <span className="health-status__item" data-testid="health-age">
          {state === 'down' ? t('health.lastSeen', { age }) : t('health.checkedAgo', { age })}
          {state === 'stale' && <strong className="health-status__stale"> · {t('health.stale')}</strong>}
        </span>
      )}
    </p>
  );
}
