import { REPORT_CATEGORIES, REPORT_CATEGORY_DEFINITIONS, INCIDENT_STATUS_LABELS, ZONES, ZONE_LABELS, type Agency } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { NO_FILTERS, QUEUE_STATUSES, type QueueFilters as Filters } from '../utils/incident-queue.util';

/** One select per filter (zone, category, agency, status); "all" clears it. */
export function QueueFilters({ filters, agencies, onChange }: { filters: Filters; agencies: readonly Agency[]; onChange: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const any = t('dispatchConsole.filters.any');
  const pick = <K extends keyof Filters>(key: K, value: string) => onChange({ ...filters, [key]: value ? [value] : [] });
  const active = Object.values(filters).some((list: unknown[]) => list.length > 0);

  return (
    <form className="queue-filters" aria-label={t('dispatchConsole.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <label className="queue-filters__field">
        <span>{t('dispatchConsole.filters.zone')}</span>
        <select value={filters.zones[0] ?? ''} onChange={(event) => pick('zones', event.target.value)} data-testid="filter-zone">
          <option value="">{any}</option>
          {ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {ZONE_LABELS[zone][language]}
            </option>
          ))}
        </select>
      </label>
      <label className="queue-filters__field">
        <span>{t('dispatchConsole.filters.category')}</span>
        <select value={filters.categories[0] ?? ''} onChange={(event) => pick('categories', event.target.value)} data-testid="filter-category">
          <option value="">{any}</option>
          {REPORT_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {REPORT_CATEGORY_DEFINITIONS[category][language]}
            </option>
          ))}
        </select>
      </label>
      <label className="queue-filters__field">
        <span>{t('dispatchConsole.filters.agency')}</span>
        <select value={filters.agencyIds[0] ?? ''} onChange={(event) => pick('agencyIds', event.target.value)} data-testid="filter-agency">
          <option value="">{any}</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {language === 'vi' ? agency.nameVi : agency.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label className="queue-filters__field">
        <span>{t('dispatchConsole.filters.status')}</span>
        <select value={filters.statuses[0] ?? ''} onChange={(event) => pick('statuses', event.target.value)} data-testid="filter-status">
          <option value="">{any}</option>
          {QUEUE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {INCIDENT_STATUS_LABELS[status][language]}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="button" onClick={() => onChange(NO_FILTERS)}>
          {t('dispatchConsole.filters.clear')}
        </button>
      )}
    </form>
  );
}
