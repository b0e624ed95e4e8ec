import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { namedFlavor } from '@protomaps/basemaps';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER_RADII, RASTER_BACKGROUND, rasterFixture, vectorFixture, writeFixture } from '../../api/basemap/fixtures/packages.ts';
import { type AppServer, DIST, ensureBuild, ROOT, withAppServer } from './support/app-server.ts';
import { signInContext } from './support/auth.ts';
import { launchChromium, projectToScreen, waitForMap } from './support/browser.ts';
import { SHOTS } from './support/suite.ts';

/**
 * Basemaps in the browser (issue 17): the built-in one with its reference frame, an offline raster
 * package in GCJ-02 (the pixel test: a ring drawn in the tiles at a township seat's GCJ-02 position
 * from the source data, and the seat dot the map draws at its WGS84 position, coincide), and an
 * offline vector package (its tiles drawn with the Protomaps style). The packages are built here;
 * one seeded database serves the three servers in turn. Nothing may be requested off the host.
 */
const WEB_DIST = process.env.E2E_WEB_DIST ?? DIST;
const SHARED = path.join(ROOT, '..', 'shared', 'geodata', 'hengyang');
const XIDU = '430421100'; // 西渡镇, the county seat: its seat has known WGS84 and GCJ-02 positions
const AREA: [number, number, number, number] = [111.9, 26.8, 112.85, 27.45];
const VIEWPORT = { width: 1366, height: 768 };

let dir: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  if (!process.env.E2E_WEB_DIST) ensureBuild((s) => console.log(s));
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'basemap-e2e-'));
  dataDir = path.join(dir, 'data');
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server on the shared data folder (seeded by the first), with this basemap configuration. */
function serve(env: Record<string, string>, body: (server: AppServer) => Promise<void>): Promise<void> {
  // The first start seeds the database: minutes on a loaded machine.
  return withAppServer({ timeoutMs: 420_000, env: { DATA_DIR: dataDir, WEB_DIST, APP_NOW: '2026-12-02T13:00:00+08:00', ...env } }, body);
}

interface Opened {
  page: Page;
  offHost: string[];
  tiles: { url: string; status: number; type: string }[];
}

async function open(origin: string, query: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await signInContext(context, origin);
  const page = await context.newPage();
  const offHost: string[] = [];
  const tiles: Opened['tiles'] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) offHost.push(r.url());
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/basemap/tiles/')) tiles.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  await page.goto(`${origin}/?${query}`);
  await waitForMap(page, 120_000);
  await page.waitForLoadState('networkidle');
  // MapLibre draws tiles in the frames after they arrive.
  await page.waitForTimeout(1500);
  return { page, offHost, tiles };
}

/** The map's zoom from the bounds it publishes (256 px tiles). */
async function zoomOf(page: Page): Promise<number> {
  const [w, , e] = (await page.getByTestId('map').getAttribute('data-bounds'))!.split(',').map(Number) as [number, number, number, number];
  const box = (await page.getByTestId('map').boundingBox())!;
  return Math.log2((360 * box.width) / ((e - w) * 256));
}

async function shot(page: Page, name: string): Promise<Buffer> {
  const box = (await page.getByTestId('map').boundingBox())!;
  return page.screenshot({ path: path.join(SHOTS, name), clip: box });
}

/** RGBA pixels of a page region, decoded in the page. */
async function pixels(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number[]> {
  const png = await page.screenshot({ clip, fullPage: true });
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return [...ctx.getImageData(0, 0, bitmap.width, bitmap.height).data];
  }, png.toString('base64'));
}

function seatsGcj02(): Map<string, [number, number]> {
  const fc = JSON.parse(readFileSync(path.join(SHARED, 'township_points_gcj02.geojson'), 'utf8')) as {
    features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[];
  };
  return new Map(fc.features.map((f) => [f.properties.code, f.geometry.coordinates]));
}

async function seatOf(page: Page, code: string): Promise<[number, number]> {
  const res = await page.request.get(`${new URL(page.url()).origin}/api/townships`);
  const body = (await res.json()) as { features: { properties: { code: string; seat: [number, number] } }[] };
  return body.features.find((f) => f.properties.code === code)!.properties.seat;
}

