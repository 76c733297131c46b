import type { SubmitReportResponse } from '@mekong-ioc/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import '../citizen-report.css';
import { ReportForm } from './report-form';
import { ReportSubmitted } from './report-submitted';

/** `/report`: the public form, then the tracking code. */
export function ReportPage() {
  const { t } = useTranslation();
  const [submitted, setSubmitted] = useState<SubmitReportResponse | null>(null);
  usePageTitle(t('report.title'));

  return (
    <div className="citizen-page">
      {submitted ? (
        <ReportSubmitted response={submitted} onAnother={() => setSubmitted(null)} />
      ) : (
        <ReportForm
          onSubmitted={(response) => {
            setSubmitted(response);
            // The code replaces a long form; a phone left scrolled to its bottom would show nothing.
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </div>
  );
}
