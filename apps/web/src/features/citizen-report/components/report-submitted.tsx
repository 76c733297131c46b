import type { SubmitReportResponse } from '@mekong-ioc/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type CopyState = 'idle' | 'copied' | 'failed';

/** The end of the form: the tracking code, large and copyable, and the way to follow the report. */
export function ReportSubmitted({ response, onAnother }: { response: SubmitReportResponse; onAnother: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>('idle');

  const copyCode = async (): Promise<void> => {
    try {
      // The clipboard API needs a secure context; on a plain-http LAN demo the reader copies by hand.
      await navigator.clipboard.writeText(response.trackingCode);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section className="report-submitted" aria-labelledby="report-submitted-title" data-testid="report-submitted">
      <h1 id="report-submitted-title">{t('report.submittedTitle')}</h1>
      <p>{t('report.submittedBody')}</p>
      <p className="tracking-code__label" id="tracking-code-label">
        {t('report.trackingCodeLabel')}
      </p>
      <output className="tracking-code" aria-labelledby="tracking-code-label" data-testid="tracking-code">
        {response.trackingCode}
      </output>
      <p className="report-hint">{t('report.trackingCodeHint')}</p>
      {response.photos > 0 && <p>{t('report.photosReceived', { n: response.photos })}</p>}
      <div className="report-submitted__actions">
        <button type="button" className="button button--large" onClick={() => void copyCode()}>
          {t('report.copyCode')}
        </button>
        <Link className="button button--primary button--large" to={`/track/${response.trackingCode}`}>
          {t('report.followReport')}
        </Link>
      </div>
      <p aria-live="polite" className="report-hint">
        {copy === 'copied' ? t('report.copied') : copy === 'failed' ? t('report.copyFailed') : ''}
      </p>
      <button type="button" className="link-button" onClick={onAnother}>
        {t('report.another')}
      </button>
    </section>
  );
}