describe('basemaps in the browser', () => {
  it('built-in basemap: a township at zoom 11+ with outlines, seats and names over it, light and dark, nothing off the host', async () => {
    await serve({}, async ({ origin }) => {
      for (const theme of ['light', 'dark'] as const) {
        const { page, offHost } = await open(origin, `t=${XIDU}&theme=${theme}`);
        expect(await zoomOf(page)).toBeGreaterThanOrEqual(11);
        const drawn = (await page.getByTestId('map').getAttribute('data-layers'))!.split(',');
        expect(drawn).toEqual(expect.arrayContaining(['reference-township-halo', 'reference-township-lines', 'reference-seats', 'labels-townships', 'labels-villages']));
        expect(await page.getByTestId('map-attribution').count()).toBe(0);
        await shot(page, `basemap-builtin-${theme}.png`);
        // A village chosen: the map frames it (zoom 12+), and every village in view is named, the neighbours' too.
        const villages = (await (await page.request.get(`${origin}/api/villages?township=${XIDU}`)).json()) as { features: { properties: { code: string } }[] };
        await page.goto(`${origin}/?v=${villages.features[0]!.properties.code}&theme=${theme}`);
        await waitForMap(page, 120_000);
        await page.waitForTimeout(2500);
        expect(await zoomOf(page)).toBeGreaterThanOrEqual(12);
        expect((await page.getByTestId('map').getAttribute('data-layers'))!.split(',')).toContain('labels-other-villages');
        await shot(page, `basemap-builtin-village-${theme}.png`);
        expect(offHost).toEqual([]);
        await page.context().close();
      }
    });
  }, 900_000);

  it('GCJ-02 raster package: the ring drawn at a seat in GCJ-02 and the seat the map draws in WGS84 coincide within 2 px', async () => {
    const gcj = seatsGcj02();
    const pkg = writeFixture(path.join(dir, 'gcj02.pmtiles'), rasterFixture({ bbox: AREA, zooms: [9, 10, 11, 12, 13], markers: [...gcj.values()] }));
    await serve({ BASEMAP_PMTILES: pkg, BASEMAP_CRS: 'gcj02' }, async ({ origin }) => {
      // Names off: a name over the ring would pull its centre; the seat dot stays (it is reference).
      const { page, offHost, tiles } = await open(origin, `t=${XIDU}&l=`);
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(11);
      expect(tiles.filter((t) => t.status === 200 && t.type === 'image/png').length).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('map-attribution').textContent()).toContain('测试栅格底图');
      await shot(page, 'basemap-gcj02-package.png');
      const [lng, lat] = await seatOf(page, XIDU);
      const seat = await projectToScreen(page, lng, lat);
      const R = 40;
      const clip = { x: Math.round(seat.x) - R, y: Math.round(seat.y) - R, width: 2 * R, height: 2 * R };
      const px = await pixels(page, clip);
      // Ring pixels: magenta under whatever translucent fill lies over it (green well below red and blue).
      let n = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        if (r - g > 60 && b - g > 60) {
          const k = i / 4;
          sx += (k % clip.width) + 0.5;
          sy += Math.floor(k / clip.width) + 0.5;
          n++;
        }
      }
      const ringArea = Math.PI * (MARKER_RADII[1] ** 2 - MARKER_RADII[0] ** 2);
      expect(n, 'ring pixels found around the seat').toBeGreaterThan(ringArea / 2);
      const centre = { x: clip.x + sx / n, y: clip.y + sy / n };
      const off = Math.hypot(centre.x - seat.x, centre.y - seat.y);
      console.log(`GCJ-02 pixel test: ring centre ${centre.x.toFixed(2)},${centre.y.toFixed(2)}; seat ${seat.x.toFixed(2)},${seat.y.toFixed(2)}; ${off.toFixed(2)} px apart`);
      expect(off).toBeLessThanOrEqual(2);
      // And the seat dot is drawn there, inside the ring.
      const dot = await pixels(page, { x: Math.round(seat.x) - 1, y: Math.round(seat.y) - 1, width: 2, height: 2 });
      expect(dot[0]! + dot[1]! + dot[2]!).toBeLessThan(200);

      // The export carries the same basemap (its tiles are in the canvas) and its credit.
      const download = page.waitForEvent('download');
      await page.getByTestId('export-png').click();
      const file = await download;
      copyFileSync((await file.path())!, path.join(SHOTS, 'basemap-gcj02-export.png'));
      expect(await page.getByTestId('export-figure').locator('[data-export-part="attribution"]').textContent()).toBe('测试栅格底图');

      // So does the briefing's map, which waits for the basemap's tiles before its printable copy.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${origin}/briefing?township=${XIDU}`);
      await page.locator('[data-briefing-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
      expect(await page.getByTestId('briefing-map').getByTestId('map-attribution').textContent()).toBe('测试栅格底图');
      const brief = (await page.getByTestId('briefing-map').boundingBox())!;
      await page.screenshot({ path: path.join(SHOTS, 'basemap-gcj02-briefing.png'), clip: brief, fullPage: true });
      const all = await pixels(page, { x: Math.round(brief.x), y: Math.round(brief.y), width: Math.round(brief.width), height: Math.round(brief.height) });
      let tile = 0;
      // The light theme draws a raster at 90% over its background (#e3e7ec).
      const seen = RASTER_BACKGROUND.slice(0, 3).map((c, k) => 0.9 * c + 0.1 * [0xe3, 0xe7, 0xec][k]!);
      for (let i = 0; i < all.length; i += 4) if (Math.abs(all[i]! - seen[0]!) + Math.abs(all[i + 1]! - seen[1]!) + Math.abs(all[i + 2]! - seen[2]!) < 8) tile++;
      // Outside the county no fill covers the package's tiles: their plain colour shows (the built-in background is another).
      expect(tile / (all.length / 4), "share of the briefing map in the package's tile colour").toBeGreaterThan(0.01);
      expect(offHost).toEqual([]);
      await page.context().close();
    });
  }, 900_000);

  it('vector package: its tiles drawn with the Protomaps style, light and dark, with its attribution, nothing off the host', async () => {
    const pkg = writeFixture(path.join(dir, 'vector.pmtiles'), vectorFixture({ bbox: AREA, zooms: [6, 7, 8, 9, 10, 11] }));
    await serve({ BASEMAP_PMTILES: pkg }, async ({ origin }) => {
      for (const theme of ['light', 'dark'] as const) {
        const { page, offHost, tiles } = await open(origin, `theme=${theme}`);
        expect(tiles.filter((t) => t.status === 200 && t.type === 'application/vnd.mapbox-vector-tile').length).toBeGreaterThan(0);
        expect(await page.getByTestId('map-attribution').textContent()).toContain('测试矢量底图');
        // Outside the county (the map's right edge at county scope) the package's land shows, in the flavour's colour.
        const box = (await page.getByTestId('map').boundingBox())!;
        const earth = namedFlavor(theme)
          .earth.match(/[0-9a-f]{2}/gi)!
          .map((h) => Number.parseInt(h, 16));
        let matches = 0;
        for (let k = 1; k <= 5; k++) {
          const [r, g, b] = await pixels(page, { x: Math.round(box.x + box.width - 6), y: Math.round(box.y + (box.height * k) / 6), width: 1, height: 1 });
          if (Math.abs(r! - earth[0]!) + Math.abs(g! - earth[1]!) + Math.abs(b! - earth[2]!) < 12) matches++;
        }
        expect(matches, `land of the ${theme} flavour (${namedFlavor(theme).earth}) at the map's edge`).toBeGreaterThanOrEqual(2);
        await shot(page, `basemap-vector-package-${theme}.png`);
        await page.goto(`${origin}/?t=${XIDU}&theme=${theme}`);
        await waitForMap(page, 120_000);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(1500);
        expect(await zoomOf(page)).toBeGreaterThanOrEqual(11);
        await shot(page, `basemap-vector-package-township-${theme}.png`);
        expect(offHost).toEqual([]);
        await page.context().close();
      }
    });
  }, 900_000);
});
