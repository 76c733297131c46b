import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { HttpIngestTransport } from '../http-ingest.transport';
import { formatReport, parseLoadTestArgs, runLoadTest } from '../simulator.cli';
import { FakeIngestServer } from './fake-ingest-server';

const quiet = { log: () => undefined, warn: () => undefined };

describe('load-test CLI', () => {
  it('parses its options, with the demo key and sane defaults', () => {
    const options = parseLoadTestArgs(['--url', 'http://127.0.0.1:3999', '--rate-per-second', '20000', '--seconds', '30', '--connections', '8']);
    expect(options).toEqual({
      url: 'http://127.0.0.1:3999',
      ratePerSecond: 20_000,
      seconds: 30,
      transport: 'http',
      mqttUrl: 'mqtt://127.0.0.1:1883',
      topicPrefix: 'ioc/v1',
      seed: 1679,
      connections: 8,
      batchSize: 500,
      apiKey: DEMO_API_KEYS[0]?.key,
      json: false,
    });
    expect(parseLoadTestArgs(['--transport', 'mqtt', '--mqtt-url', 'mqtt://broker:1883', '--seed', '7', '--json'])).toMatchObject({
      transport: 'mqtt',
      mqttUrl: 'mqtt://broker:1883',
      seed: 7,
      json: true,
    });
    expect(() => parseLoadTestArgs(['--rate-per-second', 'lots'])).toThrow(/--rate-per-second must be an integer/);
    expect(() => parseLoadTestArgs(['--transport', 'carrier-pigeon'])).toThrow(/--transport must be http or mqtt/);
    expect(() => parseLoadTestArgs(['--unknown'])).toThrow();
  });

  it('pushes the offered rate of unique, valid readings and reports what the API made of them', async () => {
    const key = 'load-key';
    const server = new FakeIngestServer(key);
    const url = await server.start();
    server.busyRequests = 2;
    const options = { ...parseLoadTestArgs(['--url', url, '--rate-per-second', '4000', '--seconds', '1.5', '--connections', '4']), apiKey: key };
    const transport = new HttpIngestTransport({ baseUrl: url, apiKey: key, connections: 4 });
    try {
      const report = await runLoadTest(options, transport, quiet);
      // 4,000/s for 1.5 s offers 6,000; a loaded CI box may tick late, so only the upper bound is
      // exact. Speed itself is measured by `npm run bench`, not here.
      expect(report.generated).toBeGreaterThanOrEqual(3_000);
      expect(report.generated).toBeLessThanOrEqual(6_000);
      // Every reading is new (observed times step per series), valid, and got through despite two 503s.
      expect(report.stored).toBe(report.generated);
      expect(report.duplicates).toBe(0);
      expect(report.rejected).toBe(0);
      expect(report.unsent).toBe(0);
      expect(report.status503).toBe(2);
      expect(server.keys.size).toBe(report.generated);
      expect(report.readingsPerSecond).toBeGreaterThan(0);
      expect(new Set(server.requests.map((r) => r.feed))).toEqual(new Set(['traffic', 'environment', 'camera', 'dossier', 'wifi']));
      expect(Math.max(...server.requests.map((r) => r.count))).toBeLessThanOrEqual(500);
      expect(formatReport(report, options)).toContain(`stored ${report.stored}, duplicates 0, rejected 0`);
    } finally {
      await transport.close();
      await server.stop();
    }
  });

  it('reports refusals (a wrong key) instead of hanging', async () => {
    const server = new FakeIngestServer('right-key');
    const url = await server.start();
    const options = { ...parseLoadTestArgs(['--url', url, '--rate-per-second', '1000', '--seconds', '0.5']), apiKey: 'wrong-key' };
    const transport = new HttpIngestTransport({ baseUrl: url, apiKey: 'wrong-key' });
    try {
      const report = await runLoadTest(options, transport, quiet);
      expect(report.acknowledged).toBe(0);
      expect(report.refused).toBe(report.generated);
      expect(report.firstProblem).toMatch(/401/);
    } finally {
      await transport.close();
      await server.stop();
    }
  });
});
