import type { LiveAckAlertAnswer, LiveAckAlertRequest, LiveReducer } from '@mekong-ioc/shared';
import { LiveClient, type LiveSocket } from './live-client';

/** A socket whose `alert:ack` answers are scripted: an Error is an attempt that heard nothing back in time. */
function scriptedSocket(answers: (LiveAckAlertAnswer | Error)[]) {
  const sent: unknown[] = [];
  const socket = {
    on: () => socket,
    disconnect: () => socket,
    timeout: () => ({
      emitWithAck: async (event: string, request: unknown) => {
        sent.push({ event, request });
        const answer = answers.shift() ?? new Error('operation has timed out');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    }),
  };
  return { socket: socket as unknown as LiveSocket, sent };
}

describe('LiveClient.acknowledgeAlert', () => {
  const request: LiveAckAlertRequest = {
    alertId: '0b6c1f0e-6f4a-4d8e-9a57-3c1f2e4d5a6b',
    comment: 'Đã liên hệ trạm',
    opId: '6a1f9c2e-8b3d-4e5f-a617-2b3c4d5e6f70',
  };
  const refused: LiveAckAlertAnswer = { ok: false, code: 'ALERT_ALREADY_ACKNOWLEDGED', message: 'Someone has already acknowledged this alert.' };

  it('resends an unanswered acknowledgement with the same opId and returns the first answer', async () => {
    const { socket, sent } = scriptedSocket([new Error('operation has timed out'), refused]);
    const client = new LiveClient({ accessToken: () => 'token', socketFactory: () => socket });
    client.connect();
    await expect(client.acknowledgeAlert(request)).resolves.toEqual(refused);
    expect(sent).toEqual([
      { event: 'alert:ack', request },
      { event: 'alert:ack', request },
    ]);
  });

  it('gives up after three unanswered attempts, and without a connection sends nothing', async () => {
    const { socket, sent } = scriptedSocket([]);
    const client = new LiveClient({ accessToken: () => 'token', socketFactory: () => socket });
    await expect(client.acknowledgeAlert(request)).rejects.toThrow('closed');
    client.connect();
    await expect(client.acknowledgeAlert(request)).rejects.toThrow('timed out');
    expect(sent).toHaveLength(3);
  });
});

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
