import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, signInContext } from './support/auth.ts';
import { pixelStats, projectToScreen, waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * The command-centre wall (/wall) on the real server: keeps its view through refreshes, rides out
 * an API outage, exports a PNG with the map in it, and plays back a week. Its fit to the big screen
 * (text sizes at 1080p and 4K, legend, one time on screen) is wall-screen.e2e.test.ts.
 */
const JIEPAI = '430421110';

const app = appInBrowser();

async function openWall(width: number, height: number, query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  // The wall's own account (a screen signs in with a device token: see auth.e2e.test.ts).
  await signInContext(context, app.server.origin, 'demo-wall');
  const page = await context.newPage();
  await page.goto(`${app.server.origin}/wall${query}`);
  await waitForMap(page);
  await expect.poll(() => page.getByTestId('wall-kpi-disputes').locator('[data-value]').getAttribute('data-value'), { timeout: 30_000 }).toMatch(/^\d+$/);
  await expect.poll(() => page.getByTestId('wall').getAttribute('data-refreshed-at'), { timeout: 30_000 }).toMatch(/^\d+$/);
  return { context, page };
}

/**
 * Opens the wall, runs `body`, and closes the page even when `body` fails: a wall left open keeps
 * refreshing and redrawing, and in software WebGL that starves the next test's page of frames.
 */
async function withWall(width: number, height: number, query: string, body: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const { context, page } = await openWall(width, height, query);
  try {
    await body(page, context);
  } finally {
    await context.close();
  }
}

/**
 * The map's view once it has settled: the canvas is the size of its box (MapLibre resizes on a
 * frame, and software WebGL draws a wall in seconds per frame) and the bounds held over two polls.
 */
async function settledBounds(page: Page): Promise<string> {
  let bounds = '';
  await expect
    .poll(
      async () => {
        const { now, sized } = await page.getByTestId('map').evaluate((el) => {
          const canvas = el.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement | null;
          return { now: el.getAttribute('data-bounds') ?? '', sized: canvas !== null && canvas.clientWidth === el.clientWidth && canvas.clientHeight === el.clientHeight };
        });
        const settled = sized && now === bounds;
        bounds = now;
        return settled;
      },
      { interval: 1500, timeout: 60_000 },
    )
    .toBe(true);
  return bounds;
}

const refreshedAt = async (page: Page) => Number(await page.getByTestId('wall').getAttribute('data-refreshed-at'));

/** The middle of the map's drawing, where the county is. */
async function mapClip(page: Page) {
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: Math.round(box.x + box.width * 0.3), y: Math.round(box.y + box.height * 0.15), width: Math.round(box.width * 0.6), height: Math.round(box.height * 0.6) };
}

