import {
  INCIDENT_STATUS_LABELS,
  REPORT_CATEGORY_DEFINITIONS,
  trackingCodeSchema,
  type TrackingView,
} from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../../i18n/error-message';
import { useLanguage } from '../../../i18n/use-language';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { useTrackingView } from '../hooks/use-tracking-view';
import { formatReportTime, toDateTimeAttribute } from '../utils/report-time.util';
import '../citizen-report.css';
import { TrackCodeForm } from './track-code-form';

/** `/track/:code`: what a citizen may see of their report, refreshed while the page is open. */
export function TrackPage() {
  const { code: rawCode = '' } = useParams();
  const parsed = trackingCodeSchema.safeParse(rawCode);
  return (
    <div className="citizen-page">
      {/* Keyed by code, so another code starts from a clean "loading" state. */}
      {parsed.success ? <TrackedReport key={parsed.data} code={parsed.data} /> : <ReportNotFound code={rawCode} />}
    </div>
  );
}

function TrackedReport({ code }: { code: string }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [state, refresh] = useTrackingView(code, language);
  usePageTitle(state.status === 'not-found' ? t('track.notFoundTitle') : t('track.title', { code }));

  if (state.status === 'not-found') return <ReportNotFound code={code} />;
  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        {t('track.loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <section className="track" aria-labelledby="track-title">
        <h1 id="track-title">{t('track.title', { code })}</h1>
        <p className="form-error" role="alert">
          {errorMessage(t, state.error)}
        </p>
        <button type="button" className="button button--large" onClick={refresh}>
          {t('track.refresh')}
        </button>
      </section>
    );
  }

  const { view } = state;
  return (
    <section className="track" aria-labelledby="track-title" data-testid="tracked-report">
      <h1 id="track-title">{t('track.title', { code: view.trackingCode })}</h1>

      <div className="track-status">
        <span className={`status-badge status-badge--${view.status}`} data-testid="track-status" data-status={view.status}>
          {INCIDENT_STATUS_LABELS[view.status][language]}
        </span>
        <span className={`open311-status open311-status--${view.open311Status}`} data-testid="track-open311">
          {view.open311Status === 'open' ? t('track.open311Open') : t('track.open311Closed')}
        </span>
      </div>
      {view.expectedAt && view.open311Status === 'open' && (
        <p className="track-expected" data-testid="track-expected">
          {t('track.expected', { time: formatReportTime(view.expectedAt, language) })}
        </p>
      )}

      <dl className="track-facts">
        <div>
          <dt>{t('track.category')}</dt>
          <dd data-testid="track-category">{REPORT_CATEGORY_DEFINITIONS[view.category][language]}</dd>
        </div>
        <div>
          <dt>{t('track.agency')}</dt>
          <dd data-testid="track-agency">{view.agency ? (language === 'vi' ? view.agency.nameVi : view.agency.nameEn) : t('track.noAgency')}</dd>
        </div>
        <div>
          <dt>{t('track.submittedAt')}</dt>
          <dd>
            <time dateTime={toDateTimeAttribute(view.submittedAt)} data-testid="track-submitted">
              {formatReportTime(view.submittedAt, language)}
            </time>
          </dd>
        </div>
        <div>
          <dt>{t('track.updatedAt')}</dt>
          <dd>
            <time dateTime={toDateTimeAttribute(view.updatedAt)}>{formatReportTime(view.updatedAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('track.location')}</dt>
          <dd>{view.address ?? `${view.lat.toFixed(5)}, ${view.lon.toFixed(5)}`}</dd>
        </div>
        <div className="track-facts__wide">
          <dt>{t('track.description')}</dt>
          <dd className="track-description">{view.description}</dd>
        </div>
      </dl>

      <h2>{t('track.history')}</h2>
      <StatusTimeline history={view.history} />

      {view.photos.length > 0 && (
        <>
          <h2>{t('track.photos')}</h2>
          <ul className="track-photos">
            {view.photos.map((photo, index) => (
              <li key={photo.url}>
                <a href={photo.url} target="_blank" rel="noopener noreferrer">
                  <img src={photo.thumbnailUrl} alt={t('track.photoAlt', { number: index + 1 })} loading="lazy" data-testid="track-photo" />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}

      <div className="track-refresh">
        <button type="button" className="button button--large" onClick={refresh} disabled={state.refreshing}>
          {state.refreshing ? t('track.refreshing') : t('track.refresh')}
        </button>
        <span className="report-hint" aria-live="polite">
          {state.error
            ? t('track.refreshFailed', { message: errorMessage(t, state.error) })
            : t('track.lastChecked', { time: formatReportTime(new Date(state.receivedAt).toISOString(), language) })}
        </span>
      </div>
      <p>
        <Link to="/report">{t('track.newReport')}</Link>
      </p>
    </section>
  );
}

function StatusTimeline({ history }: { history: TrackingView['history'] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  if (history.length === 0) return <p className="report-hint">{t('track.noHistory')}</p>;
  return (
    <ol className="timeline" data-testid="track-history">
      {history.map((event, index) => (
        <li key={`${event.at}-${index}`} className={`timeline__item timeline__item--${event.status}`}>
          <span className="timeline__status">{INCIDENT_STATUS_LABELS[event.status][language]}</span>
          <time className="timeline__time" dateTime={toDateTimeAttribute(event.at)}>
            {formatReportTime(event.at, language)}
          </time>
          {event.note && <p className="timeline__note">{event.note}</p>}
        </li>
      ))}
    </ol>
  );
}

function ReportNotFound({ code }: { code: string }) {
  const { t } = useTranslation();
  usePageTitle(t('track.notFoundTitle'));
  return (
    <section className="track track--not-found" aria-labelledby="track-not-found-title" data-testid="track-not-found">
      <h1 id="track-not-found-title">{t('track.notFoundTitle')}</h1>
      <p>{t('track.notFoundBody', { code })}</p>
      <h2>{t('track.otherCode')}</h2>
      <TrackCodeForm />
    </section>
  );
}
