import { alertIncidentResponseSchema, type Alert } from '@mekong-ioc/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { useLanguage } from '../../../i18n/use-language';
import { useLiveClient, useLiveTopic } from '../../../realtime/use-live-topic';
import { sessionStore } from '../../auth/state/app-session';
import { formatReportTime } from '../../citizen-report/utils/report-time.util';
import { liveAlertsReducer, newOperationId, sortAlerts } from '../utils/live-alerts.reducer';

/**
 * The active alerts (live `alerts` topic): acknowledge with a comment (over the socket, retried
 * with one operation id), open or join an incident from one, or jump to the incident it already has. Critical ones, e.g. a P1 not dispatched in
 * time, come first.
 */
export function AlertPanel({ onShowIncident }: { onShowIncident: (incidentId: string) => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const live = useLiveClient();
  const view = useLiveTopic('alerts', liveAlertsReducer);
  const alerts = useMemo(() => sortAlerts(view?.state?.values() ?? []), [view?.state]);
  const [acking, setAcking] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // A raised critical alert opens the panel; only the officer closes it again. Tying `open` to
  // "a critical alert is raised" folded the panel away the moment the officer acknowledged the last
  // one, hiding the confirmation of what they had just done.
  const criticalRaised = alerts.some((alert) => alert.severity === 'critical' && alert.state === 'raised');
  const [open, setOpen] = useState(criticalRaised);
  // Adjusted while rendering (not in an effect): the panel opens in the same paint as the alert.
  const [wasRaised, setWasRaised] = useState(criticalRaised);
  if (criticalRaised !== wasRaised) {
    setWasRaised(criticalRaised);
    if (criticalRaised) setOpen(true);
  }

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const acknowledge = (alert: Alert) =>
    act(async () => {
      const answer = await live.acknowledgeAlert({ alertId: alert.id, comment: comment.trim(), opId: newOperationId() }).catch((error: unknown) => {
        throw ApiError.network(error);
      });
      // The refusal's code is the REST problem code (or ACTION_FORBIDDEN / PAYLOAD_INVALID), shown like a REST failure.
      if (!answer.ok) throw new ApiError(answer.code === 'ACTION_FORBIDDEN' ? 403 : 409, answer.code, answer.message);
      setAcking(null);
      setComment('');
    });
  const openIncident = (alert: Alert) =>
    act(async () => {
      const answer = await sessionStore.json(`/api/alerts/${alert.id}/incident`, alertIncidentResponseSchema, { method: 'POST' });
      onShowIncident(answer.incidentId);
    });
  const text = (bilingual: { vi: string; en: string }) => bilingual[language];

  return (
    <details className="alert-panel" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="alert-panel">
      <summary>{t('dispatchConsole.alerts.title', { n: alerts.length })}</summary>
      {failure && (
        <p className="action-message action-message--error" role="alert">
          {t('dispatchConsole.alerts.failed', { message: errorMessage(t, failure) })}
        </p>
      )}
      {!alerts.length && <p className="muted">{t('dispatchConsole.alerts.empty')}</p>}
      <ul className="alert-list">
        {alerts.map((alert) => (
          <li key={alert.id} className={`alert-item alert-item--${alert.severity}`} data-testid="alert-item">
            <div className="alert-item__head">
              <span className={`alert-severity alert-severity--${alert.severity}`}>{t(`dispatchConsole.alerts.severity.${alert.severity}`)}</span>
              <strong>{text(alert.title)}</strong>
              <span className="muted">
                {t(`dispatchConsole.alerts.state.${alert.state}`)} · {t('dispatchConsole.alerts.raisedAt', { time: formatReportTime(alert.raisedAt, language) })}
              </span>
            </div>
            <p className="alert-item__detail">{text(alert.detail)}</p>
            {alert.acknowledgedBy && (
              <p className="muted">{t('dispatchConsole.alerts.acknowledgedBy', { who: alert.acknowledgedBy.displayName, comment: alert.ackComment ?? '' })}</p>
            )}
            <div className="button-row">
              {alert.state === 'raised' && acking !== alert.id && (
                <button type="button" className="button" disabled={busy} onClick={() => setAcking(alert.id)}>
                  {t('dispatchConsole.alerts.ack')}
                </button>
              )}
              {alert.incidentId ? (
                <button type="button" className="button" onClick={() => alert.incidentId && onShowIncident(alert.incidentId)}>
                  {t('dispatchConsole.alerts.viewIncident')}
                </button>
              ) : (
                <button type="button" className="button" disabled={busy} onClick={() => void openIncident(alert)}>
                  {t('dispatchConsole.alerts.openIncident')}
                </button>
              )}
            </div>
            {acking === alert.id && (
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (comment.trim()) void acknowledge(alert);
                }}
              >
                <label className="field">
                  <span className="field__label">{t('dispatchConsole.alerts.ackComment', { title: text(alert.title) })}</span>
                  <input value={comment} onChange={(event) => setComment(event.target.value)} maxLength={500} required />
                </label>
                <div className="button-row">
                  <button type="submit" className="button button--primary" disabled={busy || !comment.trim()}>
                    {t('dispatchConsole.alerts.ackSend')}
                  </button>
                  <button type="button" className="button" onClick={() => setAcking(null)}>
                    {t('dispatchConsole.actions.cancel')}
                  </button>
                </div>
              </form>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
