import { ROLE_LABELS, type SessionUser } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../../i18n/use-language';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { sessionStore } from '../hooks/use-session';
import { SCREEN_ROLES, type Screen } from '../utils/screen-access.util';

/** What a signed-in user sees on a screen their role may not open, with a way out. */
export function NotAllowed({ screen, user }: { screen: Screen; user: SessionUser }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  usePageTitle(t('access.deniedTitle'));
  const roles = SCREEN_ROLES[screen].map((role) => ROLE_LABELS[role][language]).join(', ');

  return (
    <section className="notice notice--denied" aria-labelledby="not-allowed-title" data-testid="not-allowed">
      <h1 id="not-allowed-title">{t('access.deniedTitle')}</h1>
      <p>
        {t('access.deniedBody', {
          name: user.displayName,
          role: ROLE_LABELS[user.role][language],
          page: t(`screens.${screen}.title`),
        })}
      </p>
      <p>{t('access.allowedRoles', { roles })}</p>
      <div className="notice__actions">
        {/* Signing out here sends the guard to the sign-in page, which then comes back to this screen. */}
        <button type="button" className="button button--primary" onClick={() => void sessionStore.signOut()}>
          {t('access.switchAccount')}
        </button>
        <Link className="button" to="/">
          {t('access.backHome')}
        </Link>
      </div>
    </section>
  );
}
