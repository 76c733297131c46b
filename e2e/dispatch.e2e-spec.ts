import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createIncidentResponseSchema, incidentDetailSchema, kpiListResponseSchema, type IncidentDetail, type KpiId } from '@mekong-ioc/shared';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_PATH, chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-fixtures';
import { buildMyThoRegistry } from '../apps/api/src/modules/simulator/my-tho-registry';
import { formatKpiNumber } from '../apps/web/src/features/wall/components/kpi-tile';
import { CHROMIUM_ARGS, recordPageErrors, recordRequests, saveScreenshot } from './support/browser';
import { pollUntil } from './support/poll';
import { submitSignIn, visibleText } from './support/web-app';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
const REPORT_KEY = 'mioc_demoreport_Mekong-IOC-demo-report-form-key-not-secret0';
const DESKTOP = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const RESOLUTION = 'Đã yêu cầu tài xế di chuyển xe, lập biên bản vi phạm.';
const SIMULATOR_SEED = 1679;
const FUSION_RADIUS_METERS = 150;
/** The KPIs of report-fed incidents: the simulator files no reports, so only this test moves them. */
const REPORT_KPIS = ['reports.received_today', 'reports.open', 'reports.on_time_rate'] as const satisfies readonly KpiId[];

/** Metres between two nearby points (equirectangular: exact enough over a city). */
const metresBetween = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => {
  const toRad = Math.PI / 180;
  const x = (b.lon - a.lon) * toRad * Math.cos(((a.lat + b.lat) / 2) * toRad);
  const y = (b.lat - a.lat) * toRad;
  return Math.hypot(x, y) * 6_371_000;
};

/**
 * Reports are filed where no simulated camera could fuse its own traffic events into them (nor
 * they into a camera's incident): the simulated city has 300 cameras, most of them in the centre.
 */
const expectNoCameraNear = (place: { lat: number; lon: number }): void => {
  const cameras = buildMyThoRegistry(SIMULATOR_SEED).filter((device) => device.feed === 'camera');
  expect(cameras.length).toBeGreaterThan(0);
  expect(Math.min(...cameras.map((camera) => metresBetween(place, camera)))).toBeGreaterThan(2 * FUSION_RADIUS_METERS);
};

/**
 * From a citizen's report to a closed incident, in a real browser against the real API with the
 * Mỹ Tho simulator feeding it: the duty officer's console, the traffic police responder's phone, the
 * citizen's tracking page and the video wall's numbers; two officers acting at once; a responder
 * kept out of another agency's incident. Everything each page loads comes from the app's own origin.
 */