describe('the wall', () => {
  it('exports what is on screen as a PNG, map included (not blank)', async () => {
    await withWall(1920, 1080, '', async (page, context) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
      expect(download.suggestedFilename()).toMatch(/^wall-\d{4}-\d{2}-\d{2}-\d{4}\.png$/);
      const png = readFileSync((await download.path())!);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
      const clip = await mapClip(page);
      // Show the exported file in a bare page and measure the map's region of it.
      const viewer = await context.newPage();
      await viewer.setViewportSize({ width: 1920, height: 1080 });
      await viewer.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png.toString('base64')}"></body>`);
      const stats = await pixelStats(viewer, clip);
      expect(stats.stdev).toBeGreaterThan(12);
      expect(stats.colours).toBeGreaterThan(50);
      // The panels' text is in the picture too, where the screen shows it (not only the map).
      const kpi = (await page.getByTestId('wall-kpi-disputes').boundingBox())!;
      expect((await pixelStats(viewer, { x: kpi.x, y: kpi.y, width: kpi.width, height: kpi.height })).stdev).toBeGreaterThan(10);
      await viewer.screenshot({ path: path.join(SHOTS, 'wall-export.png') });
    });
  });

  it('refreshes on its interval and keeps the selected township and the map view', async () => {
    await withWall(1920, 1080, '?refresh=3', async (page) => {
      const townships = await apiGet<{ features: { properties: { code: string; seat: [number, number] } }[] }>(app.server.origin, '/api/townships');
      const seat = townships.body.features.find((f) => f.properties.code === JIEPAI)!.properties.seat;
      const at = await projectToScreen(page, seat[0], seat[1]);
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => page.getByTestId('wall').getAttribute('data-township')).toBe(JIEPAI);
      await expect(page.getByTestId('wall-scope').textContent()).resolves.toBe('界牌镇');
      expect(page.url()).toContain(`township=${JIEPAI}`);
      // Let the framing end (the animation, and the resize when the township's legend comes): that view is what the refresh must not touch.
      const bounds = await settledBounds(page);
      const before = await refreshedAt(page);
      await expect.poll(() => refreshedAt(page), { timeout: 20_000 }).toBeGreaterThan(before + 2500);
      expect(await page.getByTestId('wall').getAttribute('data-township')).toBe(JIEPAI);
      expect(await settledBounds(page)).toBe(bounds);
      expect(await page.getByTestId('wall-scope').textContent()).toBe('界牌镇');
    });
  });

  it('an API outage keeps the last data, marked stale, and recovers by itself', async () => {
    await withWall(1920, 1080, '?refresh=2', async (page) => {
      const value = await page.getByTestId('wall-kpi-hazardsOpen').locator('[data-value]').getAttribute('data-value');
      const before = await refreshedAt(page);
      await page.route('**/api/**', (route) => route.abort('connectionrefused'));
      await expect.poll(() => page.getByTestId('wall').getAttribute('data-stale'), { timeout: 15_000 }).toBe('true');
      await expect(page.getByTestId('wall-stale').textContent()).resolves.toMatch(/数据未更新.*\d{2}:\d{2}/);
      // The last numbers stay on screen, and the map with them.
      expect(await page.getByTestId('wall-kpi-hazardsOpen').locator('[data-value]').getAttribute('data-value')).toBe(value);
      expect((await pixelStats(page, await mapClip(page))).colours).toBeGreaterThan(50);
      await page.screenshot({ path: path.join(SHOTS, 'wall-stale-1920x1080.png') });
      await page.unroute('**/api/**');
      await expect.poll(() => page.getByTestId('wall').getAttribute('data-stale'), { timeout: 15_000 }).toBe('false');
      expect(await refreshedAt(page)).toBeGreaterThan(before);
      await expect(page.getByTestId('wall-asof').textContent()).resolves.toMatch(/^数据截至 \d{2}:\d{2}$/);
    });
  });

  it("plays back a past week: the week shown large, KPIs equal to that week's summary", async () => {
    await withWall(1920, 1080, '', async (page) => {
      await page
        .getByTestId('wall-playback')
        .getByRole('button', { name: /第\d+周/ })
        .nth(10)
        .click();
      const banner = page.getByTestId('wall-week');
      await expect.poll(() => banner.textContent()).toMatch(/年第\d+周/);
      const pill = page.getByTestId('wall-playback').locator('[aria-current="step"]');
      const week = /第(\d+)周/.exec((await banner.textContent())!)![1];
      expect(await pill.textContent()).toBe(`第${week}周`);
      const [from, to] = [await pill.getAttribute('data-from'), await pill.getAttribute('data-to')];
      expect(new Date(`${from}T00:00:00Z`).getUTCDay()).toBe(1); // ISO weeks start on Monday
      const { body: summary } = await apiGet<{ current: { disputes: { total: number }; hazards: { open: number } } }>(
        app.server.origin,
        `/api/stats/summary?from=${from}&to=${to}`,
      );
      await expect
        .poll(() => page.getByTestId('wall-kpi-disputes').locator('[data-value]').getAttribute('data-value'), { timeout: 30_000 })
        .toBe(String(summary.current.disputes.total));
      expect(await page.getByTestId('wall-kpi-hazardsOpen').locator('[data-value]').getAttribute('data-value')).toBe(String(summary.current.hazards.open));
      await page.screenshot({ path: path.join(SHOTS, 'wall-playback-1920x1080.png') });
    });
  });
});
