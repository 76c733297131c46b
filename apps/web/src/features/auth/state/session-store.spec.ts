import { sessionUserSchema } from '@mekong-ioc/shared';
import { createApiClient } from '../../../api/api-client';
import { fakeFetch, fakeSession, json, problem, type FakeRoute } from '../../../testing/fake-api';
import { DEVICE_BOOT_RETRY_MS, REFRESH_RETRY_MS, REFRESH_TOKEN_KEY, SessionStore, WALL_DEVICE_KEY, refreshDelayMs, type Timers } from './session-store';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

/** Timers that run only when the test says so. */
class ManualTimers implements Timers {
  pending = new Map<number, { callback: () => void; delayMs: number }>();
  #next = 0;
  set = (callback: () => void, delayMs: number) => {
    this.#next += 1;
    this.pending.set(this.#next, { callback, delayMs });
    return this.#next;
  };
  clear = (handle: unknown) => void this.pending.delete(handle as number);
  delays = () => [...this.pending.values()].map((timer) => timer.delayMs);
  fireAll = () => {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(routes: Record<string, FakeRoute>, storedRefreshToken?: string) {
  const { fetch, calls } = fakeFetch(routes);
  const storage = new MemoryStorage();
  if (storedRefreshToken) storage.setItem(REFRESH_TOKEN_KEY, storedRefreshToken);
  const timers = new ManualTimers();
  const store = new SessionStore({ api: createApiClient(fetch), storage, timers });
  const callsTo = (path: string) => calls.filter((call) => call.path === path);
  return { store, storage, timers, calls, callsTo };
}

const me = fakeSession().user;

describe('SessionStore', () => {
  it('is signed out after restore when the tab holds no refresh token, without calling the API', async () => {
    const { store, calls } = setUp({});
    await store.restore();
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: null });
    expect(calls).toEqual([]);
  });

  it('signs in, keeps the refresh token in tab storage and refreshes shortly before the access token expires', async () => {
    const first = fakeSession({ expiresIn: 900 });
    const second = fakeSession();
    const { store, storage, timers, callsTo } = setUp({
      'POST /api/auth/login': () => json(200, first),
      'POST /api/auth/refresh': () => json(200, second),
    });
    await store.signIn({ username: 'truc', password: 'mytho-demo-2026' });

    expect(store.getSnapshot()).toEqual({ status: 'signed-in', user: first.user });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe(first.refreshToken);
    expect(timers.delays()).toEqual([refreshDelayMs(900)]);
    expect(refreshDelayMs(900)).toBe(840_000);

    timers.fireAll();
    await settle();
    expect(callsTo('/api/auth/refresh').map((call) => call.body)).toEqual([{ refreshToken: first.refreshToken }]);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe(second.refreshToken);
  });

  it('resumes a session after a reload with one refresh, even when asked twice at once', async () => {
    const session = fakeSession();
    const { store, callsTo } = setUp({ 'POST /api/auth/refresh': () => json(200, session) }, 'stored-refresh');
    expect(store.getSnapshot()).toEqual({ status: 'restoring' });
    await Promise.all([store.restore(), store.restore()]);
    expect(store.getSnapshot()).toEqual({ status: 'signed-in', user: session.user });
    expect(callsTo('/api/auth/refresh')).toHaveLength(1);
  });

  it('on a 401 refreshes once, retries with the new token, and shares that refresh between concurrent calls', async () => {
    const initial = fakeSession();
    const renewed = fakeSession();
    const { store, callsTo } = setUp({
      'POST /api/auth/login': () => json(200, initial),
      'POST /api/auth/refresh': () => json(200, renewed),
      'GET /api/auth/me': (call) =>
        call.authorization === `Bearer ${renewed.accessToken}` ? json(200, me) : problem(401, 'AUTH_TOKEN_INVALID', 'The access token is expired.'),
    });
    await store.signIn({ username: 'truc', password: 'x' });

    const answers = await Promise.all([store.json('/api/auth/me', sessionUserSchema), store.json('/api/auth/me', sessionUserSchema)]);
    expect(answers).toEqual([me, me]);
    expect(callsTo('/api/auth/refresh')).toHaveLength(1);
  });

  it('gives up after one refresh when the API still says 401', async () => {
    const { store, callsTo } = setUp({
      'POST /api/auth/login': () => json(200, fakeSession()),
      'POST /api/auth/refresh': () => json(200, fakeSession()),
      'GET /api/auth/me': () => problem(401, 'AUTH_TOKEN_INVALID', 'The access token is invalid.'),
    });
    await store.signIn({ username: 'truc', password: 'x' });
    await expect(store.json('/api/auth/me', sessionUserSchema)).rejects.toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect(callsTo('/api/auth/refresh')).toHaveLength(1);
    expect(callsTo('/api/auth/me')).toHaveLength(2);
  });

  it('ends the session when the API refuses the refresh token', async () => {
    const { store, storage } = setUp(
      { 'POST /api/auth/refresh': () => problem(401, 'AUTH_REFRESH_INVALID', 'The refresh token was already used.') },
      'spent-token',
    );
    await store.restore();
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'ended' });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('keeps the session through a network failure and tries again soon', async () => {
    let online = true;
    const { store, storage, timers } = setUp({
      'POST /api/auth/login': () => json(200, fakeSession()),
      'POST /api/auth/refresh': () => {
        if (!online) throw new TypeError('fetch failed');
        return json(200, fakeSession());
      },
    });
    const user = await store.signIn({ username: 'truc', password: 'x' });
    const token = storage.getItem(REFRESH_TOKEN_KEY);
    online = false;
    timers.fireAll();
    await settle();
    expect(store.getSnapshot()).toEqual({ status: 'signed-in', user });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe(token);
    expect(timers.delays()).toEqual([REFRESH_RETRY_MS]);
  });

  it('signs out at once and revokes the refresh token on the API', async () => {
    const session = fakeSession();
    const { store, storage, timers, callsTo } = setUp({
      'POST /api/auth/login': () => json(200, session),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    await store.signIn({ username: 'truc', password: 'x' });
    const signingOut = store.signOut();
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    await signingOut;
    expect(callsTo('/api/auth/logout').map((call) => call.body)).toEqual([{ refreshToken: session.refreshToken }]);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(timers.delays()).toEqual([]);
  });

  it('does not let a refresh that finishes after sign-out bring the session back', async () => {
    const renewed = fakeSession();
    let answerRefresh: (response: Response) => void = () => undefined;
    const { store, storage, callsTo } = setUp(
      {
        'POST /api/auth/refresh': () => new Promise<Response>((resolve) => (answerRefresh = resolve)),
        'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      },
      'stored-refresh',
    );
    const restoring = store.restore();
    await settle();
    await store.signOut();
    answerRefresh(json(200, renewed));
    await restoring;
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(callsTo('/api/auth/logout').map((call) => call.body)).toEqual([
      { refreshToken: 'stored-refresh' },
      { refreshToken: renewed.refreshToken },
    ]);
  });

  it('leaves the state alone when sign-in is refused, and throws the problem code', async () => {
    const { store } = setUp({ 'POST /api/auth/login': () => problem(401, 'AUTH_BAD_CREDENTIALS', 'Wrong username or password.') });
    await store.restore();
    await expect(store.signIn({ username: 'truc', password: 'wrong' })).rejects.toMatchObject({ code: 'AUTH_BAD_CREDENTIALS' });
    expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: null });
  });

  describe('a paired wall display', () => {
    const CREDENTIAL = `miocw_AbCdE12345_${'x'.repeat(43)}`;
    const display = { id: me.id, username: 'display:AbCdE12345', displayName: 'Phòng điều hành', role: 'wall' as const, agencyId: null };
    const wallSession = (n: number) => ({ accessToken: `display-access-${n}`, expiresIn: 900, user: display });

    function setUpDevice(routes: Record<string, FakeRoute>) {
      const { fetch, calls } = fakeFetch(routes);
      const storage = new MemoryStorage();
      const deviceStorage = new MemoryStorage();
      const timers = new ManualTimers();
      const store = new SessionStore({ api: createApiClient(fetch), storage, deviceStorage, timers });
      return { store, storage, deviceStorage, timers, calls };
    }

    it('signs in from its credential after pairing, keeps it across reloads and renews by presenting it again', async () => {
      let n = 0;
      const { store, deviceStorage, timers, calls } = setUpDevice({ 'POST /api/wall-displays/session': () => json(200, wallSession(++n)) });
      store.pairDevice(CREDENTIAL);
      await store.restore();
      expect(store.getSnapshot()).toEqual({ status: 'signed-in', user: display });
      expect(store.getAccessToken()).toBe('display-access-1');
      expect(deviceStorage.getItem(WALL_DEVICE_KEY)).toBe(CREDENTIAL);
      expect(timers.delays()).toEqual([refreshDelayMs(900)]);
      timers.fireAll();
      await settle();
      expect(store.getAccessToken()).toBe('display-access-2');
      expect(calls.map((call) => call.body)).toEqual([{ credential: CREDENTIAL }, { credential: CREDENTIAL }]);

      // A reload: a new store over the same device storage signs in without anyone typing.
      const reloaded = new SessionStore({ api: createApiClient(fakeFetch({ 'POST /api/wall-displays/session': () => json(200, wallSession(9)) }).fetch), storage: new MemoryStorage(), deviceStorage, timers: new ManualTimers() });
      await reloaded.restore();
      expect(reloaded.getSnapshot()).toEqual({ status: 'signed-in', user: display });
    });

    it('keeps trying while the API is unreachable at start, instead of asking to sign in', async () => {
      let online = false;
      const { store, timers } = setUpDevice({
        'POST /api/wall-displays/session': () => {
          if (!online) throw new TypeError('fetch failed');
          return json(200, wallSession(1));
        },
      });
      store.pairDevice(CREDENTIAL);
      await store.restore();
      expect(store.getSnapshot()).toEqual({ status: 'restoring' });
      expect(timers.delays()).toEqual([DEVICE_BOOT_RETRY_MS]);
      online = true;
      timers.fireAll();
      await settle();
      expect(store.getSnapshot()).toEqual({ status: 'signed-in', user: display });
    });

    it('is unpaired when the API refuses the credential (revoked)', async () => {
      const { store, deviceStorage } = setUpDevice({
        'POST /api/wall-displays/session': () => problem(401, 'AUTH_WALL_DISPLAY_INVALID', 'The wall display credential is not valid or was revoked.'),
      });
      store.pairDevice(CREDENTIAL);
      await store.restore();
      expect(store.getSnapshot()).toEqual({ status: 'signed-out', reason: 'ended' });
      expect(deviceStorage.getItem(WALL_DEVICE_KEY)).toBeNull();
    });
  });
});