describeIf(chromiumAvailable)('dispatch console and responder view in a real browser, with the simulator running', () => {
  let app: TestApp;
  let browser: Browser;
  /** The wall's own browser: its software-rendered map must not hold up the console's GPU process. */
  let wallBrowser: Browser;
  const contexts: { context: BrowserContext; requests: string[]; errors: string[] }[] = [];

  const openContext = async (viewport: { width: number; height: number }, phone = false, on = browser): Promise<Page> => {
    const context = await on.newContext({ baseURL: app.baseUrl, locale: 'vi-VN', viewport, ...(phone && { isMobile: true, hasTouch: true }) });
    const page = await context.newPage();
    // A wait that fails names what it waited for, well before the test's own timeout; generous,
    // because two shared cores also run the API, the simulator and up to four pages.
    page.setDefaultTimeout(30_000);
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
  const postReport = async (fields: Record<string, string>): Promise<string> => {
    const answer = await fetch(`${app.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: REPORT_KEY, ...fields }).toString(),
    });
    expect(answer.status).toBe(201);
    const [{ token } = { token: '' }] = (await answer.json()) as { token: string }[];
    return token;
  };
  const api = async (username: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> => {
    const session = await app.login(username);
    return fetch(`${app.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${session.accessToken}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  };
  const reportKpis = async (): Promise<Record<(typeof REPORT_KPIS)[number], { value: number | null; unit: string }>> => {
    const answer = await api('manhinh', `/api/kpis?ids=${REPORT_KPIS.join(',')}`);
    expect(answer.status).toBe(200);
    const values = new Map(kpiListResponseSchema.parse(await answer.json()).values.map((value) => [value.id, value]));
    return Object.fromEntries(REPORT_KPIS.map((id) => [id, { value: values.get(id)?.value ?? null, unit: values.get(id)?.unit ?? '' }])) as never;
  };
  /** What the wall's tile of a KPI shows (— without data), as the room reads it. */
  const wallTile = (wall: Page, id: KpiId): Promise<string> =>
    wall.evaluate((kpi) => document.querySelector(`[data-testid="wall-kpi"][data-kpi="${kpi}"] [data-testid="wall-kpi-value"]`)?.textContent ?? 'missing', id);
  const shown = (value: number | null, unit: string): string => (value === null ? '—' : formatKpiNumber(value, unit, 'vi'));
  /** The console's own layout: no sideways scrolling, queue and detail side by side, nothing cut off. */
  const layoutProblems = (page: Page): Promise<string[]> =>
    page.evaluate(() => {
      const problems: string[] = [];
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect() ?? null;
      const queue = box('.dispatch-console__queue');
      const detail = box('.dispatch-console__detail');
      if (!queue || !detail) return [...problems, 'queue or detail missing'];
      if (queue.width < 280 || detail.width < 420) problems.push(`panels too narrow: queue ${queue.width}, detail ${detail.width}`);
      if (queue.right > detail.left + 1) problems.push(`queue (right ${queue.right}) overlaps detail (left ${detail.left})`);
      if (detail.right > width + 1) problems.push(`detail ends past the screen: ${detail.right} > ${width}`);
      for (const element of document.querySelectorAll<HTMLElement>('.dispatch-console button, .dispatch-console h1, .dispatch-console [data-testid="queue-row"]')) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (rect.right > width + 1) problems.push(`${element.tagName} "${element.innerText.slice(0, 30)}" ends past the screen`);
        if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') {
          problems.push(`${element.tagName} "${element.innerText.slice(0, 30)}" cuts its content (${element.scrollWidth} > ${element.clientWidth})`);
        }
      }
      return problems;
    });

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: build the web app first (npx nx run web:build)`);
    app = await startTestApp(
      { kind: 'pglite', dataDir: null },
      // The simulator at a twentieth of the city's real rate: the queue and the wall stay busy with
      // camera incidents and readings, and two shared cores keep up.
      { SIMULATOR: 'on', SIMULATOR_RATE: '0.05', SIMULATOR_SEED: String(SIMULATOR_SEED), FUSION_RADIUS_METERS: String(FUSION_RADIUS_METERS), KPI_REFRESH_SECONDS: '5' },
    );
    // main.ts starts the simulator once the API listens; the test app is started the same way.
    // WebGL in software, so the console's and the wall's maps draw in headless Chromium too.
    const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
    [browser, wallBrowser] = await Promise.all([launch(), launch()]);
  }, 120_000);

  afterAll(async () => {
    for (const { context } of contexts) await context.close();
    await browser?.close();
    await wallBrowser?.close();
    await app?.close();
  });

  it('takes an Open311 report to a closed incident, live on the console, the phone, the tracking page and the wall', async () => {
    const place = { lat: 10.3641, lon: 106.3557 };
    expectNoCameraNear(place);
    const description = `Xe tải đỗ chắn ngang đường Lê Lợi, gây ùn tắc trước chợ (${Date.now().toString(36)})`;

    const officer = await openConsole();
    // Active alerts sit above the queue (the live `alerts` topic).
    await officer.getByTestId('alert-panel').getByText(/^Cảnh báo đang hoạt động \(\d+\)$/).waitFor();

    // The wall, signed in as the wall account, on its incidents scene.
    const wall = await openContext(DESKTOP, false, wallBrowser);
    await signIn(wall, '/wall?scenes=incidents', 'manhinh');
    await wall.getByTestId('wall-connection').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 60_000 });
    const before = await reportKpis();
    // A fresh database and a simulator that files no reports: none is open, none resolved yet.
    expect(before['reports.open'].value ?? 0).toBe(0);
    expect(before['reports.on_time_rate'].value).toBeNull();
    const wallShows = async (expected: Partial<Record<KpiId, string>>) => {
      const seen = await pollUntil(
        async () => Object.fromEntries(await Promise.all(Object.keys(expected).map(async (id) => [id, await wallTile(wall, id as KpiId)]))),
        (tiles) => Object.entries(expected).every(([id, text]) => tiles[id] === text),
        30_000,
        500,
      );
      expect(seen).toEqual(expected);
    };
    await wallShows({ 'reports.open': shown(before['reports.open'].value, ''), 'reports.on_time_rate': '—' });

    // A citizen reports through Open311: the row appears in the console without a reload, within
    // 2 s of the report being accepted. The simulator keeps the queue moving: found by its text.
    const postedAt = Date.now();
    const trackingCode = await postReport({ service_code: 'traffic_violation', lat: String(place.lat), long: String(place.lon), description });
    const acceptedAt = Date.now();
    const row = officer.locator('[data-testid="queue-row"]').filter({ hasText: description.slice(0, 40) });
    await row.waitFor({ timeout: 10_000 });
    const shownAfterMs = Date.now() - acceptedAt;
    console.info(`report in the console ${shownAfterMs} ms after Open311 accepted it (${Date.now() - postedAt} ms after the POST began)`);
    expect(shownAfterMs).toBeLessThan(2_000);
    const reference = (await row.getAttribute('data-reference')) ?? '';
    expect(reference).toMatch(/^SC-\d{6}$/);
    expect(await row.getAttribute('class')).toContain('queue-row--fresh');
    expect(await visibleText(officer, `[data-testid="queue-row"][data-reference="${reference}"] [data-testid="countdown"]`)).toMatch(/^Điều phối trong (\d+:)?\d{2}:\d{2}/);

    // The wall counts one more report received and open, through GET /api/kpis and on its tiles.
    const opened = await pollUntil(reportKpis, (kpis) => kpis['reports.open'].value === (before['reports.open'].value ?? 0) + 1);
    expect(opened['reports.open'].value).toBe((before['reports.open'].value ?? 0) + 1);
    expect(opened['reports.received_today'].value).toBe((before['reports.received_today'].value ?? 0) + 1);
    await wallShows({
      'reports.open': shown(opened['reports.open'].value, ''),
      'reports.received_today': shown(opened['reports.received_today'].value, ''),
    });

    // The officer works from the keyboard: the row, V to verify, D to dispatch the nearest unit.
    await officer.locator('body').press('?');
    await officer.getByTestId('shortcuts-help').getByRole('heading', { name: 'Phím tắt' }).waitFor();
    await officer.keyboard.press('Escape');
    await queueRow(officer, reference).click();
    await detailStatus(officer, 'Mới');
    await officer.keyboard.press('v');
    await detailStatus(officer, 'Đã xác minh');

    // Suggested units of the traffic police, nearest first, with a straight-line note.
    const suggested = officer.getByTestId('suggested-unit');
    await suggested.first().waitFor();
    expect(await suggested.count()).toBeGreaterThanOrEqual(1);
    expect(await visibleText(officer, '[data-testid="assign-panel"]')).toContain('Khoảng cách đường chim bay');
    const nearest = (await suggested.first().innerText()).split(':')[0]?.trim() ?? '';
    expect(nearest).toMatch(/^Tổ CSGT \d$/);
    await officer.keyboard.press('d');
    await detailStatus(officer, 'Đã điều phối');
    expect(await officer.getByTestId('detail-agency').innerText()).toBe('Cảnh sát giao thông');
    expect(await officer.getByTestId('detail-unit').innerText()).toBe(nearest);
    await officer.getByTestId('incident-map').locator('canvas').first().waitFor();
    expect(await pollUntil(() => layoutProblems(officer), (problems) => problems.length === 0, 5_000)).toEqual([]);
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
    await officer.getByTestId('incident-audit').filter({ hasText: 'Đơn vị xử lý đang trên đường đến hiện trường.' }).waitFor();

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
    await officer.getByTestId('incident-audit').filter({ hasText: RESOLUTION }).waitFor();

    // Resolved: one report fewer open, and the first one resolved, on time.
    const resolved = await pollUntil(reportKpis, (kpis) => kpis['reports.open'].value === (before['reports.open'].value ?? 0) && kpis['reports.on_time_rate'].value !== null);
    expect(resolved['reports.open'].value).toBe(before['reports.open'].value ?? 0);
    expect(resolved['reports.on_time_rate'].value).toBe(100);
    await wallShows({
      'reports.open': shown(resolved['reports.open'].value, ''),
      'reports.on_time_rate': shown(100, resolved['reports.on_time_rate'].unit),
    });
    await saveScreenshot(wall, 'wall-after-resolve-1920');

    // The officer closes it; the citizen's tracking page shows it closed, with its history.
    await officer.getByTestId('incident-detail').getByRole('button', { name: 'Đóng sự cố' }).click();
    await detailStatus(officer, 'Đã đóng');
    // Closed, it races no deadline: the facts line runs on without a countdown or an empty gap.
    expect(await officer.locator('.incident-detail__meta').first().innerText()).toMatch(/^Đã đóng phiên bản \d+ · Vi phạm giao thông · /);
    const citizen = await openContext(PHONE, true);
    await citizen.goto(`/track/${trackingCode}`);
    await citizen.getByTestId('track-status').filter({ hasText: 'Đã đóng' }).waitFor();
    const history = await visibleText(citizen, '[data-testid="track-history"]');
    for (const line of ['Đơn vị xử lý đã nhận nhiệm vụ.', 'Đơn vị xử lý đang trên đường đến hiện trường.']) expect(history).toContain(line);
    await saveScreenshot(citizen, 'track-closed-phone');
    // Closing leaves the numbers as they were once resolved.
    const closed = await reportKpis();
    expect(closed['reports.open'].value).toBe(resolved['reports.open'].value);
    expect(closed['reports.on_time_rate'].value).toBe(100);

    // The console reads in English too, and fits a laptop screen.
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Dispatch console' }).waitFor();
    await detailStatus(officer, 'Closed');
    await officer.getByTestId('alert-panel').getByText(/^Active alerts \(\d+\)$/).waitFor();
    await officer.setViewportSize(LAPTOP);
    expect(await pollUntil(() => layoutProblems(officer), (problems) => problems.length === 0, 5_000)).toEqual([]);
    await saveScreenshot(officer, 'dispatch-console-1366-en');
    await officer.getByRole('button', { name: 'Tiếng Việt' }).click();
    await officer.setViewportSize(DESKTOP);
    expect(await pollUntil(() => layoutProblems(officer), (problems) => problems.length === 0, 5_000)).toEqual([]);

    // And so does the responder's view, which has followed the officer's close on its own.
    await responder.getByRole('button', { name: 'English' }).click();
    await responder.getByTestId('responder-step').filter({ hasText: /^Closed$/ }).waitFor();
    await responder.getByRole('button', { name: /Back to the list/ }).click();
    await responder.getByRole('heading', { level: 1, name: "Your unit's tasks" }).waitFor();
    await saveScreenshot(responder, 'responder-list-phone-en');
  }, 300_000);

  it('lets one of two officers acting on the same incident at once win; the other sees the conflict and the current state', async () => {
    const description = `Xe máy chạy ngược chiều trên cầu Nguyễn Trãi (${Date.now().toString(36)})`;
    const first = await openConsole();
    const second = await openConsole();
    const place = { lat: 10.3586, lon: 106.3522 };
    expectNoCameraNear(place);
    await postReport({ service_code: 'traffic_violation', lat: String(place.lat), long: String(place.lon), description });
    const rows = [first, second].map((page) => page.locator('[data-testid="queue-row"]').filter({ hasText: description.slice(0, 40) }));
    for (const row of rows) await row.waitFor();
    const reference = (await rows[0]?.getAttribute('data-reference')) ?? '';
    for (const page of [first, second]) {
      await queueRow(page, reference).click();
      await detailStatus(page, 'Mới');
    }

    // Both press "verify" with version 1 on screen. Each request is held on its way until both are
    // in flight, then both are let go together: the database decides which one was first. (Clicked
    // one after the other: on two starved cores a page may take seconds to act on a click.)
    const held: (() => void)[] = [];
    const answers: Promise<number>[] = [];
    for (const page of [first, second]) {
      const inFlight = new Promise<void>((sent) => {
        void page.route('**/api/incidents/*/transitions', async (route: Route) => {
          await new Promise<void>((release) => {
            held.push(release);
            sent();
          });
          await route.continue();
        });
      });
      answers.push(page.waitForResponse((response) => response.url().endsWith('/transitions'), { timeout: 60_000 }).then((answer) => answer.status()));
      await page.getByTestId('incident-detail').getByRole('button', { name: 'Xác minh (V)' }).click({ timeout: 60_000 });
      await inFlight;
    }
    expect(held).toHaveLength(2);
    for (const release of held) release();
    const statuses = await Promise.all(answers);
    expect([...statuses].sort()).toEqual([200, 409]);
    const [winner, loser] = statuses[0] === 200 ? [first, second] : [second, first];

    await detailStatus(winner, 'Đã xác minh');
    const conflict = loser.getByTestId('action-message');
    await conflict.filter({ hasText: 'Cán bộ khác đã thay đổi sự cố này trước bạn' }).waitFor();
    expect(await conflict.innerText()).toContain('Trạng thái hiện tại: Đã xác minh (phiên bản 2)');
    await detailStatus(loser, 'Đã xác minh');
    await saveScreenshot(loser, 'dispatch-conflict-1920');
    for (const page of [first, second]) await page.unroute('**/api/incidents/*/transitions');

    // One verification in the history, by the winner.
    const list = await api('truc', `/api/incidents?status=verified&limit=200`);
    const found = ((await list.json()) as { items: { id: string; reference: string }[] }).items.find((item) => item.reference === reference);
    expect(found).toBeDefined();
    const detail = incidentDetailSchema.parse(await (await api('truc', `/api/incidents/${found?.id ?? ''}`)).json());
    expect(detail.version).toBe(2);
    expect(detail.audit.filter((entry) => entry.action === 'transition')).toHaveLength(1);
  }, 240_000);

  it("keeps a responder out of another agency's incident, in the UI and in the API", async () => {
    // A street light for the electricity company, assigned by the officer.
    const created = await api('truc', '/api/incidents', {
      method: 'POST',
      body: { category: 'street_lighting', description: 'Đèn đường hỏng cả dãy trên đường Hùng Vương', lat: 10.3548, lon: 106.3671 },
    });
    expect(created.status).toBe(201);
    const { incident } = createIncidentResponseSchema.parse(await created.json());
    const agencies = (await (await api('truc', '/api/agencies')).json()) as { id: string; code: string }[];
    const electricity = agencies.find((agency) => agency.code === 'dien-luc');
    const assigned = await api('truc', `/api/incidents/${incident.id}`, { method: 'PATCH', body: { expectedVersion: incident.version, agencyId: electricity?.id } });
    expect(assigned.status).toBe(200);
    expect(incidentDetailSchema.parse(await assigned.json()).agency?.code).toBe('dien-luc');

    // The traffic police's API answers: not found, as if it did not exist, for reading and acting.
    const asResponder = await api('csgt', `/api/incidents/${incident.id}`);
    expect(asResponder.status).toBe(404);
    expect(asResponder.headers.get('content-type')).toContain('application/problem+json');
    expect((await api('csgt', `/api/incidents/${incident.id}/audit`)).status).toBe(404);
    expect((await api('csgt', `/api/incidents/${incident.id}/transitions`, { method: 'POST', body: { to: 'on_scene', expectedVersion: 2 } })).status).toBe(404);
    const list = (await (await api('csgt', '/api/incidents?limit=200')).json()) as { items: IncidentDetail[] };
    expect(list.items.map((item) => item.id)).not.toContain(incident.id);

    // Its phone, sent a link to it, says so plainly and offers the way back to its own list.
    const responder = await openContext(PHONE, true);
    await signIn(responder, '/responder', 'csgt');
    await responder.getByTestId('responder-view').waitFor();
    await responder.goto(`/responder/${incident.id}`);
    const notFound = responder.getByTestId('responder-not-found');
    await notFound.waitFor();
    expect(await notFound.innerText()).toContain('Không tìm thấy nhiệm vụ');
    expect(await notFound.innerText()).toContain('không được giao cho đơn vị của bạn');
    expect(await responder.getByRole('button', { name: 'Nhận nhiệm vụ' }).count()).toBe(0);
    await saveScreenshot(responder, 'responder-not-found-phone');
    await notFound.getByRole('link', { name: 'Quay lại danh sách' }).click();
    await responder.getByTestId('responder-view').waitFor();

    // And a responder has no console at all.
    await responder.goto('/dispatch');
    await responder.getByTestId('not-allowed').waitFor();
  }, 120_000);

  afterEach(() => {
    for (const { requests, errors } of contexts) {
      expect(requests.length).toBeGreaterThan(0);
      const elsewhere = requests.filter(
        (url) => !url.startsWith(`${app.baseUrl}/`) && !url.startsWith(`blob:${app.baseUrl}/`) && !url.startsWith('data:') && !url.startsWith(app.baseUrl.replace('http', 'ws')),
      );
      expect(elsewhere).toEqual([]);
      // Only the browser's own notes on refusals the tests provoke: the losing officer's 409, the
      // other agency's 404, sign-in redirects.
      expect(errors.filter((error) => !/status of (401|404|409)/.test(error))).toEqual([]);
    }
  });
});
