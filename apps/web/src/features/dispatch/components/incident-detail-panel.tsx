import {
  INCIDENT_PRIORITIES,
  INCIDENT_STATUS_LABELS,
  REPORT_CATEGORY_DEFINITIONS,
  ZONE_LABELS,
  isOpenIncident,
  type Agency,
  type IncidentDetail,
  type IncidentPriority,
  type IncidentStatus,
  type IncidentSummary,
} from '@mekong-ioc/shared';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { useLanguage } from '../../../i18n/use-language';
import { formatReportTime } from '../../citizen-report/utils/report-time.util';
import { isWebGl2Available } from '../../city-map/utils/webgl-support.util';
import { dispatchApi } from '../api/dispatch-api';
import { useRemote } from '../hooks/use-remote';
import { describeActionFailure, needsReload, type ActionRefusalKey } from '../utils/action-error.util';
import { slaTargetOf } from '../utils/incident-queue.util';
import type { ConsoleCommand } from '../utils/keyboard-map.util';
import { AssignPanel } from './assign-panel';
import { IncidentAudit } from './incident-audit';
import { IncidentContextPanel } from './incident-context-panel';
import { IncidentSources, PhotoStrip } from './incident-sources';
import { SlaCountdown } from './sla-countdown';

const IncidentMap = lazy(() => import('./incident-map').then((module) => ({ default: module.IncidentMap })));

type Message =
  | { tone: 'ok'; key: 'dispatchConsole.actions.done' | 'dispatchConsole.actions.pushedToWall'; reference: string; status: IncidentStatus }
  | { tone: 'conflict'; key: 'dispatchConsole.conflict.version' | 'dispatchConsole.conflict.transition'; status: IncidentStatus; version: number }
  | { tone: 'error'; key: ActionRefusalKey }
  | { tone: 'error'; error: ApiError };

export interface IncidentDetailPanelProps {
  incidentId: string;
  /** Moves on with every live change: the incident is fetched again. */
  changeKey: string;
  queueItems: readonly IncidentSummary[];
  agencies: readonly Agency[];
  /** Where the panel puts its handler of the console's keyboard commands while it is shown. */
  commandsRef: RefObject<((name: ConsoleCommand) => void) | null>;
  now: number;
  onChanged: () => void;
}

const squaredDistance = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => (a.lat - b.lat) ** 2 + (a.lon - b.lon) ** 2;

