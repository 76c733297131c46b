import {
  BRIEFING_FORMATS,
  BRIEFING_LOCALES,
  briefingProgressReducer,
  type BriefingFormat,
  type BriefingListItem,
  type BriefingLocale,
} from '@mekong-ioc/shared';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { useLiveTopic } from '../../../realtime/use-live-topic';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { briefingsApi } from '../api/briefings-api';
import { defaultWeek, weekOptions } from '../utils/week-options.util';
import '../briefings.css';

const asApiError = (error: unknown): ApiError => (error instanceof ApiError ? error : ApiError.network(error));

/**
 * The briefing export page: pick a week (last week by default), a format and a language, make the
 * briefing and watch its progress on the `briefings` live topic; download finished briefings.
 */
export function BriefingsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('briefingsPage.title'));
  const weeks = useMemo(() => weekOptions(new Date()), []);
  const [week, setWeek] = useState(() => defaultWeek(new Date()));
  const [format, setFormat] = useState<BriefingFormat>('pdf');
  const [locale, setLocale] = useState<BriefingLocale>(i18n.language === 'en' ? 'en' : 'vi');
  const [jobId, setJobId] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [items, setItems] = useState<BriefingListItem[] | null>(null);

  const live = useLiveTopic('briefings', briefingProgressReducer);
  const progress = jobId ? live?.state?.get(jobId) : undefined;

  // The list shows a new briefing once its job ends, whoever's it was, and on request.
  const finishedJobs = useMemo(
    () => [...(live?.state?.values() ?? [])].filter((job) => job.state !== 'running').map((job) => job.jobId).join(','),
    [live?.state],
  );
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    briefingsApi.list().then(
      (list) => current && setItems(list.items),
      (caught: unknown) => current && setError(errorMessage(t, asApiError(caught))),
    );
    return () => {
      current = false;
    };
  }, [finishedJobs, nonce, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const answer = await briefingsApi.create({ week, format, locale });
      setJobId(answer.jobId);
      reload();
    } catch (caught) {
      setError(errorMessage(t, asApiError(caught)));
    } finally {
      setSubmitting(false);
    }
  }

  async function download(item: BriefingListItem) {
    try {
      await briefingsApi.download(item.id, item.fileName);
    } catch (caught) {
      setError(t('briefingsPage.downloadFailed', { message: errorMessage(t, asApiError(caught)) }));
    }
  }

  const percent = Math.round((progress?.progress ?? 0) * 100);
  const dateTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });

  return (
    <section className="briefings" aria-labelledby="briefings-title">
      <h1 id="briefings-title">{t('briefingsPage.title')}</h1>
      <p className="briefings__lead">{t('briefingsPage.lead')}</p>

      <form className="briefings__form" onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('briefingsPage.form.legend')}</legend>
          <label className="field">
            <span className="field__label">{t('briefingsPage.form.week')}</span>
            <select value={week} onChange={(event) => setWeek(event.target.value)} data-testid="briefing-week">
              {weeks.map((option) => {
                const label = t('briefingsPage.form.weekOption', { number: option.number, year: option.year, from: option.from, to: option.to });
                return (
                  <option key={option.week} value={option.week}>
                    {option.current ? t('briefingsPage.form.currentWeek', { label }) : label}
                  </option>
                );
              })}
            </select>
          </label>
          <fieldset className="briefings__choices">
            <legend className="field__label">{t('briefingsPage.form.format')}</legend>
            {BRIEFING_FORMATS.map((value) => (
              <label key={value}>
                <input type="radio" name="format" value={value} checked={format === value} onChange={() => setFormat(value)} />{' '}
                {t(`briefingsPage.form.formats.${value}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field__label">{t('briefingsPage.form.locale')}</span>
            <select value={locale} onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'vi')}>
              {BRIEFING_LOCALES.map((value) => (
                <option key={value} value={value}>
                  {t(`briefingsPage.form.locales.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary" disabled={submitting || progress?.state === 'running'}>
            {submitting ? t('briefingsPage.form.submitting') : t('briefingsPage.form.submit')}
          </button>
        </fieldset>
      </form>

      {jobId && (
        <div className="briefings__progress" data-testid="briefing-progress">
          <progress max={100} value={percent} aria-label={t('briefingsPage.progress.label')} />
          <p role="status">
            {!progress
              ? t('briefingsPage.progress.waiting')
              : progress.state === 'running'
                ? t('briefingsPage.progress.running', { percent })
                : t(`briefingsPage.progress.${progress.state}`)}
          </p>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <div className="briefings__list-head">
        <h2>{t('briefingsPage.list.title')}</h2>
        <button type="button" className="button" onClick={reload}>
          {t('briefingsPage.list.refresh')}
        </button>
      </div>
      {items && items.length === 0 && <p className="muted">{t('briefingsPage.list.empty')}</p>}
      {items && items.length > 0 && (
        <table className="briefings__table" data-testid="briefing-list">
          <thead>
            <tr>
              <th scope="col">{t('briefingsPage.list.week')}</th>
              <th scope="col">{t('briefingsPage.list.format')}</th>
              <th scope="col">{t('briefingsPage.list.locale')}</th>
              <th scope="col">{t('briefingsPage.list.createdBy')}</th>
              <th scope="col">{t('briefingsPage.list.createdAt')}</th>
              <th scope="col">{t('briefingsPage.list.state')}</th>
              <th scope="col">{t('briefingsPage.list.download')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  {item.week}{' '}
                  {item.provisional && (
                    <span className="badge briefings__provisional" title={t('briefingsPage.list.provisionalHint')}>
                      {t('briefingsPage.list.provisional')}
                    </span>
                  )}
                </td>
                <td>{item.format.toUpperCase()}</td>
                <td>{t(`briefingsPage.form.locales.${item.locale}`)}</td>
                <td>{item.createdBy?.displayName ?? t('briefingsPage.list.scheduler')}</td>
                <td>{dateTime.format(new Date(item.createdAt))}</td>
                <td title={item.error ?? undefined}>{t(`briefingsPage.list.states.${item.state}`)}</td>
                <td>
                  {item.state === 'done' && (
                    <button
                      type="button"
                      className="button"
                      aria-label={t('briefingsPage.list.downloadLabel', { name: item.fileName })}
                      onClick={() => void download(item)}
                    >
                      {t('briefingsPage.list.download')}
                      {item.sizeBytes !== null && <span className="muted"> · {t('briefingsPage.list.size', { size: Math.max(1, Math.round(item.sizeBytes / 1024)) })}</span>}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
