import {
  loginRequestSchema,
  sessionSchema,
  wallDisplaySessionSchema,
  type LoginRequest,
  type Session,
  type SessionUser,
  type WallDisplaySession,
} from '@mekong-ioc/shared';
import type { z } from 'zod';
import type { ApiClient, ApiRequest } from '../../../api/api-client';
import { isApiError } from '../../../api/api-error';

export type SessionState =
  | { status: 'restoring' }
  /** `ended`: the API refused the refresh token (expired, reused or revoked). */
  | { status: 'signed-out'; reason: 'signed-out' | 'ended' | null }
  | { status: 'signed-in'; user: SessionUser };

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Timers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export interface SessionStoreOptions {
  api: ApiClient;
  /** Holds the refresh token for this tab (sessionStorage in the browser); null when storage is unavailable. */
  storage: KeyValueStorage | null;
  /** Holds a paired wall display's credential across reloads and restarts (localStorage in the browser). */
  deviceStorage?: KeyValueStorage | null;
  timers?: Timers;
}

export const REFRESH_TOKEN_KEY = 'mekong-ioc.refresh-token';
export const WALL_DEVICE_KEY = 'mekong-ioc.wall-device';
/** After a failed refresh that was not a refusal (network down), try again this soon. */
export const REFRESH_RETRY_MS = 15_000;
/** A paired display that cannot reach the API at start asks again this often. */
export const DEVICE_BOOT_RETRY_MS = 5_000;

/** When to refresh an access token that lives `expiresIn` seconds: a minute early, or a fifth early if it is short. */
export const refreshDelayMs = (expiresIn: number): number => {
  const lifetimeMs = expiresIn * 1000;
  return Math.max(1000, lifetimeMs - Math.min(60_000, lifetimeMs / 5));
};

const browserTimers: Timers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The only place that knows about tokens. The access token lives in memory only; the refresh token
 * in this tab's storage so a reload can resume. Refresh tokens are single-use on the API (reuse ends
 * every session), so at most one refresh is ever in flight.
 */
export class SessionStore {
  readonly #api: ApiClient;
  readonly #storage: KeyValueStorage | null;
  readonly #deviceStorage: KeyValueStorage | null;
  readonly #timers: Timers;
  readonly #listeners = new Set<() => void>();
  #state: SessionState = { status: 'restoring' };
  #accessToken: string | null = null;
  #refreshTimer: unknown = null;
  #refreshing: Promise<boolean> | null = null;
  #restoring: Promise<void> | null = null;
  /** Bumped on every sign-in and sign-out, so a refresh that started before one cannot undo it. */
  #generation = 0;

  constructor(options: SessionStoreOptions) {
    this.#api = options.api;
    this.#storage = options.storage;
    this.#deviceStorage = options.deviceStorage ?? null;
    this.#timers = options.timers ?? browserTimers;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.#state;

  /** The current access token (memory only), for connections that cannot go through `json`, e.g. the live socket and uploads. */
  getAccessToken = (): string | null => this.#accessToken;

  /** Resumes the tab's session after a reload, if it has one. Safe to call more than once. */
  restore(): Promise<void> {
    this.#restoring ??= (async () => {
      if (this.#state.status !== 'restoring') return;
      if (!this.#readRefreshToken() && !this.#readDeviceCredential()) {
        this.#setState({ status: 'signed-out', reason: null });
        return;
      }
      await this.#refresh();
    })();
    return this.#restoring;
  }

  /**
   * Makes this browser a paired wall display: its credential is kept (it survives reloads and
   * restarts) and traded for read-only sessions from now on. Call before `restore`.
   */
  pairDevice(credential: string): void {
    this.#write(this.#deviceStorage, WALL_DEVICE_KEY, credential);
    this.#remove(this.#storage, REFRESH_TOKEN_KEY);
  }

  /** Renews the access token now, e.g. when the live connection was refused for it. */
  renewNow = (): Promise<boolean> => this.#refresh();

