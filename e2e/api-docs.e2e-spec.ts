import type { Browser } from 'playwright-core';
import { chromiumAvailable, describeIf } from '../apps/api/src/test-support/services';
import { startTestApp, type TestApp } from '../apps/api/src/test-support/test-app';
import { launchChromium, recordPageErrors, recordRequests } from './support/browser';

/** The OpenAPI page works in a real browser under the API's content security policy, offline. */
describeIf(chromiumAvailable)('API docs at /api/docs', () => {
  let api: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApp({ kind: 'pglite', dataDir: null });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders Swagger UI with every route group, loading nothing from outside', async () => {
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    const response = await page.goto(`${api.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByText('Mekong IOC API').first().waitFor();
    for (const tag of ['auth', 'users', 'api-keys', 'agencies', 'health']) {
      await page.locator(`#operations-tag-${tag}`).waitFor();
    }
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(api.baseUrl) && !url.startsWith('data:'))).toEqual([]);
    await context.close();
  });
});
