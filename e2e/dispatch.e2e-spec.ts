import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_PATH, chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-fixtures';
import { CHROMIUM_ARGS, recordPageErrors, recordRequests, saveScreenshot } from './support/browser';
import { submitSignIn, visibleText } from './support/web-app';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
const REPORT_KEY = 'mioc_demoreport_Mekong-IOC-demo-report-form-key-not-secret0';
const DESKTOP = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const DESCRIPTION = 'Xe tải đỗ chắn ngang đường Lê Lợi, gây ùn tắc trước chợ';
const RESOLUTION = 'Đã yêu cầu tài xế di chuyển xe, lập biên bản vi phạm.';

/**
 * From a citizen's report to a closed incident, in a real browser against the real API: the duty
 * officer's console, a second officer's stale action, the traffic police responder's phone, and the
 * citizen's tracking page. Everything each page loads comes from the app's own origin.
 */
describeIf(chromiumAvailable)('dispatch console and responder view in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: { context: BrowserContext; requests: string[]; errors: string[] }[] = [];

  const openContext = async (viewport: { width: number; height: number }, phone = false): Promise<Page> => {
    const context = await browser.newContext({ baseURL: app.baseUrl, locale: 'vi-VN', viewport, ...(phone && { isMobile: true, hasTouch: true }) });
    const page = await context.newPage();
    // A wait that fails names what it waited for, well before the test's own timeout.
    page.setDefaultTimeout(20_000);
    contexts.push({ context, requests: recordRequests(context), errors: recordPageErrors(page) });
    return page;
  };
  const signIn = async (page: Page, path: string, username: string): Promise<void> => {
    await page.goto(path);
    await page.waitForURL(`${app.baseUrl}/login`);
    await submitSignIn(page, username, DEMO_PASSWORD);
    await page.waitForURL(`${app.baseUrl}${path}`);
  };
  const openConsole = async (): Promise<Page> => {
    const page = await openContext(DESKTOP);
    await signIn(page, '/dispatch', 'truc');
    await page.getByTestId('dispatch-console').waitFor();
    await page.getByTestId('live-status').filter({ hasText: 'Trực tiếp' }).waitFor();
    return page;
  };
  const queueRow = (page: Page, reference: string) => page.locator(`[data-testid="queue-row"][data-reference="${reference}"]`);
  const detailStatus = (page: Page, label: string) => page.getByTestId('detail-status').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: build the web app first (npx nx run web:build)`);
    app = await startTestApp({ kind: 'pglite', dataDir: null });
    // WebGL in software, so the console's map draws in headless Chromium too.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  });

  afterAll(async () => {
    for (const { context } of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('takes an Open311 report to a closed incident, live on every screen, with a conflict for a stale second officer', async () => {
    const officer = await openConsole();
    const secondOfficer = await openConsole();
    // Active alerts sit above the queue (the live `alerts` topic).
    await officer.getByTestId('alert-panel').getByText(/^Cảnh báo đang hoạt động \(\d+\)$/).waitFor();

    // A citizen reports through Open311: the row appears in the console without a reload, within 2 s.
    const posted = Date.now();
    const open311 = await fetch(`${app.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: REPORT_KEY, service_code: 'traffic_violation', lat: '10.3601', long: '106.3572', description: DESCRIPTION }).toString(),
    });
    expect(open311.status).toBe(201);
    const [{ token: trackingCode } = { token: '' }] = (await open311.json()) as { token: string }[];
    const row = officer.locator('[data-testid="queue-row"]').filter({ hasText: 'Xe tải đỗ chắn ngang' });
    await row.waitFor({ timeout: 2_000 });
    expect(Date.now() - posted).toBeLessThan(2_000);
    const reference = (await row.getAttribute('data-reference')) ?? '';
    expect(reference).toMatch(/^SC-\d{6}$/);
    expect(await row.getAttribute('class')).toContain('queue-row--fresh');
    expect(await visibleText(officer, `[data-testid="queue-row"][data-reference="${reference}"] [data-testid="countdown"]`)).toMatch(/^Điều phối trong \d{2}:\d{2}|^Điều phối trong \d+:\d{2}:\d{2}/);

    // Both officers open it; the second one's "verify" is held on its way until the first has verified.
    await queueRow(secondOfficer, reference).click();
    await detailStatus(secondOfficer, 'Mới');
    let releaseStale: () => void = () => undefined;
    const staleHeld = new Promise<void>((held) => {
      void secondOfficer.route('**/api/incidents/*/transitions', async (route: Route) => {
        held();
        await new Promise<void>((release) => (releaseStale = release));
        await route.continue();
      });
    });
    await secondOfficer.getByTestId('incident-detail').getByRole('button', { name: 'Xác minh (V)' }).click();
    await staleHeld;

    // The first officer works from the keyboard: J to the row, Enter, V to verify, D to dispatch the nearest unit.
    await officer.locator('body').press('?');
    await officer.getByTestId('shortcuts-help').getByRole('heading', { name: 'Phím tắt' }).waitFor();
    await officer.keyboard.press('Escape');
    await queueRow(officer, reference).click();
    await detailStatus(officer, 'Mới');
    await officer.keyboard.press('v');
    await detailStatus(officer, 'Đã xác minh');

    // The held request now arrives with the version the second officer saw: refused, explained, refreshed.
    releaseStale();
    const conflict = secondOfficer.getByTestId('action-message');
    await conflict.filter({ hasText: 'Cán bộ khác đã thay đổi sự cố này trước bạn' }).waitFor();
    expect(await conflict.innerText()).toContain('Trạng thái hiện tại: Đã xác minh (phiên bản 2)');
    await detailStatus(secondOfficer, 'Đã xác minh');
    await saveScreenshot(secondOfficer, 'dispatch-conflict-1920');
    await secondOfficer.unroute('**/api/incidents/*/transitions');

    // Suggested units of the traffic police, nearest first, with a straight-line note.
    const suggested = officer.getByTestId('suggested-unit');
    await suggested.first().waitFor();
    expect(await suggested.count()).toBe(3);
    expect(await visibleText(officer, '[data-testid="assign-panel"]')).toContain('Khoảng cách đường chim bay');
    const nearest = (await suggested.first().innerText()).split(':')[0]?.trim() ?? '';
    expect(nearest).toMatch(/^Tổ CSGT \d$/);
    await officer.keyboard.press('d');
    await detailStatus(officer, 'Đã điều phối');
    expect(await officer.getByTestId('detail-agency').innerText()).toBe('Cảnh sát giao thông');
    expect(await officer.getByTestId('detail-unit').innerText()).toBe(nearest);
    await officer.getByTestId('incident-map').locator('canvas').first().waitFor();
    await saveScreenshot(officer, 'dispatch-console-1920');

    // The responder of the traffic police sees it on a phone and works it through.
    const responder = await openContext(PHONE, true);
    await signIn(responder, '/responder', 'csgt');
    const card = responder.locator(`[data-testid="responder-card"][data-reference="${reference}"]`);
    await card.waitFor();
    await saveScreenshot(responder, 'responder-list-phone');
    await card.click();
    const step = (label: string) => responder.getByTestId('responder-step').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
    await step('Mới được giao');
    await responder.getByRole('button', { name: 'Nhận nhiệm vụ' }).click();
    await step('Đã nhận');
    await responder.getByRole('button', { name: 'Đang đến hiện trường' }).click();
    await step('Đang đến');
    await responder.getByRole('button', { name: 'Đã đến hiện trường' }).click();
    await step('Tại hiện trường');
    // The officer's console follows without a reload.
    await detailStatus(officer, 'Đang xử lý');
    expect(await visibleText(officer, '[data-testid="incident-audit"]')).toContain('Đơn vị xử lý đang trên đường đến hiện trường.');

    await responder.getByRole('button', { name: 'Báo đã xử lý' }).click();
    await responder.getByLabel('Ghi chú kết quả').fill(RESOLUTION);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
    await responder.getByTestId('resolve-photo').setInputFiles([{ name: 'hien-truong.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    await saveScreenshot(responder, 'responder-resolve-phone');
    await responder.getByRole('button', { name: 'Gửi kết quả' }).click();
    await step('Đã xử lý');
    await saveScreenshot(responder, 'responder-resolved-phone');

    await detailStatus(officer, 'Đã xử lý');
    await officer.getByRole('img', { name: 'Ảnh hiện trường 1' }).waitFor();
    expect(await visibleText(officer, '[data-testid="incident-audit"]')).toContain(RESOLUTION);

    // The citizen's tracking page shows it resolved, then closed once the officer closes it.
    const citizen = await openContext(PHONE, true);
    await citizen.goto(`/track/${trackingCode}`);
    await citizen.getByTestId('track-status').filter({ hasText: 'Đã xử lý' }).waitFor();
    expect(await visibleText(citizen, '[data-testid="track-history"]')).toContain('Đơn vị xử lý đã nhận nhiệm vụ.');

    await officer.getByTestId('incident-detail').getByRole('button', { name: 'Đóng sự cố' }).click();
    await detailStatus(officer, 'Đã đóng');
    await citizen.reload();
    await citizen.getByTestId('track-status').filter({ hasText: 'Đã đóng' }).waitFor();
    await saveScreenshot(citizen, 'track-closed-phone');

    // The console reads in English too, and fits a laptop screen.
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Dispatch console' }).waitFor();
    await detailStatus(officer, 'Closed');
    await officer.setViewportSize(LAPTOP);
    expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
    await saveScreenshot(officer, 'dispatch-console-1366-en');

    // A responder has no console, and the API hides another agency's incidents from it.
    await responder.goto('/dispatch');
    await responder.getByTestId('not-allowed').waitFor();
  }, 240_000);

  afterEach(() => {
    for (const { requests, errors } of contexts) {
      expect(requests.length).toBeGreaterThan(0);
      const elsewhere = requests.filter(
        (url) => !url.startsWith(`${app.baseUrl}/`) && !url.startsWith(`blob:${app.baseUrl}/`) && !url.startsWith('data:') && !url.startsWith(app.baseUrl.replace('http', 'ws')),
      );
      expect(elsewhere).toEqual([]);
      // Only the browser's own notes on refusals the test provokes: the stale officer's 409, sign-in redirects.
      expect(errors.filter((error) => !/status of (401|409)/.test(error))).toEqual([]);
    }
  });
});
