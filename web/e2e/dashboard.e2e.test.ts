import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, signInContext } from './support/auth.ts';
import { pixelStats, projectToScreen, waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * The built dashboard, served by the real server on a freshly seeded embedded database, driven
 * in Chromium: what a township chief does, and what must never happen (a request off the
 * machine, a blank map, a lost view).
 */
const JIEPAI = { code: '430421110', name: '界牌镇' };
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const app = appInBrowser();
/** Every URL any page of this file requested. */
const requested: string[] = [];

async function openPage(width: number, height: number, pathAndQuery = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // A county account: these tests drill down from the whole county.
  await signInContext(context, app.server.origin, 'demo-county');
  const page = await context.newPage();
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${app.server.origin}${pathAndQuery}`);
  await waitForMap(page);
  return { context, page };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, name) });
}

/** The map area of the page (left of the side panel, under the header). */
async function mapClip(page: Page) {
  const box = (await page.getByTestId('map').boundingBox())!;
  // Leave out the layer panel and the legend: the statistic is about what the map draws.
  return { x: Math.round(box.x + 230), y: Math.round(box.y + 20), width: Math.round(box.width - 260), height: Math.round(box.height - 40) };
}

async function townshipSeat(code: string): Promise<[number, number]> {
  const { body } = await apiGet<{ features: { properties: { code: string; seat: [number, number] } }[] }>(app.server.origin, '/api/townships');
  return body.features.find((f) => f.properties.code === code)!.properties.seat;
}

describe('the dashboard in a real browser', () => {
  it('draws the county map (not blank) at 1366x768 and 1920x1080, with no horizontal scroll', async () => {
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const { context, page } = await openPage(w, h);
      await expect.poll(() => page.getByTestId('kpi-disputes').count(), { timeout: 30_000 }).toBe(1);
      await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
      const stats = await pixelStats(page, await mapClip(page));
      // A blank canvas is one colour; the choropleth, borders, river and labels give hundreds.
      expect(stats.stdev).toBeGreaterThan(12);
      expect(stats.colours).toBeGreaterThan(50);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await shot(page, `county-${w}x${h}.png`);
      await context.close();
    }
  });

  it('clicking a township on the map drills down: panel, breadcrumbs and URL follow; back returns', async () => {
    const { context, page } = await openPage(1366, 768);
    const [lng, lat] = await townshipSeat(JIEPAI.code);
    const at = await projectToScreen(page, lng, lat);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => new URL(page.url()).searchParams.get('t'), { timeout: 10_000 }).toBe(JIEPAI.code);
    await expect.poll(() => page.getByTestId('scope-title').textContent(), { timeout: 20_000 }).toBe(JIEPAI.name);
    await expect.poll(() => page.getByTestId('breadcrumbs').textContent()).toContain(JIEPAI.name);
    // The ranking now lists the township's villages, and the KPI cards are the township's.
    await expect.poll(() => page.getByTestId('ranking').locator('button').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await page.waitForTimeout(1200); // the camera flies to the township
    await shot(page, 'township-1366x768.png');

    await page.goBack();
    await expect.poll(() => page.getByTestId('scope-title').textContent(), { timeout: 10_000 }).toBe('衡阳县');
    expect(new URL(page.url()).search).toBe('');
    await page.goForward();
    await expect.poll(() => page.getByTestId('scope-title').textContent(), { timeout: 10_000 }).toBe(JIEPAI.name);
    await context.close();
  });

  it('a ranking row selects the village on the map, and the copied link reproduces the whole view', async () => {
    const { context, page } = await openPage(1366, 768, `/?t=${JIEPAI.code}&m=hazardsOpen&l=choropleth,heat,labels`);
    const firstRow = page.getByTestId('ranking').locator('button').first();
    await firstRow.waitFor({ timeout: 30_000 });
    const villageCode = await firstRow.getAttribute('data-code');
    await firstRow.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe(villageCode);
    await page.getByTestId('officer').waitFor({ timeout: 30_000 });
    const villageTitle = await page.getByTestId('village-panel').locator('h1').textContent();
    await page.waitForTimeout(1200);
    await shot(page, 'village-1366x768.png');
    const link = page.url();
    await context.close();

    // A colleague opens the link.
    const other = await openPage(1920, 1080, new URL(link).pathname + new URL(link).search);
    await other.page.getByTestId('officer').waitFor({ timeout: 30_000 });
    expect(await other.page.getByTestId('village-panel').locator('h1').textContent()).toBe(villageTitle);
    expect(await other.page.getByTestId('metric-select').inputValue()).toBe('hazardsOpen');
    expect(await other.page.getByTestId('layer-heat').isChecked()).toBe(true);
    expect(await other.page.getByTestId('layer-hex').isChecked()).toBe(false);
    await expect.poll(() => other.page.getByTestId('breadcrumbs').textContent()).toContain(JIEPAI.name);
    expect(other.page.url()).toBe(link.replace(new URL(link).origin, app.server.origin));
    await other.page.waitForTimeout(1500);
    await shot(other.page, 'village-1920x1080.png');
    await other.context.close();
  });

  it('switches to English (and back), keeping the view', async () => {
    const { context, page } = await openPage(1366, 768, `/?t=${JIEPAI.code}`);
    await page.getByTestId('kpi-disputes').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kpi-disputes').locator('h3').textContent()).toBe('矛盾纠纷');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('kpi-disputes').locator('h3').textContent()).toBe('Disputes');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Hengyang County Public Safety');
    const url = new URL(page.url());
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('t')).toBe(JIEPAI.code);
    // Numbers and dates follow the locale.
    expect(await page.getByTestId('period-dates').textContent()).toMatch(/[A-Z][a-z]{2}/);
    await page.getByTestId('theme-switch').click();
    await page.waitForTimeout(800);
    await shot(page, 'township-en-dark-1366x768.png');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('kpi-disputes').locator('h3').textContent()).toBe('矛盾纠纷');
    await context.close();
  });

  it('filters and layers: hazard hexbins with a category filter draw and go to the URL', async () => {
    const { context, page } = await openPage(1366, 768);
    await page.getByTestId('layer-hex').check();
    await page.getByRole('radio', { name: '风险隐患' }).first().click();
    await page.getByTestId('filter-category').click();
    await page.getByLabel('消防').check();
    await page.keyboard.press('Escape');
    const url = new URL(page.url());
    expect(url.searchParams.get('l')).toBe('choropleth,hex,labels');
    expect(url.searchParams.get('e')).toBe('hazard');
    expect(url.searchParams.get('cat')).toBe('消防');
    await expect.poll(() => page.getByTestId('legend').textContent(), { timeout: 30_000 }).toMatch(/每格事件数/);
    await page.waitForTimeout(1500);
    const stats = await pixelStats(page, await mapClip(page));
    expect(stats.colours).toBeGreaterThan(50);
    await shot(page, 'county-hex-hazards-1366x768.png');
    await context.close();
  });

  it('draws a configured raster basemap (e.g. a Tianditu intranet proxy) under the county', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await signInContext(context, app.server.origin);
    const page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    const tiles: string[] = [];
    // Until the server exposes GET /api/config, the test plays its part.
    await page.route('**/api/config', (r) => r.fulfill({ json: { basemapUrl: `${app.server.origin}/test-tiles/{z}/{x}/{y}.png`, basemapAttribution: '测试底图' } }));
    await page.route('**/test-tiles/**', (r) => {
      tiles.push(new URL(r.request().url()).pathname);
      return r.fulfill({ contentType: 'image/png', body: Buffer.from(ONE_PIXEL_PNG, 'base64') });
    });
    await page.goto(app.server.origin);
    await waitForMap(page);
    await expect.poll(() => tiles.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(tiles.every((t) => /^\/test-tiles\/\d+\/\d+\/\d+\.png$/.test(t))).toBe(true);
    // The credit is the map's own line (MapView's map-attribution), shown with any basemap.
    await expect.poll(() => page.getByTestId('map-attribution').textContent(), { timeout: 10_000 }).toContain('测试底图');
    await context.close();
  });

  it('never requests anything from another host', () => {
    expect(requested.length).toBeGreaterThan(20);
    const foreign = requested.filter((u) => !u.startsWith(app.server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
  });
});
