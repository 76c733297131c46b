import { createServer, type Socket } from 'node:net';
import { buildMyThoRegistry } from '../my-tho-registry';
import { HttpIngestTransport } from '../http-ingest.transport';
import { parseRetryAfter } from '../ingest-transport';
import { simulateReadings } from '../simulation-model';
import { vietnamTimeMs } from '../vietnam-time.util';
import { FakeIngestServer } from './fake-ingest-server';

const KEY = 'test-key';
const detector = buildMyThoRegistry(1).find((d) => d.id === 'trf-001');
const readings = detector ? simulateReadings(detector, vietnamTimeMs(2026, 10, 5, 8, 0), 1) : [];

describe('HttpIngestTransport', () => {
  const server = new FakeIngestServer(KEY);
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());

  it('posts the batch to /api/ingest/{feed} with the API key and reports stored and duplicates', async () => {
    const transport = new HttpIngestTransport({ baseUrl, apiKey: KEY });
    expect(readings).toHaveLength(3);
    expect(await transport.send('traffic', readings)).toEqual({ kind: 'accepted', stored: 3, duplicates: 0, rejected: 0 });
    expect(await transport.send('traffic', readings)).toEqual({ kind: 'accepted', stored: 0, duplicates: 3, rejected: 0 });
    expect(server.requests.at(-1)).toEqual({ feed: 'traffic', count: 3, apiKey: KEY });
    await transport.close();
  });

  it('reports rejections by index and field, and a batch of nothing acceptable (422) as rejected', async () => {
    const transport = new HttpIngestTransport({ baseUrl, apiKey: KEY });
    const [first, second] = readings;
    if (!first || !second) throw new Error('expected readings');
    const badUnit = { ...second, unit: 'mph', observedAt: '2026-10-05T08:00:30+07:00' };
    const mixed = await transport.send('traffic', [{ ...first, observedAt: '2026-10-05T08:00:30+07:00' }, badUnit]);
    expect(mixed).toEqual({ kind: 'accepted', stored: 1, duplicates: 0, rejected: 1, firstRejection: '#1 unit: mean_speed is measured in km/h' });
    const none = await transport.send('traffic', [badUnit]);
    expect(none).toMatchObject({ kind: 'accepted', stored: 0, rejected: 1 });
    await transport.close();
  });

  it('asks for a retry on 503, honouring Retry-After', async () => {
    const transport = new HttpIngestTransport({ baseUrl, apiKey: KEY });
    server.busyRequests = 1;
    expect(await transport.send('traffic', readings)).toMatchObject({ kind: 'retry', status: 503, retryAfterMs: 1_000 });
    expect(await transport.send('traffic', readings)).toMatchObject({ kind: 'accepted' });
    await transport.close();
  });

  it('reports a refusal for a wrong key, which resending cannot fix', async () => {
    const transport = new HttpIngestTransport({ baseUrl, apiKey: 'wrong' });
    expect(await transport.send('traffic', readings)).toEqual({ kind: 'refused', status: 401, reason: '401 Unauthorized – unknown API key' });
    await transport.close();
  });

  it('asks for a retry when nothing listens, or the answer is too slow', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const down = new HttpIngestTransport({ baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY });
    expect(await down.send('traffic', readings)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('ECONNREFUSED') });
    await down.close();

    // A server that accepts the connection and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentAddress = silent.address();
    const silentPort = typeof silentAddress === 'object' && silentAddress ? silentAddress.port : 0;
    const slow = new HttpIngestTransport({ baseUrl: `http://127.0.0.1:${silentPort}`, apiKey: KEY, timeoutMs: 200 });
    expect(await slow.send('traffic', readings)).toMatchObject({ kind: 'retry', reason: expect.stringContaining('no answer within 200 ms') });
    await slow.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
