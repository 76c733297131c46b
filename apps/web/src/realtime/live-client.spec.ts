import type { LiveReducer } from '@mekong-ioc/shared';
import { LiveClient, type LiveSocket } from './live-client';

type Handler = (...args: unknown[]) => void;

const UNAVAILABLE = { ok: false, code: 'LIVE_UNAVAILABLE', message: 'database busy' };
const OK = { ok: true, topic: 'kpis', epoch: 'e1', seq: 0, mode: 'snapshot', replayed: 0 };

/** Just enough of a Socket.IO client socket: the test plays the server. */
class FakeSocket {
  connected = false;
  connectCalls = 0;
  readonly handlers = new Map<string, Handler[]>();
  readonly subscribes: unknown[] = [];
  answers: unknown[] = [];

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect(): this {
    this.connectCalls += 1;
    return this;
  }
  emit(): this {
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  timeout() {
    return {
      emitWithAck: (_event: string, request: unknown) => {
        this.subscribes.push(request);
        const answer = this.answers.shift();
        // As the server does: the snapshot goes out before the subscribe is answered.
        if (answer === OK) this.fire('live:snapshot', { topic: 'kpis', epoch: 'e1', seq: 0, snapshot: 5 });
        return answer === undefined ? Promise.reject(new Error('operation has timed out')) : Promise.resolve(answer);
      },
    };
  }
  serverAccepts(): void {
    this.connected = true;
    this.fire('connect');
  }
}

const reducer: LiveReducer<number> = { fromSnapshot: (raw) => Number(raw), applyDelta: (state) => state + 1 };

function setUp() {
  const socket = new FakeSocket();
  const client = new LiveClient({ accessToken: () => 'token', socketFactory: () => socket as unknown as LiveSocket });
  return { socket, client };
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('LiveClient under a busy server', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks again, on the same socket, for a topic the server could not serve or did not answer', async () => {
    const { socket, client } = setUp();
    client.follow('kpis', reducer, () => undefined);
    client.connect();
    socket.answers = [UNAVAILABLE];
    socket.serverAccepts();
    await flush();
    expect(socket.subscribes).toHaveLength(1);
    // No answer this time (an ack timeout), then served.
    await jest.advanceTimersByTimeAsync(2_000);
    expect(socket.subscribes).toHaveLength(2);
    socket.answers = [OK];
    await jest.advanceTimersByTimeAsync(4_000);
    expect(socket.subscribes).toHaveLength(3);
    expect(client.viewOf('kpis')?.status).toBe('live');
    // Served: no more asking.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(socket.subscribes).toHaveLength(3);
    client.close();
  });

  it('does not ask again for a topic its role may not join', async () => {
    const { socket, client } = setUp();
    client.follow('incidents', reducer, () => undefined);
    client.connect();
    socket.answers = [{ ok: false, code: 'TOPIC_FORBIDDEN', message: 'no' }];
    socket.serverAccepts();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(socket.subscribes).toHaveLength(1);
    client.close();
  });

  it('reconnects by itself after the server cut it (too slow a client), which Socket.IO does not', async () => {
    const { socket, client } = setUp();
    client.connect();
    socket.serverAccepts();
    const before = socket.connectCalls;
    socket.connected = false;
    socket.fire('disconnect', 'io server disconnect');
    expect(client.getStatus().connection).toBe('reconnecting');
    await jest.advanceTimersByTimeAsync(2_000);
    expect(socket.connectCalls).toBe(before + 1);
    client.close();
  });

  it('leaves an ordinary lost link to Socket.IO’s own back-off', async () => {
    const { socket, client } = setUp();
    client.connect();
    socket.serverAccepts();
    const before = socket.connectCalls;
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    await jest.advanceTimersByTimeAsync(30_000);
    expect(socket.connectCalls).toBe(before);
    client.close();
  });
});
