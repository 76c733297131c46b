import { api } from '../../../api/api-client';
import { SessionStore, type KeyValueStorage } from './session-store';

function tabStorage(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The web app's one session. */
export const sessionStore = new SessionStore({ api, storage: tabStorage() });
