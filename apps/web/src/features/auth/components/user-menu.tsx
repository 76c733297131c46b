import { ROLE_LABELS } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLanguage } from '../../../i18n/use-language';
import { sessionStore, useSession } from '../hooks/use-session';

/** Who is signed in, with sign-out; or a sign-in link that comes back here. */
export function UserMenu() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  if (session.status === 'restoring') return null;
  if (session.status === 'signed-out') {
    const onLoginPage = location.pathname === '/login';
    return onLoginPage ? null : (
      <Link className="button button--primary" to="/login" state={{ from: `${location.pathname}${location.search}` }}>
        {t('auth.signIn')}
      </Link>
    );
  }

  const signOut = async (): Promise<void> => {
    // Leave any signed-in screen first, committed at once (not as a transition), so its guard is gone
    // before the session ends and cannot send us to the sign-in page instead.
    await navigate('/', { flushSync: true });
    await sessionStore.signOut();
  };

  return (
    <div className="user-menu">
      <p className="user-menu__who" aria-label={t('auth.signedInAs')} data-testid="signed-in-user">
        <span className="user-menu__name">{session.user.displayName}</span>
        <span className="user-menu__role">{ROLE_LABELS[session.user.role][language]}</span>
      </p>
      <button type="button" className="button" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}
