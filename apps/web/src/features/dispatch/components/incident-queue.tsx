import { INCIDENT_STATUS_LABELS, REPORT_CATEGORY_DEFINITIONS, ZONE_LABELS, type Agency, type IncidentSummary } from '@mekong-ioc/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { SlaCountdown } from './sla-countdown';

export interface IncidentQueueProps {
  items: readonly IncidentSummary[];
  selectedId: string | null;
  freshIds: ReadonlySet<string>;
  agencies: ReadonlyMap<string, Agency>;
  now: number;
  onSelect: (id: string) => void;
}

/** The queue as a list box: one row per incident, the selected one kept in view (J/K move it). */
export function IncidentQueue({ items, selectedId, freshIds, agencies, now, onSelect }: IncidentQueueProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!selectedId) return;
    list.current?.querySelector(`[data-incident-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <ul className="incident-queue" role="listbox" aria-label={t('dispatchConsole.queue.label')} ref={list} data-testid="incident-queue">
      {items.map((incident) => {
        const agency = incident.agencyId ? agencies.get(incident.agencyId) : undefined;
        const selected = incident.id === selectedId;
        return (
          <li
            key={incident.id}
            role="option"
            aria-selected={selected}
            className={`queue-row queue-row--${incident.priority}${selected ? ' queue-row--selected' : ''}${freshIds.has(incident.id) ? ' queue-row--fresh' : ''}`}
            data-incident-id={incident.id}
            data-reference={incident.reference}
            data-testid="queue-row"
            onClick={() => onSelect(incident.id)}
          >
            <span className={`priority priority--${incident.priority}`}>{incident.priority}</span>
            <span className="queue-row__main">
              <span className="queue-row__title">
                <strong>{incident.reference}</strong> {incident.title}
                {freshIds.has(incident.id) && <span className="badge badge--fresh">{t('dispatchConsole.queue.fresh')}</span>}
              </span>
              <span className="queue-row__meta">
                {REPORT_CATEGORY_DEFINITIONS[incident.category][language]} · {ZONE_LABELS[incident.zone][language]}
                {agency && ` · ${language === 'vi' ? agency.nameVi : agency.nameEn}`}
                {incident.sourceCount > 1 && ` · ${t('dispatchConsole.queue.sources', { n: incident.sourceCount })}`}
              </span>
            </span>
            <span className="queue-row__side">
              <span className={`status status--${incident.status}`} data-testid="queue-status">
                {INCIDENT_STATUS_LABELS[incident.status][language]}
              </span>
              <SlaCountdown incident={incident} now={now} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
