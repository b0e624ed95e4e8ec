import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInContext, signInWithForm } from './support/auth.ts';
import { waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * Sign-in and roles in the built app on the real server: a township chief through the form,
 * an expired session that comes back to the same view, the admin page, and a wall screen signed
 * in by a device token and signed out by revoking it.
 */
const JIEPAI = { code: '430421110', name: '界牌镇' };
const SHISHI = '430421111';

const app = appInBrowser();

async function newPage(width = 1366, height = 768): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name) });

describe('sign-in and roles in a real browser', () => {
  it('a township account signs in through the form, sees only 界牌镇, and signs out to the sign-in page', async () => {
    const page = await newPage();
    await page.goto(app.server.origin);
    await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
    await shot(page, 'signin-1366x768.png');
    await signInWithForm(page, 'demo-township');
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('scope-title').textContent(), { timeout: 30_000 }).toBe(JIEPAI.name);
    expect(new URL(page.url()).searchParams.get('t')).toBe(JIEPAI.code);
    expect(await page.getByTestId('account-role').textContent()).toBe('乡镇用户 · 界牌镇');
    // No control that would only get a 403 (no wall, no way up to the county); their own ledgers they import.
    expect(await page.getByTestId('ledger-import-open').count()).toBe(1);
    expect(await page.getByTestId('wall-link').count()).toBe(0);
    expect(await page.getByTestId('breadcrumbs').getByRole('button', { name: '衡阳县' }).count()).toBe(0);
    await page.waitForTimeout(1200); // the camera flies to the township
    await shot(page, 'township-account-1366x768.png');

    await page.getByTestId('logout').click();
    await expect.poll(() => page.getByTestId('signin-notice').textContent(), { timeout: 10_000 }).toBe('您已退出登录。');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
    // Signed out: the cookie is gone, and the session probe says nobody is signed in.
    const me = await page.request.get(`${app.server.origin}/api/auth/me`);
    expect([me.status(), await me.json()]).toEqual([200, { user: null, csrfToken: null }]);
    await page.context().close();
  });

  it('a wrong password says so; an expired session comes back to the same view after signing in again', async () => {
    const page = await newPage();
    await page.goto(`${app.server.origin}/?t=${SHISHI}&m=coverage`);
    await signInWithForm(page, 'demo-county', 'not-the-password');
    await expect.poll(() => page.getByTestId('signin-error').textContent(), { timeout: 10_000 }).toBe('用户名或密码错误。');
    await signInWithForm(page, 'demo-county');
    await waitForMap(page);
    await page.getByTestId('kpi-disputes').waitFor({ timeout: 30_000 });

    // The session ends (cookie gone); the next request the page makes gets a 401. Wait for the
    // page to finish loading first (the charts come last), so that request is the one the click makes.
    await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.context().clearCookies();
    await page.getByTestId('period-presets').getByRole('radio', { name: '本季度' }).click();
    await expect.poll(() => page.getByTestId('signin-notice').textContent(), { timeout: 20_000 }).toContain('登录已过期');
    const asked = new URL(page.url()).search;
    expect(asked).toContain(`t=${SHISHI}`);
    expect(asked).toContain('p=thisQuarter');
    await signInWithForm(page, 'demo-county');
    await waitForMap(page);
    await page.getByTestId('kpi-disputes').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).search).toBe(asked);
    await page.context().close();
  });

  it('a county account may not open /admin', async () => {
    const page = await newPage();
    await page.goto(`${app.server.origin}/?theme=dark`);
    await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
    await shot(page, 'signin-dark-1366x768.png');
    await signInContext(page.context(), app.server.origin, 'demo-county');
    await page.goto(`${app.server.origin}/admin`);
    await page.getByTestId('forbidden').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('users-table').count()).toBe(0);
    await page.context().close();
  });

  it('the admin page makes a device token; a wall opened with it signs in, and revoking it signs the wall out', async () => {
    const admin = await newPage();
    admin.on('dialog', (d) => void d.accept()); // the revoke confirmation
    await signInContext(admin.context(), app.server.origin, 'demo-admin');
    await admin.goto(`${app.server.origin}/admin`);
    await admin.getByTestId('user-demo-township').waitFor({ timeout: 30_000 });
    await shot(admin, 'admin-users-1366x768.png');
    await admin.getByTestId('theme-switch').click();
    await shot(admin, 'admin-users-dark-1366x768.png');

    await admin.getByTestId('admin-tab-devices').click();
    await admin.getByTestId('new-device-name').fill('综治中心一号大屏');
    await admin.getByTestId('new-device-submit').click();
    const wallUrl = await admin.getByTestId('device-wall-url').inputValue({ timeout: 30_000 });
    expect(wallUrl).toMatch(/\/wall\?device=[\w-]+$/);
    await shot(admin, 'admin-device-token-dark-1366x768.png');

    const wall = await newPage(1920, 1080);
    await wall.goto(`${wallUrl}&refresh=2`);
    await wall.getByTestId('wall').waitFor({ timeout: 60_000 });
    await waitForMap(wall);
    // The token left the address bar at once; the wall's own settings stayed.
    expect(new URL(wall.url()).search).toBe('?refresh=2');

    await admin.getByTestId('admin-tab-devices').click();
    await admin.getByTestId('done-token').click();
    await admin.getByTestId('device-revoke').click();
    await wall.getByTestId('device-notice').waitFor({ timeout: 30_000 });
    expect(await wall.getByTestId('device-notice').textContent()).toContain('设备未登录或已被撤销');
    expect(await wall.getByTestId('signin-form').count()).toBe(0);
    await shot(wall, 'wall-device-revoked-1920x1080.png');
    await admin.context().close();
    await wall.context().close();
  });
});
