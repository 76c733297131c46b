import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MY_THO_BOUNDS, TRACKING_CODE_PATTERN } from '@mekong-ioc/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_PATH, chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { CHROMIUM_ARGS, recordPageErrors, recordRequests, saveScreenshot } from './support/browser';
import { visibleText } from './support/web-app';

const WEB_INDEX = join(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
/** A phone standing by the Tiền river in the centre of Mỹ Tho. */
const PHONE_POSITION = { latitude: 10.3545, longitude: 106.3655, accuracy: 15 };
const PHONE_VIEWPORT = { width: 390, height: 844 };
const DESCRIPTION = 'Nước ngập sâu khoảng 30 cm trên đường Hùng Vương, xe máy chết máy.';
const REPORTER = { name: 'Nguyễn Văn Dân', phone: '0909 123 456' };

const phoneContext = (browser: Browser, baseURL: string, withLocation: boolean): Promise<BrowserContext> =>
  browser.newContext({
    baseURL,
    locale: 'vi-VN',
    viewport: PHONE_VIEWPORT,
    isMobile: true,
    hasTouch: true,
    ...(withLocation && { geolocation: PHONE_POSITION, permissions: ['geolocation'] }),
  });

/** Whether an <img> has decoded real pixels (a broken image has naturalWidth 0). */
const imageLoaded = (page: Page, selector: string): Promise<boolean> =>
  page.locator(selector).first().evaluate(async (image: HTMLImageElement) => {
    if (!image.complete) await new Promise((resolve) => image.addEventListener('load', resolve, { once: true }));
    return image.naturalWidth > 0;
  });

describeIf(chromiumAvailable)('citizen report pages in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];
  let jpeg: Buffer;

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (cd apps/web && npx vite build, or npx nx build web)`);
    }
    app = await startTestApp({ kind: 'pglite', dataDir: null });
    // WebGL switched off for real, as on a phone whose browser blocks it: the form must work without the map.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-3d-apis'] });
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).jpeg().toBuffer();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const openPage = async (target: Browser, withLocation: boolean): Promise<void> => {
    context = await phoneContext(target, app.baseUrl, withLocation);
    requests = recordRequests(context);
    page = await context.newPage();
    pageErrors = recordPageErrors(page);
  };

  afterEach(async () => {
    await context?.close();
    // Scripts, fonts, map data, photos and API calls all come from the app's own origin (previews are blob: URLs of it).
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(`${app.baseUrl}/`) && !url.startsWith(`blob:${app.baseUrl}/`) && !url.startsWith('data:'))).toEqual([]);
    // The only console errors allowed are the browser's own notes on the refusals the tests provoke.
    expect(pageErrors.filter((error) => !/status of (404|415)/.test(error))).toEqual([]);
  });

  it('files a report with a photo on a phone, shows API refusals by their field, and follows it on /track/{code}', async () => {
    await openPage(browser, true);
    await page.goto('/report');
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh hiện trường' }).waitFor();
    // This browser has no WebGL: the form says so and works without the map.
    await page.getByTestId('map-unavailable').waitFor();

    await page.getByRole('radio', { name: 'Ngập nước' }).check();
    await page.getByLabel('Mô tả vấn đề').fill(DESCRIPTION);
    expect(await page.getByTestId('description-count').innerText()).toBe(`${DESCRIPTION.length}/4000 ký tự`);

    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    await page.getByTestId('report-location').filter({ hasText: 'Vị trí đã chọn: 10.35450, 106.36550' }).waitFor();

    // A text file dressed as a JPEG: the browser lets it through, the server reads the bytes and refuses it.
    await page.getByTestId('photo-gallery').setInputFiles([
      { name: 'khong-phai-anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a photo at all') },
      { name: 'ngap-nuoc.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    ]);
    expect(await page.getByTestId('photo-count').innerText()).toBe('2/5 ảnh');
    expect(await imageLoaded(page, 'img[alt="Ảnh 2: ngap-nuoc.jpg"]')).toBe(true);

    await page.getByLabel('Họ và tên').fill(REPORTER.name);
    await page.getByLabel('Số điện thoại').fill(REPORTER.phone);
    expect(await visibleText(page, '.privacy-note')).toContain('không bao giờ hiển thị công khai');
    await saveScreenshot(page, 'report-form-phone');

    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const photoError = page.getByTestId('error-photos');
    await photoError.filter({ hasText: 'Có tệp không phải ảnh hợp lệ' }).waitFor();
    expect(await page.getByTestId('report-form-error').innerText()).toBe('Vui lòng sửa các mục được đánh dấu bên dưới.');
    // Kept as a code, so the message follows the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await photoError.filter({ hasText: 'A file is not a valid photo' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    await page.getByRole('button', { name: 'Xoá ảnh 1' }).click();
    expect(await page.getByTestId('photo-count').innerText()).toBe('1/5 ảnh');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

    const codeElement = page.getByTestId('tracking-code');
    await codeElement.waitFor();
    const code = (await codeElement.innerText()).trim();
    expect(code).toMatch(TRACKING_CODE_PATTERN);
    expect(await visibleText(page, '[data-testid="report-submitted"]')).toContain('Đã nhận 1 ảnh.');
    await saveScreenshot(page, 'report-submitted-phone');

    await page.getByRole('link', { name: 'Theo dõi phản ánh' }).click();
    await page.waitForURL(`${app.baseUrl}/track/${code}`);
    await page.getByTestId('tracked-report').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Phản ánh ${code}`);
    expect(await page.getByTestId('track-status').innerText()).toBe('Mới');
    expect(await page.getByTestId('track-open311').innerText()).toBe('Đang mở');
    expect(await page.getByTestId('track-category').innerText()).toBe('Ngập nước');
    expect(await visibleText(page, '[data-testid="track-history"]')).toContain('Mới');
    expect(await page.getByTestId('track-photo').count()).toBe(1);
    expect(await imageLoaded(page, '[data-testid="track-photo"]')).toBe(true);
    // Contact details are private: never on the public page.
    const publicText = await visibleText(page, 'main');
    expect(publicText).toContain(DESCRIPTION);
    expect(publicText).not.toContain(REPORTER.name);
    expect(publicText).not.toContain(REPORTER.phone);
    await saveScreenshot(page, 'track-phone-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('track-status').filter({ hasText: 'New' }).waitFor();
    expect(await page.getByTestId('track-category').innerText()).toBe('Flooding');
    expect(await page.getByTestId('track-open311').innerText()).toBe('Open');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Report ${code}`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('track-status').filter({ hasText: 'New' }).waitFor();

    // An unknown code (well formed, never issued) is told apart from a server failure.
    await page.goto('/track');
    await page.getByLabel('Tracking code').fill('zzzzzzzzzz');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(`${app.baseUrl}/track/ZZZZZZZZZZ`);
    await page.getByTestId('track-not-found').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Report not found');
  });

  it('says what is missing, and what to do when the phone refuses its location', async () => {
    await openPage(browser, false);
    await page.goto('/');
    await page.getByRole('link', { name: 'Đã gửi phản ánh? Tra cứu tiến độ xử lý bằng mã của bạn' }).waitFor();
    await page.goto('/report');
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh hiện trường' }).waitFor();
    expect(await page.getByTestId('map-unavailable').innerText()).toBe('Thiết bị này không hiển thị được bản đồ. Hãy dùng vị trí của bạn hoặc nhập địa chỉ.');

    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    expect(await page.getByTestId('error-category').innerText()).toBe('Vui lòng chọn loại vấn đề.');
    expect(await page.getByTestId('error-description').innerText()).toBe('Vui lòng mô tả vấn đề.');
    expect(await page.getByTestId('error-location').innerText()).toContain('Vui lòng cho biết vị trí');

    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    expect(await page.getByTestId('position-failed').innerText()).toContain('Bạn chưa cho phép trang này dùng vị trí');

    // Typing the address answers "where?" when there is neither GPS nor map.
    await page.getByLabel('Địa chỉ hoặc mô tả nơi xảy ra').fill('Trước chợ Mỹ Tho, Phường 1');
    expect(await page.getByTestId('error-location').count()).toBe(0);
    expect(await page.getByTestId('report-location').innerText()).toBe('Chưa có vị trí trên bản đồ: phản ánh sẽ được định vị theo địa chỉ bạn nhập.');
    await page.getByLabel('Mô tả vấn đề').fill('ngập');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    expect(await page.getByTestId('error-description').innerText()).toBe('Mô tả cần ít nhất 10 ký tự.');
  });

  describe('with WebGL (SwiftShader)', () => {
    let webglBrowser: Browser;

    beforeAll(async () => {
      webglBrowser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS.filter((arg) => arg !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
      });
    });

    afterAll(async () => {
      await webglBrowser?.close();
    });

    it('draws the offline basemap and sets the location where the map is tapped', async () => {
      await openPage(webglBrowser, false);
      await page.goto('/report');
      const map = page.getByTestId('location-map');
      await map.locator('canvas').waitFor();
      expect(await page.getByTestId('report-location').innerText()).toBe('Chưa chọn vị trí.');
      expect(await page.locator('.map-note').innerText()).toContain('tọa độ gần đúng');
      const box = await map.boundingBox();
      if (!box) throw new Error('the map has no box');

      // deck.gl draws asynchronously: wait until the canvas shows more than one colour (zones, river, roads).
      let drawn = false;
      for (let attempt = 0; attempt < 40 && !drawn; attempt += 1) {
        const stats = await sharp(await map.screenshot()).stats();
        drawn = stats.channels.some((channel) => channel.stdev > 10);
        if (!drawn) await page.waitForTimeout(250);
      }
      expect(drawn).toBe(true);

      // The centre of the map is the centre of the demo bounding box.
      await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
      const chosen = page.getByTestId('report-location').filter({ hasText: 'Vị trí đã chọn' });
      await chosen.waitFor();
      const [lat, lon] = ((await chosen.innerText()).match(/(\d+\.\d+), (\d+\.\d+)/) ?? []).slice(1).map(Number);
      expect(lat).toBeGreaterThan(MY_THO_BOUNDS.south);
      expect(lat).toBeLessThan(MY_THO_BOUNDS.north);
      expect(Math.abs((lon ?? 0) - (MY_THO_BOUNDS.west + MY_THO_BOUNDS.east) / 2)).toBeLessThan(0.002);

      // The marker is drawn where the map was tapped.
      let markerRed = false;
      for (let attempt = 0; attempt < 20 && !markerRed; attempt += 1) {
        const centre = await sharp(await map.screenshot())
          .extract({ left: Math.round(box.width / 2) - 1, top: Math.round(box.height / 2) - 1, width: 3, height: 3 })
          .removeAlpha()
          .raw()
          .toBuffer();
        markerRed = (centre[12] ?? 0) > 150 && (centre[13] ?? 255) < 90 && (centre[14] ?? 255) < 90;
        if (!markerRed) await page.waitForTimeout(250);
      }
      expect(markerRed).toBe(true);
      await saveScreenshot(page, 'report-map-phone');
    });
  });
});
