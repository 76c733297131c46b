import { loginRequestSchema } from '@mekong-ioc/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError, isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { usePageTitle } from '../../shell/hooks/use-page-title';
import { sessionStore, useSession } from '../hooks/use-session';
import { safeReturnPath } from '../utils/screen-access.util';

type LoginProblem = { kind: 'missing-fields' } | { kind: 'api'; error: ApiError };

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const [pending, setPending] = useState(false);
  usePageTitle(t('login.title'));

  const returnTo = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  if (session.status === 'signed-in') return <Navigate to={returnTo ?? '/'} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = loginRequestSchema.safeParse({ username: form.get('username'), password: form.get('password') });
    if (!credentials.success) {
      setProblem({ kind: 'missing-fields' });
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      // On success the session changes and this page redirects itself (above).
      await sessionStore.signIn(credentials.data);
    } catch (error) {
      setProblem({ kind: 'api', error: isApiError(error) ? error : ApiError.network(error) });
      setPending(false);
    }
  };

  // Kept as the error itself, not its text, so it is shown in whichever language is chosen later.
  const message =
    problem?.kind === 'missing-fields'
      ? t('login.missingFields')
      : problem?.kind === 'api'
        ? errorMessage(t, problem.error)
        : session.status === 'signed-out' && session.reason === 'ended'
          ? t('login.sessionEnded')
          : null;

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="login__intro">{t('login.intro')}</p>
      {returnTo && (
        <p className="login__return">
          {t('login.continueTo', { page: returnTo })}
        </p>
      )}
      <form className="login__form" onSubmit={(event) => void submit(event)} noValidate aria-describedby={message ? 'login-error' : undefined}>
        <label className="field">
          <span className="field__label">{t('login.username')}</span>
          <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required maxLength={64} aria-invalid={problem !== null} />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} aria-invalid={problem !== null} />
        </label>
        {message && (
          <p id="login-error" className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
