import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { UserMenu } from '../../auth/components/user-menu';
import { useSession } from '../../auth/hooks/use-session';
import { HealthStatus } from '../../health/components/health-status';
import { navItemsFor } from '../utils/nav-items.util';
import { LanguageSwitch } from './language-switch';

export function AppHeader() {
  const { t } = useTranslation();
  const session = useSession();
  const items = navItemsFor(session.status === 'signed-in' ? session.user.role : null);
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link to="/" className="brand" data-testid="app-name">
          <img className="brand__mark" src="/favicon.svg" alt="" width="32" height="32" />
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__separator" aria-hidden="true">
            {' · '}
          </span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </Link>
        <div className="app-header__tools">
          <LanguageSwitch />
          <UserMenu />
        </div>
      </div>
      <div className="app-header__sub">
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <HealthStatus />
      </div>
    </header>
  );
}
