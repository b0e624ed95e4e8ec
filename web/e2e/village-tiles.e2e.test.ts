import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, ensureBuild, startAppServer } from './support/app-server.ts';
import { apiGet, signInContext } from './support/auth.ts';
import { launchChromium, pixelStats, projectToScreen, waitForCameraStill, waitForMap } from './support/browser.ts';
import { SHOTS } from './support/suite.ts';

/**
 * Issue 16, item 3: a map of many villages draws them at county scope from the village vector
 * tiles, coloured by the villages in view; the county's own map stays GeoJSON. The threshold
 * (MAP_TILES_ABOVE_VILLAGES, 2,000 by default) is set to 100 here, so the county's 491 villages
 * take the tile path a city's or a province's map would.
 */
const APP_NOW = '2026-12-02T13:00:00+08:00';
let browser: Browser;

beforeAll(async () => {
  if (!process.env.E2E_WEB_DIST) ensureBuild((s) => console.log(s));
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

async function serve(env: Record<string, string>, body: (server: AppServer) => Promise<void>): Promise<void> {
  const server = await startAppServer({ timeoutMs: 420_000, env: { APP_NOW, ...env } });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

interface Opened {
  page: Page;
  tiles: { url: URL; status: number; type: string }[];
  townships: URL[];
  offHost: string[];
}

async function open(origin: string, query: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, origin);
  const page = await context.newPage();
  const out: Opened = { page, tiles: [], townships: [], offHost: [] };
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) out.offHost.push(r.url());
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/tiles/villages/')) out.tiles.push({ url, status: r.status(), type: r.headers()['content-type'] ?? '' });
    if (url.pathname === '/api/townships') out.townships.push(url);
  });
  await page.goto(`${origin}/${query}`);
  await waitForMap(page, 120_000);
  await waitForCameraStill(page);
  return { ...out, page };
}

/** The legend's class counts (the hatch's row of silent villages, "13（村）", included) and what they count. */
async function legendCounts(page: Page): Promise<{ total: number; counted: string }> {
  const block = page.getByTestId('legend').locator('.legend-block').first();
  const counts = block.locator('.legend-classes .legend-count');
  await expect.poll(() => counts.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const values = (await counts.allTextContents()).map((c) => Number(/^[\d,]+/.exec(c)?.[0].replace(/,/g, '') ?? Number.NaN));
  return { total: values.reduce((a, b) => a + b, 0), counted: (await counts.first().getAttribute('title')) ?? '' };
}

describe('the village layer from vector tiles', () => {
  it('over the threshold: the county scope draws every village from tiles with the filter, coloured and counted by village, hover names one, a click selects it', async () => {
    await serve({ MAP_TILES_ABOVE_VILLAGES: '100' }, async ({ origin }) => {
      const { page, tiles, townships, offHost } = await open(origin, '?p=thisWeek');
      expect(await page.getByTestId('map').getAttribute('data-village-tiles')).toBe('on');
      await expect.poll(() => tiles.length, { timeout: 30_000 }).toBeGreaterThan(0);
      for (const t of tiles) {
        expect(t.status, t.url.href).toBe(200);
        expect(t.type).toBe('application/vnd.mapbox-vector-tile');
      }
      // The tiles carry the view's filter: the period the townships were asked for.
      const asked = townships.at(-1)!;
      for (const t of tiles) {
        expect(t.url.searchParams.get('from')).toBe(asked.searchParams.get('from'));
        expect(t.url.searchParams.get('to')).toBe(asked.searchParams.get('to'));
      }
      // The whole county is in view: the legend counts each of its villages once (the silent ones in
      // the hatch's row), not its townships.
      const all = await apiGet<{ features: unknown[] }>(origin, `/api/villages${asked.search}`);
      expect(all.body.features.length).toBeGreaterThan(400);
      await expect.poll(async () => (await legendCounts(page)).total, { timeout: 30_000 }).toBe(all.body.features.length);
      expect((await legendCounts(page)).counted).toContain('村');
      const box = (await page.getByTestId('map').boundingBox())!;
      const stats = await pixelStats(page, { x: box.x + box.width * 0.25, y: box.y + box.height * 0.2, width: box.width * 0.5, height: box.height * 0.6 });
      expect(stats.colours).toBeGreaterThan(20);
      await page.screenshot({ path: path.join(SHOTS, 'village-tiles-county.png'), clip: box });

      // A hover over a village names that village (the tiles are MapLibre's, the tooltip the map's own).
      const detail = await apiGet<{ features: { properties: { code: string; name: string; labelPoint: [number, number] } }[] }>(origin, '/api/villages?township=430421100');
      const v = detail.body.features[0]!.properties;
      const at = await projectToScreen(page, v.labelPoint[0], v.labelPoint[1]);
      await page.mouse.move(at.x, at.y);
      await expect.poll(() => page.getByTestId('map-tooltip').textContent(), { timeout: 10_000 }).toContain(v.name);

      await page.screenshot({ path: path.join(SHOTS, 'village-tiles-hover.png'), clip: box });
      // A click selects that village, in its township: whose villages come as GeoJSON again, the tiles go.
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('v'), { timeout: 10_000 }).toBe(v.code);
      await expect.poll(() => page.getByTestId('map').getAttribute('data-village-tiles')).toBe('off');

      // The dark theme (the big screen's): the same tiles in its palette.
      await page.goto(`${origin}/?p=thisWeek&theme=dark`);
      await waitForMap(page, 120_000);
      await waitForCameraStill(page);
      await expect.poll(async () => (await legendCounts(page)).total, { timeout: 30_000 }).toBe(all.body.features.length);
      expect((await pixelStats(page, { x: box.x + box.width * 0.25, y: box.y + box.height * 0.2, width: box.width * 0.5, height: box.height * 0.6 })).colours).toBeGreaterThan(20);
      await page.screenshot({ path: path.join(SHOTS, 'village-tiles-county-dark.png'), clip: box });
      expect(offHost).toEqual([]);
      await page.context().close();
    });
  }, 900_000);

  it('at or under the threshold (the default 2,000): the county map asks for no tile', async () => {
    await serve({}, async ({ origin }) => {
      const { page, tiles } = await open(origin, '');
      expect(await page.getByTestId('map').getAttribute('data-village-tiles')).toBe('off');
      expect((await legendCounts(page)).counted).toContain('乡镇');
      expect(tiles).toEqual([]);
      await page.context().close();
    });
  }, 900_000);
});
