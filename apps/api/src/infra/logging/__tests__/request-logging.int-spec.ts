import { Writable } from 'node:stream';
import { testDevice } from '../../../test-support/devices';
import { startTestApp, type TestApp } from '../../../test-support/test-app';
import { DEMO_API_KEYS } from '../../../modules/demo/demo-fixtures';

const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}
const INFO = 30;
const WARN = 40;

/** What the operator reads at LOG_LEVEL=info: requests and the app's own events, not machine chatter. */
describe('request and start-up logging at info', () => {
  let api: TestApp;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    api = await startTestApp({ kind: 'pglite', dataDir: null }, { LOG_LEVEL: 'info' }, { logDestination: capture });
  });
  afterAll(async () => {
    await api?.close();
  });

  const requestLines = (path: string) => lines.filter((line) => line.msg === 'request completed' && line.req?.url.startsWith(path));
  const eventually = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return check();
  };

  it('leaves Nest’s module and route roll-call out, and keeps the app’s own start-up lines', () => {
    expect(lines.filter((line) => ['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'WebSocketsController'].includes(line.context ?? ''))).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: INFO, context: 'DemoSeedService', msg: expect.stringMatching(/^Demo data ready/) }));
    expect(lines).toContainEqual(expect.objectContaining({ level: INFO, context: 'NestApplication' }));
  });

  it('writes no line for an accepted device batch, a warn line for a refused one, and an info line for other requests', async () => {
    const admin = await api.login('admin');
    const put = await fetch(`${api.baseUrl}/api/devices/log-aq-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify(testDevice('log-aq-1', 'environment')),
    });
    expect(put.status).toBe(200);
    const ingest = (body: string) =>
      fetch(`${api.baseUrl}/api/ingest/environment`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY }, body });
    const reading = { source: 'test', deviceId: 'log-aq-1', metric: 'pm25', value: 12, unit: 'µg/m³', observedAt: new Date().toISOString() };

    expect((await ingest(JSON.stringify([reading]))).status).toBe(200);
    expect((await ingest('{"not": "an array"')).status).toBe(400);

    expect(await eventually(() => requestLines('/api/ingest/').length > 0 && requestLines('/api/devices/').length > 0)).toBe(true);
    expect(requestLines('/api/ingest/').map((line) => [line.level, line.res?.statusCode])).toEqual([[WARN, 400]]);
    expect(requestLines('/api/devices/').map((line) => [line.level, line.res?.statusCode])).toEqual([[INFO, 200]]);
  });
});
