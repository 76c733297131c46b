import { useTranslation } from 'react-i18next';

/** Shown instead of a blank screen if rendering a route throws. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <main className="app-main">
      <section className="notice" role="alert">
        <h1>{t('app.crashed')}</h1>
        <div className="notice__actions">
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        </div>
      </section>
    </main>
  );
}
