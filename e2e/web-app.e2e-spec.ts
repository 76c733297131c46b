import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { launchChromium, recordPageErrors, recordRequests, saveScreenshot } from './support/browser';
import { storedRefreshToken, submitSignIn, visibleText } from './support/web-app';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
const DEMO_PASSWORD = 'mytho-demo-2026';

describeIf(chromiumAvailable)('web app in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (cd apps/web && npx vite build, or npx nx build web)`);
    }
    app = await startTestApp({ kind: 'pglite', dataDir: null });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // An English-speaking browser, to show that Vietnamese is the default whatever the browser prefers.
    context = await browser.newContext({ baseURL: app.baseUrl, locale: 'en-US', viewport: { width: 1366, height: 900 } });
    requests = recordRequests(context);
    page = await context.newPage();
    pageErrors = recordPageErrors(page);
  });

  afterEach(async () => {
    await context.close();
    // Fonts, scripts, styles, icons and API calls all come from the app's own origin: nothing leaves it.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(`${app.baseUrl}/`))).toEqual([]);
    // The only console errors allowed are the browser's own notes on the 401s the tests provoke.
    expect(pageErrors.filter((error) => !/status of 401/.test(error))).toEqual([]);
  });

  it('renders the start page in Vietnamese with the bundled font, the links and the server status', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Trung tâm điều hành thông minh Mỹ Tho' }).waitFor();

    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await visibleText(page, '[data-testid="app-name"]')).toBe('Mekong IOC · Trung tâm điều hành thông minh Mỹ Tho');
    for (const [href, label] of [
      ['/wall', 'Màn hình điều hành'],
      ['/dispatch', 'Bàn điều phối'],
      ['/briefings', 'Báo cáo giao ban'],
      ['/report', 'Phản ánh hiện trường'],
    ]) {
      expect(await page.locator(`main a[href="${href}"]`).innerText()).toContain(label);
    }

    await page.getByTestId('health-age').waitFor();
    expect(await page.getByTestId('health-version').innerText()).toBe(`phiên bản ${app.config.version}`);
    expect(await page.getByTestId('health-database').innerText()).toBe('CSDL PGlite nhúng');
    expect(await page.getByTestId('health-age').innerText()).toMatch(/^kiểm tra (bây giờ|\d+ giây trước)$/);

    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        body: getComputedStyle(document.body).fontFamily,
        vietnameseReady: document.fonts.check('16px "Be Vietnam Pro"', 'Trung tâm điều hành Mỹ Tho'),
        loaded: [...document.fonts]
          .filter((face) => face.status === 'loaded')
          .map((face) => ({ family: face.family.replace(/"/g, ''), unicodeRange: face.unicodeRange })),
      };
    });
    expect(fonts.body).toMatch(/^"?Be Vietnam Pro"?,/);
    expect(fonts.vietnameseReady).toBe(true);
    // The Vietnamese subset (ơ, ư, ạ … ỹ) is the face that was actually downloaded and used.
    expect(fonts.loaded).toContainEqual({ family: 'Be Vietnam Pro', unicodeRange: expect.stringContaining('U+1EA0-1EF9') });
    expect(requests.some((url) => /\/assets\/be-vietnam-pro-vietnamese-\d+-normal-[\w-]+\.woff2$/.test(url))).toBe(true);

    await saveScreenshot(page, 'start-page');
  });

  it('switches to English, and stays in English after a reload', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Trung tâm điều hành thông minh Mỹ Tho' }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mỹ Tho Intelligent Operations Center' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await visibleText(page, '.main-nav')).toBe('Home Video wall Dispatch Briefings Report an issue');
    expect(await page.getByTestId('health-database').innerText()).toBe('embedded PGlite database');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mỹ Tho Intelligent Operations Center' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('Mekong IOC · Mỹ Tho Intelligent Operations Center');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trung tâm điều hành thông minh Mỹ Tho' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('sends a signed-out deep link to sign-in, shows a refused sign-in in the current language, then returns to it', async () => {
    await page.goto('/dispatch');
    await page.waitForURL(`${app.baseUrl}/login`);
    expect(await visibleText(page, '.login__return')).toContain('/dispatch');

    await submitSignIn(page, 'truc', 'not-the-password');
    const error = page.getByRole('alert');
    await error.filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
    await saveScreenshot(page, 'login-refused');
    // The message follows the language, since it is kept as the API's problem code rather than as text.
    await page.getByRole('button', { name: 'English' }).click();
    await error.filter({ hasText: 'Wrong username or password.' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${app.baseUrl}/dispatch`);
    await page.getByTestId('dispatch-console').waitFor();
    expect(await visibleText(page, '[data-testid="signed-in-user"]')).toBe('Cán bộ trực ca Cán bộ trực');

    // Only the refresh token is stored (this tab only); the access token stays in memory.
    const storage = await page.evaluate(() => ({ session: { ...window.sessionStorage }, local: { ...window.localStorage } }));
    expect(Object.keys(storage.session)).toEqual(['mekong-ioc.refresh-token']);
    expect(Object.values(storage.local).join(' ')).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);

    // A reload resumes the session from the refresh token.
    await page.reload();
    await page.getByTestId('dispatch-console').waitFor();
    expect(await visibleText(page, '[data-testid="signed-in-user"]')).toContain('Cán bộ trực ca');
  });

  it('signs out: back on the start page, the refresh token revoked, signed-in screens closed again', async () => {
    await page.goto('/dispatch');
    await page.waitForURL(`${app.baseUrl}/login`);
    await submitSignIn(page, 'truc', DEMO_PASSWORD);
    await page.getByTestId('dispatch-console').waitFor();
    const refreshToken = await storedRefreshToken(page);
    expect(refreshToken).toBeTruthy();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${app.baseUrl}/`);
    await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    expect(await storedRefreshToken(page)).toBeNull();

    const refresh = await fetch(`${app.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refresh.status).toBe(401);

    await page.goto('/dispatch');
    await page.waitForURL(`${app.baseUrl}/login`);
  });

  it('tells a responder that the wall is not for them', async () => {
    await page.goto('/wall');
    await page.waitForURL(`${app.baseUrl}/login`);
    await submitSignIn(page, 'csgt', DEMO_PASSWORD);
    await page.waitForURL(`${app.baseUrl}/wall`);

    const notice = page.getByTestId('not-allowed');
    await notice.waitFor();
    expect(await notice.getByRole('heading', { level: 1 }).innerText()).toBe('Không có quyền truy cập');
    expect(await visibleText(page, '[data-testid="not-allowed"]')).toContain('Tổ CSGT số 1 (Lực lượng xử lý)');
    expect(await page.getByTestId('wall').count()).toBe(0);
    // Signed in, the menu offers a responder its tasks, not the screens it would be refused.
    expect(await visibleText(page, '.main-nav')).toBe('Trang chủ Nhiệm vụ Gửi phản ánh');
    await saveScreenshot(page, 'wall-not-allowed');

    // The way out: sign in as someone who may open it, and land back on the wall.
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản khác' }).click();
    await page.waitForURL(`${app.baseUrl}/login`);
    expect(await visibleText(page, '.login__return')).toContain('/wall');
    await submitSignIn(page, 'lanhdao', DEMO_PASSWORD);
    await page.waitForURL(`${app.baseUrl}/wall`);
    await page.getByTestId('wall').waitFor();
  });

  it('signs the wall display in and shows the wall on a 4K screen without scrolling', async () => {
    // The wall itself (map, tiles, charts, alerts, outages) is tested in wall.e2e-spec.ts.
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.goto('/wall');
    await page.waitForURL(`${app.baseUrl}/login`);
    await submitSignIn(page, 'manhinh', DEMO_PASSWORD);
    await page.waitForURL(`${app.baseUrl}/wall`);
    await page.getByTestId('wall').waitFor();
    await page.getByTestId('wall-connection').waitFor();
    const scrolls = await page.evaluate(
      () => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(scrolls).toBe(false);
  });

  it('shows a not-found page for an unknown address', async () => {
    await page.goto('/no-such-page');
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Không tìm thấy trang');
    expect(await visibleText(page, '[data-testid="not-found"]')).toContain('/no-such-page');

    // A script of an older build (a wall left open through a redeploy asks for one) is missing, not
    // the page: answered with the app's HTML and 200 it would fail as a script, silently.
    const staleChunk = await fetch(`${app.baseUrl}/assets/wall-route-0lderBu1ld.js`);
    expect(staleChunk.status).toBe(404);
    expect(staleChunk.headers.get('content-type')).not.toMatch(/html/);
  });
});
