import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import '../citizen-report.css';
import { TrackCodeForm } from './track-code-form';

/** `/track`: where a citizen types the code they were given. */
export function TrackLookupPage() {
  const { t } = useTranslation();
  usePageTitle(t('track.lookupTitle'));
  return (
    <div className="citizen-page">
      <section className="track-lookup" aria-labelledby="track-lookup-title">
        <h1 id="track-lookup-title">{t('track.lookupTitle')}</h1>
        <p>{t('track.lookupIntro')}</p>
        <TrackCodeForm />
        <p>
          <Link to="/report">{t('track.newReport')}</Link>
        </p>
      </section>
    </div>
  );
}
