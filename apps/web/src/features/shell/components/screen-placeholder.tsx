import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../hooks/use-page-title';

export type PlaceholderScreen = 'dispatch' | 'briefings' | 'report' | 'wall';

const UPCOMING = ['upcoming1', 'upcoming2', 'upcoming3'] as const;

/** A screen that is not built yet says what it will hold. */
export function ScreenPlaceholder({ screen }: { screen: PlaceholderScreen }) {
  const { t } = useTranslation();
  const title = t(`screens.${screen}.title`);
  usePageTitle(title);
  return (
    <section className="placeholder" aria-labelledby="placeholder-title" data-testid={`${screen}-placeholder`}>
      <p className="badge">{t('placeholder.badge')}</p>
      <h1 id="placeholder-title">{title}</h1>
      <p className="placeholder__lead">{t(`screens.${screen}.description`)}</p>
      <h2>{t('placeholder.upcoming')}</h2>
      <ul className="placeholder__list">
        {UPCOMING.map((item) => (
          <li key={item}>{t(`screens.${screen}.${item}`)}</li>
        ))}
      </ul>
    </section>
  );
}
