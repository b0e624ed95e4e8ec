import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { rasterFixture, tileXY, vectorFixture, writeFixture } from '../basemap/fixtures/packages.ts';
import { closeBasemapPackages } from '../basemap/service.ts';
import { CJK_PROBE_RANGE } from '../basemap/vector-style.ts';
import { loadConfig } from '../config.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

const BBOX: [number, number, number, number] = [112.3, 26.9, 112.5, 27.1];
const dir = mkdtempSync(join(tmpdir(), 'basemap-routes-'));
let t: TestDb;
let raster: SignedIn;
let vector: SignedIn;

function appWith(env: Record<string, string>) {
  return createApp({ ...t.deps, config: { ...t.deps.config, ...loadConfig({ ...env, LOG_REQUESTS: 'false', WEB_DIST: '' }) } });
}

beforeAll(async () => {
  t = await testDb();
  const assets = join(dir, 'assets');
  mkdirSync(join(assets, 'fonts', 'Noto Sans Regular'), { recursive: true });
  mkdirSync(join(assets, 'sprites'), { recursive: true });
  writeFileSync(join(assets, 'fonts', 'Noto Sans Regular', CJK_PROBE_RANGE), new Uint8Array([10, 0]));
  writeFileSync(join(assets, 'sprites', 'dark.json'), '{}');
  raster = await signIn(appWith({ BASEMAP_PMTILES: writeFixture(join(dir, 'r.pmtiles'), rasterFixture({ bbox: BBOX, zooms: [10] })) }), 'demo-county');
  vector = await signIn(appWith({ BASEMAP_PMTILES: writeFixture(join(dir, 'v.pmtiles'), vectorFixture({ bbox: BBOX, zooms: [9, 10] })), BASEMAP_ASSETS: assets }), 'demo-township');
});
afterAll(async () => {
  await closeBasemapPackages();
  rmSync(dir, { recursive: true, force: true });
});

const [X, Y] = tileXY(112.4, 27, 10).map(Math.floor) as [number, number];

describe(`offline basemap package routes (${backend})`, () => {
  it('a raster package: /api/config describes it, tiles come as PNG, 204 outside it', async () => {
    const cfg = (await (await raster.request('/api/config')).json()) as { basemap: Record<string, unknown>; basemapUrl: string };
    expect(cfg.basemap).toMatchObject({ provider: 'pmtiles', kind: 'raster', crs: 'wgs84', minZoom: 10, maxZoom: 10, attribution: '测试栅格底图', style: null });
    expect(cfg.basemapUrl).toBe('/api/basemap/tiles/{z}/{x}/{y}');
    const tile = await raster.request(`/api/basemap/tiles/10/${X}/${Y}`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await tile.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    expect((await raster.request(`/api/basemap/tiles/10/${X + 40}/${Y}`)).status).toBe(204);
    const style = await raster.request('/api/basemap/style.json');
    expect(style.status).toBe(404);
  });

  it('a vector package: its style from @protomaps/basemaps over its own tiles, glyphs and sprites from BASEMAP_ASSETS only', async () => {
    const cfg = (await (await vector.request('/api/config')).json()) as { basemap: Record<string, unknown> };
    expect(cfg.basemap).toMatchObject({ kind: 'vector', style: '/api/basemap/style.json', rasters: [], attribution: '© 测试矢量底图' });
    const style = (await (await vector.request('/api/basemap/style.json?theme=dark')).json()) as Record<string, any>;
    expect(style.sources.protomaps).toMatchObject({ type: 'vector', tiles: ['/api/basemap/tiles/{z}/{x}/{y}'], minzoom: 9, maxzoom: 10 });
    expect(style.glyphs).toBe('/api/basemap/glyphs/{fontstack}/{range}.pbf');
    expect(style.sprite).toBe('/api/basemap/sprites/dark');
    expect(style.metadata['hengyang:cjk-glyphs']).toBe(true);
    expect(style.layers.length).toBeGreaterThan(20);
    // Every URL in the style is this server's.
    expect(JSON.stringify(style).match(/https?:\/\//g)).toBeNull();
    const light = (await (await vector.request('/api/basemap/style.json')).json()) as Record<string, any>;
    expect(light.sprite).toBeUndefined();
    const tile = await vector.request(`/api/basemap/tiles/10/${X}/${Y}`);
    expect(tile.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const glyphs = await vector.request(`/api/basemap/glyphs/${encodeURIComponent('Noto Sans Regular')}/${CJK_PROBE_RANGE}`);
    expect(glyphs.status).toBe(200);
    expect(glyphs.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await vector.request(`/api/basemap/glyphs/${encodeURIComponent('Noto Sans Regular')}/0-255.pbf`)).status).toBe(404);
    expect((await vector.request('/api/basemap/glyphs/Noto%20Sans%20Regular/3-258.pbf')).status).toBe(404);
    expect((await vector.request('/api/basemap/sprites/dark.json')).status).toBe(200);
    expect((await vector.request('/api/basemap/sprites/light.json')).status).toBe(404);
  });

  it('tiles need a session and take no query; a tile past 2^z is refused', async () => {
    expect((await appWith({}).request(`/api/basemap/tiles/10/${X}/${Y}`)).status).toBe(401);
    expect((await raster.request(`/api/basemap/tiles/10/${X}/${Y}?x=1`)).status).toBe(400);
    expect((await raster.request('/api/basemap/tiles/3/8/0')).status).toBe(400);
    // Digits only: 1e1, 0x2, a blank or a sign are not tile numbers.
    for (const bad of ['1e1/0/0', '0x2/0/0', '3/%20/0', '3/+1/0', '3/0/1.0', '25/0/0']) expect((await raster.request(`/api/basemap/tiles/${bad}`)).status, bad).toBe(400);
  });
});
