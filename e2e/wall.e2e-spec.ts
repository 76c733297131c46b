import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { kpiListResponseSchema, type KpiValue } from '@mekong-ioc/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { testDevice } from '../apps/api/src/test-support/devices';
import { CHROMIUM_PATH, chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../apps/api/src/test-support/test-database';
import { DEMO_API_KEYS, DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-fixtures';
import { formatKpiNumber } from '../apps/web/src/features/wall/components/kpi-tile';
import { CHROMIUM_ARGS, recordPageErrors, recordRequests, saveScreenshot } from './support/browser';
import { pollUntil } from './support/poll';
import { submitSignIn } from './support/web-app';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
const SIM_KEY = DEMO_API_KEYS[0]?.key ?? '';
const GAUGE = 'env-wall-e2e';
const WALL_4K = { width: 3840, height: 2160 };
const WALL_1080P = { width: 1920, height: 1080 };

/** No scrollbars: neither the page nor the wall has more content than room. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const wall = document.querySelector<HTMLElement>('[data-testid="wall"]');
    const root = document.documentElement;
    return {
      page: root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight,
      wall: wall ? wall.scrollWidth > wall.clientWidth || wall.scrollHeight > wall.clientHeight : true,
    };
  });

const tileValues = (page: Page) =>
  page.locator('[data-testid="wall-kpi"]').evaluateAll((tiles) =>
    tiles.map((tile) => ({
      id: tile.getAttribute('data-kpi') ?? '',
      value: tile.querySelector('[data-testid="wall-kpi-value"]')?.textContent ?? '',
      freshness: tile.querySelector('[data-testid="wall-kpi-freshness"]')?.textContent ?? '',
    })),
  );

describeIf(chromiumAvailable)('the video wall in a real browser', () => {
  let database: TestDatabase;
  let app: TestApp;
  let port: number;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  const start = () =>
    startTestApp(database.config, {
      SIMULATOR: 'on',
      SIMULATOR_RATE: '0.05',
      SYSTEM_TICK_SECONDS: '2',
      KPI_REFRESH_SECONDS: '5',
      LIVE_LAYER_FRAME_MS: '250',
      ...(port ? { PORT: String(port) } : {}),
    });

  const apiKpis = async (): Promise<Map<string, KpiValue>> => {
    const session = await app.login('manhinh');
    const response = await fetch(`${app.baseUrl}/api/kpis`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    return new Map(kpiListResponseSchema.parse(await response.json()).values.map((value) => [value.id, value]));
  };

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: build the web app first (npx nx run web:build)`);
    // PostgreSQL, so the API can be stopped and started again on the same data and sessions.
    database = await createTestDatabase('postgres');
    app = await start();
    port = Number(new URL(app.baseUrl).port);
    const admin = await app.login('admin');
    const put = await fetch(`${app.baseUrl}/api/devices/${GAUGE}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify(
        testDevice(GAUGE, 'environment', { kind: 'river_level', lat: 10.3512, lon: 106.3702, thresholds: { water_level: { alarmLevels: [150, 165, 180] } } }),
      ),
    });
    expect(put.status).toBe(200);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    context = await browser.newContext({ baseURL: app.baseUrl, locale: 'vi-VN', viewport: WALL_4K, deviceScaleFactor: 1 });
    requests = recordRequests(context);
    page = await context.newPage();
    pageErrors = recordPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('shows live numbers, the map, English, a critical alert, and keeps its last state through an API outage', async () => {
    await page.goto('/wall');
    await submitSignIn(page, 'manhinh', DEMO_PASSWORD);
    await page.getByTestId('wall').waitFor({ timeout: 30_000 });
    await page.getByTestId('wall-connection').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 30_000 });

    // Tiles: numbers with their age, the same numbers as GET /api/kpis.
    const tiles = await pollUntil(
      () => tileValues(page),
      (all) => all.length >= 8 && all.filter((tile) => tile.value !== '—').length >= 6,
    );
    expect(tiles.length).toBeGreaterThanOrEqual(8);
    for (const tile of tiles.filter((each) => each.value !== '—')) expect(tile.freshness).toMatch(/cập nhật|DỮ LIỆU CŨ/);
    const matches = await pollUntil(
      async () => {
        const [shown, api] = [await tileValues(page), await apiKpis()];
        return shown.map((tile) => {
          const value = api.get(tile.id)?.value ?? null;
          return { id: tile.id, shown: tile.value, api: value === null ? '—' : formatKpiNumber(value, api.get(tile.id)?.unit ?? '', 'vi') };
        });
      },
      (rows) => rows.every((row) => row.shown === row.api),
      30_000,
      1_000,
    );
    expect(matches.filter((row) => row.shown !== row.api)).toEqual([]);

    // The map canvas is drawn: more than one colour.
    const map = page.getByTestId('wall-map');
    await map.locator('canvas').waitFor({ timeout: 30_000 });
    const drawn = await pollUntil(
      async () => (await sharp(await map.screenshot()).stats()).channels.some((channel) => channel.stdev > 10),
      (yes) => yes,
      30_000,
    );
    expect(drawn).toBe(true);
    expect(await overflow(page)).toEqual({ page: false, wall: false });
    expect(await page.locator('.wall__map-note').innerText()).toContain('gần đúng');

    // A critical reading (over alarm level III for longer than the rule's 60 s) takes over the screen.
    const observed = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    // One batch per reading: the alert engine evaluates the newest value of each batch.
    const ingestWaterLevel = (value: number, secondsAgo: number) =>
      fetch(`${app.baseUrl}/api/ingest/environment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': SIM_KEY },
        body: JSON.stringify([{ source: 'e2e', deviceId: GAUGE, metric: 'water_level', value, unit: 'cm', observedAt: observed(secondsAgo) }]),
      });
    expect((await ingestWaterLevel(205, 90)).status).toBe(200);
    const ingestedAt = Date.now();
    expect((await ingestWaterLevel(210, 1)).status).toBe(200);
    const critical = page.getByTestId('wall-critical');
    await critical.waitFor({ timeout: 15_000 });
    const takeoverMs = Date.now() - ingestedAt;
    expect(await critical.innerText()).toContain('CẢNH BÁO KHẨN');
    expect(await critical.innerText()).toContain('CHƯA AI XÁC NHẬN');
    // The scene rotation stops while it is up.
    await page.getByTestId('wall-scene').filter({ hasText: 'dừng chuyển cảnh: cảnh báo khẩn' }).waitFor({ timeout: 5_000 });
    // Reported, not asserted tightly: two shared cores make a hard 2 s flaky; the figure goes in the report.
    console.info(`critical alert on the wall ${takeoverMs} ms after the ingest`);
    expect(takeoverMs).toBeLessThan(10_000);
    await saveScreenshot(page, 'wall-3840x2160');

    // English from the URL. Reloads happen at 1080p: a software-rendered 4K map on two busy CI cores
    // can stall the page long enough for the server to cut it off as a slow client (it then resumes).
    await page.setViewportSize(WALL_1080P);
    await page.goto('/wall?lang=en');
    const english = await pollUntil(
      () => page.evaluate(() => document.querySelector('[data-testid="wall-connection"]')?.textContent ?? null),
      (text) => text === 'Online',
      60_000,
      500,
    );
    expect(english).toBe('Online');
    expect(await page.getByTestId('wall-scene').innerText()).toMatch(/Overview|Traffic|Environment|Incidents/);
    expect(await page.getByTestId('wall-critical').innerText()).toContain('CRITICAL ALERT');

    // A 1080p preview: the same layout, no overflow.
    await page.goto('/wall');
    const vietnamese = await pollUntil(
      () => page.evaluate(() => document.querySelector('[data-testid="wall-connection"]')?.textContent ?? null),
      (text) => text === 'Trực tuyến',
      60_000,
      500,
    );
    expect(vietnamese).toBe('Trực tuyến');
    await page.waitForTimeout(1_000);
    expect(await overflow(page)).toEqual({ page: false, wall: false });
    await saveScreenshot(page, 'wall-1920x1080');
    await page.setViewportSize(WALL_4K);
    // Let the wall write its cache (every 10 s) before the outage.
    await page.waitForTimeout(11_000);
    const before = (await tileValues(page)).filter((tile) => tile.value !== '—');
    expect(before.length).toBeGreaterThanOrEqual(6);

    // The API stops: the last numbers stay under the disconnected banner.
    await app.close();
    const banner = page.getByTestId('wall-disconnected');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/^Mất kết nối — dữ liệu lúc \d{2}:\d{2}$/);
    const during = await tileValues(page);
    expect(during.filter((tile) => tile.value !== '—').map((tile) => tile.id)).toEqual(before.map((tile) => tile.id));
    expect(await page.getByTestId('wall-connection').innerText()).toBe('Mất kết nối');
    await saveScreenshot(page, 'wall-3840x2160-disconnected');

    // It comes back on the same port: the wall reconnects by itself and the banner goes.
    app = await start();
    await banner.waitFor({ state: 'detached', timeout: 45_000 });
    await page.getByTestId('wall-connection').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 30_000 });

    // Everything came from the app's own origin (page, scripts, fonts, socket).
    const origin = new URL(app.baseUrl);
    const foreign = requests.filter((url) => {
      const parsed = new URL(url);
      return !['data:', 'blob:'].includes(parsed.protocol) && parsed.hostname !== origin.hostname;
    });
    expect(foreign).toEqual([]);
    // Errors the outage itself causes (refused connections) are the only ones allowed.
    expect(pageErrors.filter((error) => !/ERR_CONNECTION_REFUSED|Failed to fetch|status of 50\d|WebSocket/.test(error))).toEqual([]);
  }, 300_000);
});