  /** Signs in; throws the API's `ApiError` (AUTH_BAD_CREDENTIALS, …) when it refuses. */
  async signIn(credentials: LoginRequest): Promise<SessionUser> {
    const session = await this.#api.json('/api/auth/login', sessionSchema, {
      method: 'POST',
      body: loginRequestSchema.parse(credentials),
    });
    this.#generation += 1;
    this.#accept(session);
    return session.user;
  }

  /** Ends the session here at once, then revokes the refresh token on the API. */
  async signOut(): Promise<void> {
    const refreshToken = this.#readRefreshToken();
    this.#generation += 1;
    this.#remove(this.#deviceStorage, WALL_DEVICE_KEY);
    this.#end({ status: 'signed-out', reason: 'signed-out' });
    if (refreshToken) await this.#revoke(refreshToken);
  }

  /**
   * Calls an API route as the signed-in user. On a 401 it refreshes the access token once and
   * retries; if that fails too the session ends and the error is thrown.
   */
  async json<S extends z.ZodType>(path: string, schema: S, request: Omit<ApiRequest, 'accessToken'> = {}): Promise<z.output<S>> {
    const token = this.#accessToken;
    try {
      return await this.#api.json(path, schema, { ...request, accessToken: token });
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      // Another call may have refreshed meanwhile; only refresh if the token that failed is still current.
      const refreshed = this.#accessToken !== token && this.#accessToken !== null ? true : await this.#refresh();
      if (!refreshed) throw error;
      return this.#api.json(path, schema, { ...request, accessToken: this.#accessToken });
    }
  }

  #refresh(): Promise<boolean> {
    this.#refreshing ??= this.#runRefresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #runRefresh(): Promise<boolean> {
    const device = this.#readDeviceCredential();
    if (device) return this.#renewDevice(device);
    const refreshToken = this.#readRefreshToken();
    if (!refreshToken) {
      this.#end({ status: 'signed-out', reason: this.#state.status === 'signed-in' ? 'ended' : null });
      return false;
    }
    const generation = this.#generation;
    try {
      const session = await this.#api.json('/api/auth/refresh', sessionSchema, { method: 'POST', body: { refreshToken } });
      if (generation !== this.#generation) {
        // Signed out (or in as someone else) while this was in flight: drop the new token on the API too.
        await this.#revoke(session.refreshToken);
        return false;
      }
      this.#accept(session);
      return true;
    } catch (error) {
      if (generation !== this.#generation) return false;
      if (isApiError(error) && error.status >= 400 && error.status < 500) {
        this.#end({ status: 'signed-out', reason: 'ended' });
        return false;
      }
      // No answer or a server fault: the refresh token may still be good, so keep it and try again soon.
      if (this.#state.status === 'restoring') {
        this.#accessToken = null;
        this.#setState({ status: 'signed-out', reason: null });
      } else {
        this.#schedule(REFRESH_RETRY_MS);
      }
      return false;
    }
  }

  /**
   * A paired display presents its credential again: nothing single-use, so a reload in the middle
   * cannot end its session. Only a refusal unpairs it; while the API is unreachable (a wall that
   * boots before the server) it keeps trying instead of showing a sign-in form nobody can type in.
   */
  async #renewDevice(credential: string): Promise<boolean> {
    const generation = this.#generation;
    try {
      const session = await this.#api.json('/api/wall-displays/session', wallDisplaySessionSchema, { method: 'POST', body: { credential } });
      if (generation !== this.#generation) return false;
      this.#accept(session);
      return true;
    } catch (error) {
      if (generation !== this.#generation) return false;
      if (isApiError(error) && error.status >= 400 && error.status < 500) {
        this.#remove(this.#deviceStorage, WALL_DEVICE_KEY);
        this.#end({ status: 'signed-out', reason: 'ended' });
        return false;
      }
      this.#schedule(this.#state.status === 'restoring' ? DEVICE_BOOT_RETRY_MS : REFRESH_RETRY_MS);
      return false;
    }
  }

  #accept(session: Session | WallDisplaySession): void {
    this.#accessToken = session.accessToken;
    if ('refreshToken' in session) this.#writeRefreshToken(session.refreshToken);
    this.#schedule(refreshDelayMs(session.expiresIn));
    this.#setState({ status: 'signed-in', user: session.user });
  }

  #end(state: Extract<SessionState, { status: 'signed-out' }>): void {
    this.#accessToken = null;
    this.#cancelTimer();
    this.#removeRefreshToken();
    this.#setState(state);
  }

  async #revoke(refreshToken: string): Promise<void> {
    try {
      await this.#api.empty('/api/auth/logout', { method: 'POST', body: { refreshToken } });
    } catch {
      // Signed out here already; an unreachable API lets the token expire on its own.
    }
  }

  #schedule(delayMs: number): void {
    this.#cancelTimer();
    this.#refreshTimer = this.#timers.set(() => {
      this.#refreshTimer = null;
      void this.#refresh();
    }, delayMs);
  }

  #cancelTimer(): void {
    if (this.#refreshTimer !== null) this.#timers.clear(this.#refreshTimer);
    this.#refreshTimer = null;
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #readDeviceCredential(): string | null {
    try {
      return this.#deviceStorage?.getItem(WALL_DEVICE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  #write(storage: KeyValueStorage | null, key: string, value: string): void {
    try {
      storage?.setItem(key, value);
    } catch {
      // Without storage the pairing lasts for this page only.
    }
  }

  #remove(storage: KeyValueStorage | null, key: string): void {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing stored then.
    }
  }

  #readRefreshToken(): string | null {
    try {
      return this.#storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  #writeRefreshToken(token: string): void {
    try {
      this.#storage?.setItem(REFRESH_TOKEN_KEY, token);
    } catch {
      // Without storage the session still works in this page; a reload asks to sign in again.
    }
  }

  #removeRefreshToken(): void {
    try {
      this.#storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Nothing stored then.
    }
  }
}
