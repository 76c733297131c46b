import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../../features/shell/hooks/use-page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  usePageTitle(t('notFound.title'));
  return (
    <section className="notice" aria-labelledby="not-found-title" data-testid="not-found">
      <p className="notice__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: pathname })}</p>
      <div className="notice__actions">
        <Link className="button button--primary" to="/">
          {t('notFound.backHome')}
        </Link>
      </div>
    </section>
  );
}
