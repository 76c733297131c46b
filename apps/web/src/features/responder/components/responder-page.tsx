import { INCIDENT_STATUS_LABELS, REPORT_CATEGORY_DEFINITIONS, type IncidentDetail, type IncidentSummary } from '@mekong-ioc/shared';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError, type ApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { useLanguage } from '../../../i18n/use-language';
import { useSession } from '../../auth/hooks/use-session';
import { formatReportTime } from '../../citizen-report/utils/report-time.util';
import { IncidentAudit } from '../../dispatch/components/incident-audit';
import { dispatchApi } from '../../dispatch/api/dispatch-api';
import { useLiveIncidents } from '../../dispatch/hooks/use-live-incidents';
import { useRemote } from '../../dispatch/hooks/use-remote';
import { describeActionFailure, type ActionRefusalKey } from '../../dispatch/utils/action-error.util';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { responderActionsFor, responderStepOf, type ResponderAction } from '../utils/responder-step.util';
import '../../dispatch/dispatch.css';
import '../responder.css';

/**
 * `/responder`: a phone-sized list of the incidents assigned to the responder's agency (the API
 * shows no other agency's), and for each (`/responder/:incidentId`, a link a unit can be sent):
 * accept, on the way, on scene, resolved with a note and a photo. Changes made anywhere arrive on
 * the live channel.
 */
