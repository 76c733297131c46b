import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createdWallDisplaySchema } from '@mekong-ioc/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../apps/api/src/test-support/test-database';
import { launchChromium, recordRequests } from './support/browser';
import { pollUntil } from './support/poll';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');

const connectionText = (page: Page) => page.evaluate(() => document.querySelector('[data-testid="wall-connection"]')?.textContent ?? null);

/** A wall display paired once with its link: no keyboard, through reloads, until it is revoked. */
describeIf(chromiumAvailable)('a paired wall display in a real browser', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let requests: string[];

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: build the web app first (npx nx run web:build)`);
    database = await createTestDatabase('pglite');
    app = await startTestApp(database.config, { SYSTEM_TICK_SECONDS: '2' });
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: app.baseUrl, locale: 'vi-VN', viewport: { width: 1280, height: 720 } });
    requests = recordRequests(context);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('shows the wall from its pairing link without typing, keeps it through a reload, and leaves when revoked', async () => {
    const admin = await app.login('admin');
    const response = await fetch(`${app.baseUrl}/api/wall-displays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ name: 'Màn hình phòng điều hành' }),
    });
    expect(response.status).toBe(201);
    const display = createdWallDisplaySchema.parse(await response.json());

    const page = await context.newPage();
    await page.goto(display.pairingPath);
    expect(await pollUntil(() => connectionText(page), (text) => text === 'Trực tuyến', 60_000, 500)).toBe('Trực tuyến');
    // The secret left the address bar; the device kept it.
    expect(new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).pathname).toBe('/wall');
    expect(await page.evaluate(() => window.localStorage.getItem('mekong-ioc.wall-device'))).toBe(display.credential);
    expect(await page.locator('input[type="password"]').count()).toBe(0);

    // A restart of the display: a new page with nothing but its storage.
    await page.close();
    const restarted = await context.newPage();
    await restarted.goto('/wall');
    expect(await pollUntil(() => connectionText(restarted), (text) => text === 'Trực tuyến', 60_000, 500)).toBe('Trực tuyến');

    // Revoked: its live socket is cut and the wall leaves (to sign-in) within seconds, not at token expiry.
    const revoked = await fetch(`${app.baseUrl}/api/wall-displays/${display.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(revoked.status).toBe(204);
    const left = await pollUntil(() => Promise.resolve(new URL(restarted.url()).pathname), (path) => path === '/login', 30_000, 500);
    expect(left).toBe('/login');
    expect(await restarted.evaluate(() => window.localStorage.getItem('mekong-ioc.wall-device'))).toBeNull();

    const origin = new URL(app.baseUrl);
    expect(requests.filter((url) => !['data:', 'blob:'].includes(new URL(url).protocol) && new URL(url).hostname !== origin.hostname)).toEqual([]);
  }, 180_000);
});
