import { useEffect, useMemo, type ReactNode } from 'react';
import { sessionStore, useSession } from '../features/auth/hooks/use-session';
import { LiveClient } from './live-client';
import { LiveClientContext } from './use-live-topic';

/**
 * Gives the signed-in part of the app its one live connection: a LiveClient per signed-in user,
 * reading the session's access token at every (re)connect, connected while mounted and closed on
 * sign-out or unmount. Screens that follow topics (wall, dispatch console, responder view) sit
 * inside it; signed out, it renders nothing (those screens send the reader to sign in anyway).
 */
export function LiveClientProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  // Constructing connects nothing; the effect below does, so Strict Mode's double effects are harmless.
  const client = useMemo(() => (userId ? new LiveClient({ accessToken: sessionStore.getAccessToken, onTokenRefused: () => void sessionStore.renewNow() }) : null), [userId]);

  useEffect(() => {
    if (!client) return;
    client.connect();
    return () => client.close();
  }, [client]);

  if (!client) return null;
  return <LiveClientContext.Provider value={client}>{children}</LiveClientContext.Provider>;
}