export function ResponderPage() {
  const { t } = useTranslation();
  usePageTitle(t('responderView.title'));
  const live = useLiveIncidents();
  const { incidentId } = useParams();
  const navigate = useNavigate();
  // The list is not loaded behind an open incident: it would refetch on every live change for nothing.
  const loadList = useCallback(() => dispatchApi.assigned(), []);
  const [list] = useRemote(incidentId ? null : loadList, live.changeKey);

  if (incidentId) return <ResponderIncident key={incidentId} incidentId={incidentId} changeKey={live.changeKey} onBack={() => void navigate('/responder')} />;
  return (
    <div className="responder" data-testid="responder-view">
      <h1>{t('responderView.title')}</h1>
      {list.status === 'loading' && <p className="page-status">{t('responderView.loading')}</p>}
      {list.status === 'failed' && (
        <p className="form-error" role="alert">
          {t('responderView.failed', { message: errorMessage(t, list.error) })}
        </p>
      )}
      {list.status === 'ready' && !list.data.items.length && <p>{t('responderView.empty')}</p>}
      {list.status !== 'loading' && list.data && (
        <ul className="responder-list">
          {list.data.items.map((incident) => (
            <li key={incident.id}>
              <ResponderCard incident={incident} onOpen={() => void navigate(`/responder/${encodeURIComponent(incident.id)}`)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ResponderCard({ incident, onOpen }: { incident: IncidentSummary; onOpen: () => void }) {
  const [language] = useLanguage();
  return (
    <button type="button" className="responder-card" onClick={onOpen} data-testid="responder-card" data-reference={incident.reference}>
      <span className="responder-card__head">
        <span className={`priority priority--${incident.priority}`}>{incident.priority}</span>
        <strong>{incident.reference}</strong>
        <span className={`status status--${incident.status}`}>{INCIDENT_STATUS_LABELS[incident.status][language]}</span>
      </span>
      <span>{incident.title}</span>
      <span className="muted">{REPORT_CATEGORY_DEFINITIONS[incident.category][language]}</span>
    </button>
  );
}

type Feedback = { tone: 'ok' } | { tone: 'error'; key: ActionRefusalKey } | { tone: 'error'; error: ApiError } | { tone: 'error'; missingNote: true };

function ResponderIncident({ incidentId, changeKey, onBack }: { incidentId: string; changeKey: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const session = useSession();
  const loadDetail = useCallback(() => dispatchApi.detail(incidentId), [incidentId]);
  const [remote, reload, replace] = useRemote(loadDetail, changeKey);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);

  const act = async (work: () => Promise<IncidentDetail>) => {
    setBusy(true);
    setFeedback(null);
    try {
      replace(await work());
      setFeedback({ tone: 'ok' });
    } catch (error) {
      if (!isApiError(error)) throw error;
      const failure = describeActionFailure(error);
      setFeedback(failure.kind === 'refused' ? { tone: 'error', key: failure.messageKey } : { tone: 'error', error });
      reload();
    } finally {
      setBusy(false);
    }
  };

  if (remote.status === 'loading') return <p className="page-status">{t('responderView.loading')}</p>;
  const incident = remote.data;
  // The API answers 404 for another agency's incident as for one that does not exist: say exactly that.
  if (!incident && remote.status === 'failed' && (remote.error.status === 404 || remote.error.status === 403)) {
    return (
      <section className="responder notice notice--denied" aria-labelledby="responder-not-found-title" data-testid="responder-not-found">
        <h1 id="responder-not-found-title">{t('responderView.notFoundTitle')}</h1>
        <p>{t('responderView.notFound')}</p>
        <Link className="button" to="/responder">
          {t('responderView.back')}
        </Link>
      </section>
    );
  }
  if (!incident) {
    return (
      <div className="responder">
        <p className="form-error" role="alert">
          {t('responderView.failed', { message: remote.status === 'failed' ? errorMessage(t, remote.error) : '' })}
        </p>
        <button type="button" className="button" onClick={onBack}>
          {t('responderView.back')}
        </button>
      </div>
    );
  }

  const step = responderStepOf(incident);
  const run = (action: ResponderAction) => {
    if (action === 'accept') return act(() => dispatchApi.progress(incident.id, 'accepted'));
    if (action === 'onTheWay') return act(() => dispatchApi.progress(incident.id, 'en_route'));
    if (action === 'onScene') return act(() => dispatchApi.transition(incident, 'on_scene'));
    setResolving(true);
    return Promise.resolve();
  };
  const resolve = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return setFeedback({ tone: 'error', missingNote: true });
    void act(async () => {
      if (photos.length) await dispatchApi.attachPhotos(incident.id, await dispatchApi.uploadPhotos(photos), text);
      // The photos' note bumped nothing: the version seen before still holds for the move.
      const resolved = await dispatchApi.transition(incident, 'resolved', text);
      setResolving(false);
      return resolved;
    });
  };
  const agencyName = session.status === 'signed-in' && incident.agency ? (language === 'vi' ? incident.agency.nameVi : incident.agency.nameEn) : '';

  return (
    <div className="responder" data-testid="responder-incident" data-step={step}>
      <button type="button" className="button" onClick={onBack}>
        ← {t('responderView.back')}
      </button>
      <h1>
        <span className={`priority priority--${incident.priority}`}>{incident.priority}</span> {incident.reference}
      </h1>
      <p>
        <span className="responder-step" data-testid="responder-step">
          {t(`responderView.steps.${step}`)}
        </span>{' '}
        <span className="muted">{agencyName}</span>
      </p>
      <p>
        <strong>{incident.title}</strong>
      </p>
      <p>{incident.description}</p>
      <p className="muted">
        {t('responderView.location', { lat: incident.lat.toFixed(5), lon: incident.lon.toFixed(5) })} ·{' '}
        {t('responderView.deadline', { time: formatReportTime(incident.resolveDeadline, language) })}
      </p>

      <div aria-live="polite">
        {feedback && (
          <p className={feedback.tone === 'ok' ? 'action-message' : 'action-message action-message--error'} role={feedback.tone === 'ok' ? 'status' : 'alert'} data-testid="responder-feedback">
            {feedback.tone === 'ok' && t('responderView.done')}
            {feedback.tone === 'error' && 'key' in feedback && t(feedback.key)}
            {feedback.tone === 'error' && 'error' in feedback && errorMessage(t, feedback.error)}
            {feedback.tone === 'error' && 'missingNote' in feedback && t('responderView.resolveMissingNote')}
          </p>
        )}
      </div>

      {!resolving && (
        <div className="responder-actions">
          {responderActionsFor(step).map((action) => (
            <button key={action} type="button" className="button button--primary" disabled={busy} onClick={() => void run(action)}>
              {t(`responderView.${action}`)}
            </button>
          ))}
          {busy && <span className="muted">{t('responderView.working')}</span>}
        </div>
      )}

      {resolving && (
        <form className="responder-form" onSubmit={resolve} aria-labelledby="resolve-title">
          <h2 id="resolve-title">{t('responderView.resolveTitle')}</h2>
          <label className="field">
            <span className="field__label">{t('responderView.resolveNote')}</span>
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={2000} aria-describedby="resolve-note-hint" />
            <span id="resolve-note-hint" className="muted">
              {t('responderView.resolveNoteHint')}
            </span>
          </label>
          <label className="field">
            <span className="field__label">{t('responderView.resolvePhoto')}</span>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              onChange={(event) => setPhotos(Array.from(event.target.files ?? []).slice(0, 5))}
              data-testid="resolve-photo"
            />
          </label>
          {photos.length > 0 && <p className="muted">{t('responderView.resolvePhotoChosen', { n: photos.length })}</p>}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('responderView.working') : t('responderView.resolveSend')}
          </button>
        </form>
      )}

      <h2>{t('responderView.history')}</h2>
      <IncidentAudit entries={incident.audit} />
    </div>
  );
}