/** One incident: what is known, what was done, and every action of the workflow. Keyed by incident. */
export function IncidentDetailPanel({ incidentId, changeKey, queueItems, agencies, commandsRef, now, onChanged }: IncidentDetailPanelProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const loadDetail = useCallback(() => dispatchApi.detail(incidentId), [incidentId]);
  const [remote, , replaceDetail] = useRemote(loadDetail, changeKey);
  const loadContext = useCallback(() => dispatchApi.context(incidentId), [incidentId]);
  const [context] = useRemote(loadContext, 'once');
  const loadPhotos = useCallback(() => dispatchApi.fieldPhotos(incidentId), [incidentId]);
  const [fieldPhotos] = useRemote(loadPhotos, changeKey);
  const loadUnits = useCallback(() => dispatchApi.units(), []);
  const [units] = useRemote(loadUnits, changeKey);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [form, setForm] = useState<'reject' | 'duplicate' | null>(null);
  const [reason, setReason] = useState('');
  const [originalId, setOriginalId] = useState('');
  const [mergeId, setMergeId] = useState('');
  const [splitIds, setSplitIds] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [notePublic, setNotePublic] = useState(false);
  const [mapAvailable, setMapAvailable] = useState(isWebGl2Available);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const incident = remote.status === 'loading' ? null : remote.data;
  const defaultAgencyId = useMemo(() => {
    if (!incident) return null;
    const kind = REPORT_CATEGORY_DEFINITIONS[incident.category].agencyKind;
    return agencies.find((agency) => agency.kind === kind)?.id ?? null;
  }, [incident, agencies]);
  // Open incidents of the same category, nearest first: the candidates for "duplicate of" and "merge here".
  const sameKind = useMemo(
    () =>
      incident
        ? queueItems
            .filter((other) => other.id !== incident.id && other.category === incident.category && isOpenIncident(other.status))
            .sort((a, b) => squaredDistance(a, incident) - squaredDistance(b, incident))
        : [],
    [incident, queueItems],
  );

  const run = useCallback(
    async (action: () => Promise<IncidentDetail>, success: 'dispatchConsole.actions.done' | 'dispatchConsole.actions.pushedToWall' = 'dispatchConsole.actions.done') => {
      setBusy(true);
      setMessage(null);
      try {
        const result = await action();
        replaceDetail(result);
        setMessage({ tone: 'ok', key: success, reference: result.reference, status: result.status });
        setForm(null);
        onChanged();
      } catch (error) {
        if (!isApiError(error)) throw error;
        const failure = describeActionFailure(error);
        if (needsReload(failure)) {
          // Never a silent overwrite: the officer sees what the incident is now and decides again.
          const fresh = await dispatchApi.detail(incidentId).catch(() => null);
          if (fresh) replaceDetail(fresh);
          onChanged();
          if (failure.kind === 'conflict' && fresh) {
            setMessage({ tone: 'conflict', key: failure.messageKey, status: fresh.status, version: fresh.version });
            return;
          }
        }
        setMessage(failure.kind === 'other' ? { tone: 'error', error: failure.error } : failure.kind === 'refused' ? { tone: 'error', key: failure.messageKey } : { tone: 'error', key: 'dispatchConsole.refusal.notFound' });
      } finally {
        setBusy(false);
      }
    },
    [incidentId, onChanged, replaceDetail],
  );

  const transition = useCallback((target: IncidentDetail, to: IncidentStatus, why?: string) => run(() => dispatchApi.transition(target, to, why)), [run]);

  const assign = useCallback(
    (target: IncidentDetail, agencyId: string, unitId: string | null, andDispatch: boolean) =>
      run(async () => {
        const assigned = target.agencyId === agencyId && target.unitId === unitId ? target : await dispatchApi.update(target, { agencyId, unitId });
        return andDispatch ? dispatchApi.transition(assigned, 'dispatched') : assigned;
      }),
    [run],
  );

  /** `d`: dispatch with what is assigned, or first the nearest available unit of the usual agency. */
  const dispatchNearest = useCallback(
    (target: IncidentDetail) =>
      run(async () => {
        let current = target;
        if (!current.agencyId || !current.unitId) {
          const agencyId = current.agencyId ?? defaultAgencyId;
          if (!agencyId) return dispatchApi.transition(current, 'dispatched');
          const suggestion = await dispatchApi.suggestedUnits(current.id, agencyId);
          current = await dispatchApi.update(current, { agencyId, unitId: suggestion.units[0]?.unit.id ?? current.unitId });
        }
        return dispatchApi.transition(current, 'dispatched');
      }),
    [run, defaultAgencyId],
  );

  // Keyboard commands from the queue act on the incident shown here.
  const onCommand = useCallback(
    (name: ConsoleCommand) => {
      if (!incident || busy) return;
      if (name === 'open') heading.current?.focus();
      if (name === 'verify' && incident.allowedTransitions.includes('verified')) void transition(incident, 'verified');
      if (name === 'dispatch' && incident.status === 'verified') void dispatchNearest(incident);
      if (name === 'reject' && incident.allowedTransitions.includes('rejected')) {
        setForm('reject');
        requestAnimationFrame(() => reasonField.current?.focus());
      }
      if (name === 'close') setForm(null);
    },
    [incident, busy, transition, dispatchNearest],
  );
  useEffect(() => {
    commandsRef.current = onCommand;
    return () => {
      if (commandsRef.current === onCommand) commandsRef.current = null;
    };
  }, [commandsRef, onCommand]);

  if (remote.status === 'loading') return <p className="page-status">{t('dispatchConsole.detail.loading')}</p>;
  if (!incident) {
    return (
      <p className="form-error" role="alert">
        {t('dispatchConsole.detail.failed', { message: remote.status === 'failed' ? errorMessage(t, remote.error) : '' })}
      </p>
    );
  }

  const agency = incident.agency;
  const unitName = incident.unit ? (language === 'vi' ? incident.unit.nameVi : incident.unit.nameEn) : t('dispatchConsole.detail.noUnit');
  const allowed = incident.allowedTransitions;
  const statusLabel = (status: IncidentStatus) => INCIDENT_STATUS_LABELS[status][language];
  const transitionButton = (to: IncidentStatus, label: string, primary = false) =>
    allowed.includes(to) && (
      <button type="button" className={`button${primary ? ' button--primary' : ''}`} disabled={busy} onClick={() => void transition(incident, to)}>
        {label}
      </button>
    );

  return (
    <article className="incident-detail" aria-labelledby="incident-title" data-testid="incident-detail" data-status={incident.status} data-version={incident.version}>
      <header className="incident-detail__head">
        <h2 id="incident-title" tabIndex={-1} ref={heading}>
          <span className={`priority priority--${incident.priority}`}>{incident.priority}</span> {incident.reference} · {incident.title}
        </h2>
        <p className="incident-detail__meta">
          <span className={`status status--${incident.status}`} data-testid="detail-status">
            {statusLabel(incident.status)}
          </span>{' '}
          <span className="muted">{t('dispatchConsole.detail.version', { version: incident.version })}</span> ·{' '}
          {/* A closed or rejected incident races no deadline: no countdown, and no empty "· ·" for it. */}
          {(slaTargetOf(incident) || incident.status === 'resolved') && (
            <>
              <SlaCountdown incident={incident} now={now} /> ·{' '}
            </>
          )}
          {REPORT_CATEGORY_DEFINITIONS[incident.category][language]} · {ZONE_LABELS[incident.zone][language]} ·{' '}
          {t('dispatchConsole.detail.createdAt', { time: formatReportTime(incident.createdAt, language) })}
        </p>
        <p className="incident-detail__meta">
          {t('dispatchConsole.detail.agency')}: <strong data-testid="detail-agency">{agency ? (language === 'vi' ? agency.nameVi : agency.nameEn) : '–'}</strong> ·{' '}
          {t('dispatchConsole.detail.unit')}: <strong data-testid="detail-unit">{unitName}</strong>
        </p>
      </header>

      <div aria-live="polite" className="incident-detail__message">
        {message && (
          <p className={`action-message action-message--${message.tone}`} role={message.tone === 'ok' ? 'status' : 'alert'} data-testid="action-message">
            {message.tone === 'ok' && t(message.key, { reference: message.reference, status: statusLabel(message.status) })}
            {message.tone === 'conflict' && `${t(message.key)} ${t('dispatchConsole.conflict.current', { status: statusLabel(message.status), version: message.version })}`}
            {message.tone === 'error' && ('key' in message ? t(message.key) : errorMessage(t, message.error))}
          </p>
        )}
      </div>

      <section className="incident-actions" aria-label={t('dispatchConsole.actions.label')}>
        <div className="button-row">
          {transitionButton('verified', t('dispatchConsole.actions.verify'), true)}
          {incident.status === 'verified' && (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void dispatchNearest(incident)}>
              {t('dispatchConsole.actions.dispatch')}
            </button>
          )}
          {incident.status === 'resolved' && transitionButton('dispatched', t('dispatchConsole.actions.reopen'))}
          {transitionButton('on_scene', t('dispatchConsole.actions.onScene'))}
          {transitionButton('resolved', t('dispatchConsole.actions.resolve'))}
          {transitionButton('closed', t('dispatchConsole.actions.close'), true)}
          {allowed.includes('rejected') && (
            <button type="button" className="button button--danger" disabled={busy} onClick={() => setForm(form === 'reject' ? null : 'reject')}>
              {t('dispatchConsole.actions.reject')}
            </button>
          )}
          {allowed.includes('duplicate') && (
            <button type="button" className="button" disabled={busy} onClick={() => setForm(form === 'duplicate' ? null : 'duplicate')}>
              {t('dispatchConsole.actions.duplicate')}
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => dispatchApi.pushToWall(incident.id).then(() => incident), 'dispatchConsole.actions.pushedToWall')}>
            {t('dispatchConsole.actions.pushToWall')}
          </button>
          {busy && <span className="muted">{t('dispatchConsole.actions.working')}</span>}
        </div>

        {form === 'reject' && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void transition(incident, 'rejected', reason.trim() || undefined);
            }}
          >
            <label className="field">
              <span className="field__label">{t('dispatchConsole.actions.rejectReason')}</span>
              <textarea ref={reasonField} value={reason} onChange={(event) => setReason(event.target.value)} rows={2} maxLength={2000} required />
            </label>
            <div className="button-row">
              <button type="submit" className="button button--danger" disabled={busy || !reason.trim()}>
                {t('dispatchConsole.actions.confirm')}
              </button>
              <button type="button" className="button" onClick={() => setForm(null)}>
                {t('dispatchConsole.actions.cancel')}
              </button>
            </div>
          </form>
        )}

        {form === 'duplicate' && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (originalId) void run(() => dispatchApi.merge(originalId, [incident.id]).then(() => dispatchApi.detail(incident.id)));
            }}
          >
            {sameKind.length ? (
              <label className="field">
                <span className="field__label">{t('dispatchConsole.actions.duplicateOf')}</span>
                <select value={originalId} onChange={(event) => setOriginalId(event.target.value)} required data-testid="duplicate-original">
                  <option value="">{t('dispatchConsole.actions.chooseOriginal')}</option>
                  {sameKind.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.reference} · {other.title}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <p>{t('dispatchConsole.actions.noOriginal')}</p>
            )}
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={busy || !originalId}>
                {t('dispatchConsole.actions.confirm')}
              </button>
              <button type="button" className="button" onClick={() => setForm(null)}>
                {t('dispatchConsole.actions.cancel')}
              </button>
            </div>
          </form>
        )}

        {(isOpenIncident(incident.status) || incident.status === 'resolved') && (
          <label className="field field--inline">
            <span className="field__label">{t('dispatchConsole.actions.priority')}</span>
            <select
              value={incident.priority}
              disabled={busy}
              onChange={(event) => void run(() => dispatchApi.update(incident, { priority: event.target.value as IncidentPriority }))}
              data-testid="set-priority"
            >
              {INCIDENT_PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {priority}
                </option>
              ))}
            </select>
          </label>
        )}
      </section>

      <div className="incident-detail__columns">
        <div className="incident-detail__column">
          {isOpenIncident(incident.status) && (
            <AssignPanel
              key={`${incident.id}:${incident.agencyId ?? ''}`}
              incident={incident}
              agencies={agencies}
              defaultAgencyId={defaultAgencyId}
              busy={busy}
              onAssign={(agencyId, unitId, andDispatch) => void assign(incident, agencyId, unitId, andDispatch)}
            />
          )}

          <section aria-labelledby="sources-title">
            <h3 id="sources-title">{t('dispatchConsole.detail.sources', { n: incident.sources.length })}</h3>
            <IncidentSources
              sources={incident.sources}
              splitIds={isOpenIncident(incident.status) && incident.sources.length > 1 ? splitIds : null}
              onToggleSplit={(id) =>
                setSplitIds((previous) => {
                  const next = new Set(previous);
                  if (next.has(id)) next.delete(id);
                  else next.add(id);
                  return next;
                })
              }
            />
            {splitIds.size > 0 && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    const result = await dispatchApi.split(incident.id, [...splitIds]);
                    setSplitIds(new Set());
                    return result.original;
                  })
                }
              >
                {t('dispatchConsole.actions.split')}
              </button>
            )}
          </section>

          {fieldPhotos.status === 'ready' && fieldPhotos.data.photos.length > 0 && (
            <section aria-labelledby="field-photos-title">
              <h3 id="field-photos-title">{t('dispatchConsole.detail.fieldPhotos')}</h3>
              <PhotoStrip photos={fieldPhotos.data.photos} altKey="dispatchConsole.detail.fieldPhotoAlt" />
            </section>
          )}

          {isOpenIncident(incident.status) && sameKind.length > 0 && (
            <form
              className="inline-form"
              aria-labelledby="merge-title"
              onSubmit={(event) => {
                event.preventDefault();
                if (mergeId) void run(() => dispatchApi.merge(incident.id, [mergeId]));
              }}
            >
              <h3 id="merge-title">{t('dispatchConsole.actions.mergeTitle')}</h3>
              <label className="field">
                <span className="field__label">{t('dispatchConsole.actions.mergePick')}</span>
                <select value={mergeId} onChange={(event) => setMergeId(event.target.value)}>
                  <option value="">{t('dispatchConsole.actions.chooseOriginal')}</option>
                  {sameKind.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.reference} · {other.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button" disabled={busy || !mergeId}>
                {t('dispatchConsole.actions.merge')}
              </button>
            </form>
          )}

          <form
            className="inline-form"
            aria-labelledby="note-title"
            onSubmit={(event) => {
              event.preventDefault();
              const text = note.trim();
              if (!text) return;
              void run(async () => {
                const result = await dispatchApi.note(incident.id, { text, public: notePublic });
                setNote('');
                return result;
              });
            }}
          >
            <h3 id="note-title">{t('dispatchConsole.actions.noteTitle')}</h3>
            <label className="field">
              <span className="field__label">{t('dispatchConsole.actions.noteText')}</span>
              <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={4000} />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={notePublic} onChange={(event) => setNotePublic(event.target.checked)} /> {t('dispatchConsole.actions.notePublic')}
            </label>
            <button type="submit" className="button" disabled={busy || !note.trim()}>
              {t('dispatchConsole.actions.addNote')}
            </button>
          </form>
        </div>

        <div className="incident-detail__column">
          <section aria-labelledby="map-title">
            <h3 id="map-title">{t('dispatchConsole.detail.map')}</h3>
            {mapAvailable ? (
              <Suspense fallback={<p className="muted">{t('dispatchConsole.detail.mapLoading')}</p>}>
                <IncidentMap incident={incident} units={units.status === 'ready' ? units.data : []} onUnavailable={() => setMapAvailable(false)} />
              </Suspense>
            ) : (
              <p className="muted">{t('dispatchConsole.detail.mapUnavailable')}</p>
            )}
          </section>
          <section aria-labelledby="context-title">
            <h3 id="context-title">{t('dispatchConsole.detail.context')}</h3>
            <IncidentContextPanel context={context.status === 'ready' ? context.data : null} />
          </section>
          <section aria-labelledby="history-title">
            <h3 id="history-title">{t('dispatchConsole.detail.history')}</h3>
            <IncidentAudit entries={incident.audit} />
          </section>
        </div>
      </div>
    </article>
  );
}
