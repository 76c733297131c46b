import type { Page } from 'playwright-core';

/** Text with runs of white space collapsed, as a reader sees it. */
export const visibleText = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

/** Fills and sends the sign-in form with the Vietnamese labels. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
}

/** The refresh token the web app keeps in this tab's sessionStorage. */
export const storedRefreshToken = (page: Page): Promise<string | null> =>
  page.evaluate(() => window.sessionStorage.getItem('mekong-ioc.refresh-token'));
