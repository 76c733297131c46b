import { healthSchema, readinessSchema } from '@mekong-ioc/shared';
import { describeIf, postgresAvailable } from '../../../test-support/services';
import { TcpProxy } from '../../../test-support/tcp-proxy';
import { startTestApp, TestApp } from '../../../test-support/test-app';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../../../test-support/test-database';

describeEachDatabase('health', (kind) => {
  let database: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    api = await startTestApp(database.config);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('says which database it runs on, its version and uptime', async () => {
    const response = await fetch(`${api.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(healthSchema.parse(await response.json())).toEqual({
      status: 'ok',
      database: kind,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
    });
  });

  it('is ready when the database answers', async () => {
    const response = await fetch(`${api.baseUrl}/api/health/ready`);
    expect(response.status).toBe(200);
    expect(readinessSchema.parse(await response.json())).toMatchObject({ status: 'ready', database: { status: 'up' } });
  });

  it('publishes its OpenAPI description at /api/docs', async () => {
    const page = await fetch(`${api.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    const document = (await (await fetch(`${api.baseUrl}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/users']));
  });
});

describeIf(postgresAvailable)('readiness when PostgreSQL goes away and comes back [postgres]', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const target = new URL(database.url ?? '');
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    target.host = `127.0.0.1:${port}`;
    api = await startTestApp({ kind: 'postgres', url: target.toString(), poolSize: 3, migrateOnStart: true });
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.stop();
    await database?.drop();
  });

  const ready = async () => {
    const started = Date.now();
    const response = await fetch(`${api.baseUrl}/api/health/ready`);
    return { status: response.status, body: readinessSchema.parse(await response.json()), ms: Date.now() - started };
  };

  it('answers 503 quickly while the database is unreachable and 200 again once it is back, without a restart', async () => {
    expect((await ready()).status).toBe(200);

    proxy.disconnect();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', database: { status: 'down', latencyMs: null } });
    expect(down.ms).toBeLessThan(2_500);
    // Liveness does not depend on the database.
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);

    proxy.reconnect();
    let back = await ready();
    for (let attempt = 0; back.status !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await ready();
    }
    expect(back.status).toBe(200);
  });
});
