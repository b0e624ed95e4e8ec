import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInContext } from './support/auth.ts';
import { pixelStats, waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * The dashboard while the API is gone (no answer) or answers 503 (database down), and after it
 * comes back: one banner saying so, every panel and the map keeping what they had, a placeholder
 * only where nothing was ever loaded, and no error boxes or raw browser errors.
 */
const app = appInBrowser();

const unreachable = (r: Route) => r.abort('connectionrefused');
const databaseDown = (r: Route) =>
  r.fulfill({
    status: 503,
    headers: { 'retry-after': '5' },
    json: { error: { code: 'db_unavailable', message: 'the database is unavailable; try again shortly' } },
  });

/** The map area, left of the panel, without the layer panel and legend. */
async function mapClip(page: Page) {
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: Math.round(box.x + 230), y: Math.round(box.y + 40), width: Math.round(box.width - 260), height: Math.round(box.height - 80) };
}

const count = (page: Page, selector: string) => page.locator(selector).count();
const bodyText = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

/**
 * The county dashboard at 1366x768 with every panel loaded, on a controllable clock (it runs normally): the tests
 * jump past the minute the data counts as fresh. Nothing is left on its way first: a read in flight when the clock
 * jumps would pass its answer deadline in the jump.
 */
async function loadedDashboard() {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, app.server.origin, 'demo-county');
  await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${app.server.origin}/`);
  await waitForMap(page);
  for (const id of ['kpi-disputes', 'trend-chart', 'category-chart', 'coverage-summary', 'ranking']) await page.getByTestId(id).waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  return { context, page };
}

describe('the dashboard through an outage', () => {
  it('one banner, the last data kept and marked, placeholders only where nothing was loaded; gone when the server is back', async () => {
    const { context, page } = await loadedDashboard();
    const kpi = await page.getByTestId('kpi-disputes').textContent();
    const rankingRows = await page.getByTestId('ranking').locator('button').count();
    expect(await count(page, '[data-testid="outage-banner"]')).toBe(0);

    // The server goes away; the laptop's network comes back after a blip, which refetches what is older than a minute.
    await page.route('**/api/**', unreachable);
    await page.clock.fastForward('01:05');
    await page.evaluate(() => {
      window.dispatchEvent(new Event('offline'));
      window.dispatchEvent(new Event('online'));
    });
    const banner = page.getByTestId('outage-banner');
    await banner.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('outage-retry').textContent(), { timeout: 20_000 }).toMatch(/^\d+ 秒后自动重试$/);
    expect(await banner.getAttribute('data-kind')).toBe('unreachable');
    expect(await banner.textContent()).toContain('网络或服务器不可达');
    expect(await count(page, '[data-testid="outage-banner"]')).toBe(1);
    expect(await count(page, '.error-block')).toBe(0);
    expect(await count(page, '[data-testid="panel-waiting"]')).toBe(0);
    // Every panel and the map kept their data, each marked as not updated.
    expect(await page.getByTestId('kpi-disputes').textContent()).toBe(kpi);
    expect(await page.getByTestId('ranking').locator('button').count()).toBe(rankingRows);
    for (const id of ['trend-chart', 'category-chart', 'coverage-summary']) expect(await page.getByTestId(id).isVisible()).toBe(true);
    expect(await count(page, '[data-testid="stale-mark"]')).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('map').getAttribute('data-layers')).toContain('townships');
    expect((await pixelStats(page, await mapClip(page))).stdev).toBeGreaterThan(12);
    expect(await bodyText(page)).not.toMatch(/Failed to fetch|数据加载失败/);

    // Asked for during the outage, the hazard breakdown was never loaded: one quiet placeholder there.
    await page.locator('[aria-labelledby="category-title"]').getByRole('radio', { name: '风险隐患' }).click();
    await expect.poll(() => count(page, '[data-testid="panel-waiting"]'), { timeout: 20_000 }).toBe(1);
    await page.locator('[aria-labelledby="category-title"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'outage-1366x768.png') });

    // The server answers again, but without its database.
    await page.unroute('**/api/**');
    await page.route('**/api/**', databaseDown);
    await page.getByTestId('outage-retry-now').click();
    await expect.poll(() => banner.getAttribute('data-kind'), { timeout: 20_000 }).toBe('database');
    expect(await banner.textContent()).toContain('数据库暂不可用');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => banner.textContent()).toContain('Database temporarily unavailable');
    expect(await count(page, '.error-block')).toBe(0);
    expect(await bodyText(page)).not.toMatch(/try again shortly|HTTP 503\)/);
    await page.screenshot({ path: path.join(SHOTS, 'outage-database-en-1366x768.png') });

    // Back: the next automatic retry (at most 30 s away) renews everything and the banner goes by itself.
    await page.unroute('**/api/**');
    await page.clock.fastForward('00:31');
    await expect.poll(() => count(page, '[data-testid="outage-banner"]'), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => count(page, '[data-testid="stale-mark"]'), { timeout: 20_000 }).toBe(0);
    expect(await count(page, '[data-testid="panel-waiting"]')).toBe(0);
    await page.getByTestId('category-chart').waitFor({ timeout: 20_000 });
    expect(await count(page, '.error-block')).toBe(0);
    await context.close();
  });

  it('a read a hung proxy never answers ends in the banner at the deadline, not in figures shown as current forever', async () => {
    const { context, page } = await loadedDashboard();
    const kpi = await page.getByTestId('kpi-disputes').textContent();
    const kindNow = () =>
      page
        .getByTestId('outage-banner')
        .getAttribute('data-kind', { timeout: 500 })
        .catch(() => 'none');

    // The summary's requests reach a proxy that holds them and never answers (no error, no close).
    const held: Route[] = [];
    await page.route('**/api/stats/summary**', (r) => void held.push(r));
    await page.clock.fastForward('01:05');
    await page.evaluate(() => {
      window.dispatchEvent(new Event('offline'));
      window.dispatchEvent(new Event('online'));
    });
    await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(0);
    // held, the read is not an outage yet
    await page.waitForTimeout(2000);
    expect(await kindNow()).toBe('none');
    // Twice the server's deadline (REQUEST_TIMEOUT_MS, 20 s) plus 10 s: the page stops waiting and says so.
    await page.clock.fastForward('00:51');
    const banner = page.getByTestId('outage-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.getAttribute('data-kind')).toBe('unreachable');
    expect(await page.getByTestId('kpi-disputes').textContent()).toBe(kpi);
    expect(await count(page, '[data-testid="stale-mark"]')).toBeGreaterThanOrEqual(1);
    expect(await count(page, '.error-block')).toBe(0);

    // The proxy recovers: the retries get answers and the banner goes.
    await page.unroute('**/api/stats/summary**');
    for (const r of held) await r.continue().catch(() => {});
    await page.clock.fastForward('00:51');
    await page.clock.fastForward('00:51');
    await expect.poll(() => count(page, '[data-testid="outage-banner"]'), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => count(page, '[data-testid="stale-mark"]'), { timeout: 20_000 }).toBe(0);
    await context.close();
  });
});
