import { ROLE_LABELS } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SCREEN_ROLES } from '../../features/auth/utils/screen-access.util';
import { usePageTitle } from '../../features/shell/hooks/use-page-title';
import { useLanguage } from '../../i18n/use-language';

const SCREENS = [
  { screen: 'wall', to: '/wall' },
  { screen: 'dispatch', to: '/dispatch' },
  { screen: 'responder', to: '/responder' },
  { screen: 'briefings', to: '/briefings' },
  { screen: 'report', to: '/report' },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  usePageTitle(null);

  return (
    <div className="home">
      <section className="home__hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="home__intro">{t('home.intro')}</p>
      </section>
      <nav aria-label={t('home.screensLabel')}>
        <ul className="screen-cards">
          {SCREENS.map(({ screen, to }) => (
            <li key={screen}>
              <Link className={`screen-card screen-card--${screen}`} to={to}>
                <span className="screen-card__title">{t(`screens.${screen}.title`)}</span>
                <span className="screen-card__description">{t(`screens.${screen}.description`)}</span>
                <span className="screen-card__access">
                  {screen === 'report'
                    ? t('home.public')
                    : t('home.forRoles', { roles: SCREEN_ROLES[screen].map((role) => ROLE_LABELS[role][language]).join(', ') })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="home__track">
        <Link to="/track">{t('home.trackLink')}</Link>
      </p>
    </div>
  );
}
