import { api } from '../../../api/api-client';
import { SessionStore, type KeyValueStorage } from './session-store';

function tabStorage(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** A paired wall display keeps its credential across restarts, so it is not tab storage. */
function deviceStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The web app's one session. */
export const sessionStore = new SessionStore({ api, storage: tabStorage(), deviceStorage: deviceStorage() });
