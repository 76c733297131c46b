import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the browser tab after the page, in the language showing. */
export function usePageTitle(pageTitle: string | null): void {
  const { t } = useTranslation();
  const suffix = `${t('app.name')} · ${t('app.tagline')}`;
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${suffix}` : suffix;
  }, [pageTitle, suffix]);
}
