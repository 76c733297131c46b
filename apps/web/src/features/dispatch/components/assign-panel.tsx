import type { Agency, IncidentDetail } from '@mekong-ioc/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import { dispatchApi } from '../api/dispatch-api';
import { useRemote } from '../hooks/use-remote';

export interface AssignPanelProps {
  incident: IncidentDetail;
  agencies: readonly Agency[];
  /** The agency the incident's category usually goes to, chosen first when it has none. */
  defaultAgencyId: string | null;
  busy: boolean;
  onAssign: (agencyId: string, unitId: string | null, andDispatch: boolean) => void;
}

/** Choose the agency, then one of its nearest available units (straight-line distance and ETA). */
export function AssignPanel({ incident, agencies, defaultAgencyId, busy, onAssign }: AssignPanelProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [agencyId, setAgencyId] = useState(incident.agencyId ?? defaultAgencyId ?? agencies[0]?.id ?? '');
  const [chosenUnit, setChosenUnit] = useState<string | null>(null);
  const loadSuggestions = useCallback(() => dispatchApi.suggestedUnits(incident.id, agencyId), [incident.id, agencyId]);
  const [suggestions] = useRemote(agencyId ? loadSuggestions : null, `${agencyId}:${incident.version}`);
  const units = suggestions.status === 'ready' && suggestions.data.agencyId === agencyId ? suggestions.data.units : [];
  // The nearest unit is preselected; the currently assigned one stays chosen when it is still listed.
  const unitId = chosenUnit && units.some((entry) => entry.unit.id === chosenUnit) ? chosenUnit : incident.agencyId === agencyId && incident.unitId ? incident.unitId : (units[0]?.unit.id ?? null);
  const canDispatch = incident.status === 'verified';

  return (
    <section className="assign-panel" aria-labelledby="assign-title" data-testid="assign-panel">
      <h3 id="assign-title">{t('dispatchConsole.actions.assignTitle')}</h3>
      <label className="field">
        <span className="field__label">{t('dispatchConsole.actions.agency')}</span>
        <select
          value={agencyId}
          onChange={(event) => {
            setAgencyId(event.target.value);
            setChosenUnit(null);
          }}
          data-testid="assign-agency"
        >
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {language === 'vi' ? agency.nameVi : agency.nameEn}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="suggested-units">
        <legend>{t('dispatchConsole.actions.suggested')}</legend>
        {suggestions.status === 'ready' && (
          <p className="muted">{t('dispatchConsole.actions.suggestedNote', { speed: suggestions.data.citySpeedKmh })}</p>
        )}
        {suggestions.status === 'ready' && !units.length && <p>{t('dispatchConsole.actions.suggestedEmpty')}</p>}
        {units.map((entry) => (
          <label key={entry.unit.id} className="suggested-unit" data-testid="suggested-unit">
            <input type="radio" name={`unit-${incident.id}`} checked={unitId === entry.unit.id} onChange={() => setChosenUnit(entry.unit.id)} />
            {t('dispatchConsole.actions.suggestedUnit', {
              unit: language === 'vi' ? entry.unit.nameVi : entry.unit.nameEn,
              distance: (entry.distanceMeters / 1000).toFixed(1),
              minutes: entry.etaMinutes,
            })}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="button" className="button" disabled={busy || !agencyId} onClick={() => onAssign(agencyId, unitId, false)}>
          {t('dispatchConsole.actions.assign')}
        </button>
        {canDispatch && (
          <button type="button" className="button button--primary" disabled={busy || !agencyId} onClick={() => onAssign(agencyId, unitId, true)}>
            {t('dispatchConsole.actions.assignAndDispatch')}
          </button>
        )}
      </div>
    </section>
  );
}
