import { INCIDENT_STATUS_LABELS, type IncidentAuditEntry } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { formatReportTime, toDateTimeAttribute } from '../../citizen-report/utils/report-time.util';

/** The incident's append-only history, newest first: who, when, from, to, why. */
export function IncidentAudit({ entries }: { entries: readonly IncidentAuditEntry[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const statusLabel = (status: IncidentAuditEntry['toStatus']) => (status ? INCIDENT_STATUS_LABELS[status][language] : '–');
  const describe = (entry: IncidentAuditEntry): string => {
    switch (entry.action) {
      case 'transition':
        return t(entry.details['reopen'] === true ? 'dispatchConsole.audit.reopen' : 'dispatchConsole.audit.transition', {
          from: statusLabel(entry.fromStatus),
          to: statusLabel(entry.toStatus),
        });
      case 'note': {
        const text = typeof entry.details['text'] === 'string' ? entry.details['text'] : '';
        return `${t(entry.details['public'] === true ? 'dispatchConsole.audit.publicNote' : 'dispatchConsole.audit.note')}: ${text}`;
      }
      default:
        return t(`dispatchConsole.audit.${entry.action}`);
    }
  };
  return (
    <ol className="incident-audit" data-testid="incident-audit">
      {[...entries].reverse().map((entry) => (
        <li key={entry.id}>
          <time dateTime={toDateTimeAttribute(entry.at)}>{formatReportTime(entry.at, language)}</time> <span>{describe(entry)}</span>{' '}
          <span className="muted">{t('dispatchConsole.audit.by', { who: entry.actorLabel })}</span>
          {entry.reason && <div className="muted">{t('dispatchConsole.audit.reason', { reason: entry.reason })}</div>}
        </li>
      ))}
    </ol>
  );
}
