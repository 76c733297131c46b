import { useSyncExternalStore } from 'react';
import { sessionStore } from '../state/app-session';
import type { SessionState } from '../state/session-store';

export const useSession = (): SessionState => useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);

export { sessionStore };
