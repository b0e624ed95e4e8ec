import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_BASEMAP, DEFAULT_CONFIG, fetchRuntimeConfig, isTileTemplate, parseBasemap } from './runtime-config.ts';

const respond = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status }));

describe('fetchRuntimeConfig', () => {
  it('treats 404 (server without the endpoint yet) as the defaults', async () => {
    expect(await fetchRuntimeConfig(respond(404, { error: { code: 'not_found' } }))).toEqual(DEFAULT_CONFIG);
  });
  it('reads the basemap URL', async () => {
    const cfg = await fetchRuntimeConfig(respond(200, { basemapUrl: 'http://10.1.2.3/tdt/{z}/{x}/{y}.png' }));
    expect(cfg.basemapUrl).toBe('http://10.1.2.3/tdt/{z}/{x}/{y}.png');
  });
  it.each([[{ basemapUrl: null }], [{ basemapUrl: 'javascript:alert(1)' }], [{ basemapUrl: 'http://x/{z}/{x}.png' }], [{ basemapUrl: 42 }]])(
    'ignores a missing or unusable basemap URL: %j',
    async (body) => expect((await fetchRuntimeConfig(respond(200, body))).basemapUrl).toBeNull(),
  );
  it('reads what the server sends today, ignoring fields it does not know', async () => {
    const cfg = await fetchRuntimeConfig(respond(200, { basemapUrl: null, basemapAttribution: null, coverageVisitsPerQuarter: 4, timeZone: 'Asia/Shanghai', boundaryNote: '…' }));
    expect(cfg).toEqual({ ...DEFAULT_CONFIG, coverageVisitsPerQuarter: 4 });
  });

  it.each([
    [20_000, 20_000],
    [120_000, 120_000],
    [0, null],
    [-5, null],
    [1.5, null],
    ['20000', null],
    [undefined, null],
  ])('reads the server request deadline %j as %j', async (requestTimeoutMs, expected) => {
    expect((await fetchRuntimeConfig(respond(200, { requestTimeoutMs }))).requestTimeoutMs).toBe(expected);
  });

  it.each([
    [0, 0],
    [100, 100],
    [30_000, 30_000],
    [-1, 2000],
    [2.5, 2000],
    ['100', 2000],
    [undefined, 2000],
  ])('reads the village count above which the map takes tiles, %j, as %j', async (mapTilesAboveVillages, expected) => {
    expect((await fetchRuntimeConfig(respond(200, { mapTilesAboveVillages }))).mapTilesAboveVillages).toBe(expected);
  });

  it('goes through the typed API client by default', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ basemapUrl: '/tiles/{z}/{x}/{y}.png' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    try {
      expect((await fetchRuntimeConfig()).basemapUrl).toBe('/tiles/{z}/{x}/{y}.png');
      expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toMatch(/\/api\/config$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('fails loudly on a server error so it can be retried', async () => {
    await expect(fetchRuntimeConfig(respond(500, {}))).rejects.toThrow(/500/);
  });
});

describe('isTileTemplate', () => {
  it.each([
    ['https://t0.example/{z}/{x}/{y}.png', true],
    ['/tiles/{z}/{x}/{y}', true],
    ['https://t0.example/{z}/{y}', false],
    ['ftp://x/{z}/{x}/{y}', false],
  ])('%s -> %s', (url, ok) => expect(isTileTemplate(url)).toBe(ok));
});

describe('parseBasemap', () => {
  const amap = {
    provider: 'amap',
    kind: 'raster',
    crs: 'gcj02',
    rasters: [{ id: 'amap', tiles: ['http://amap.intranet/{z}/{x}/{y}'] }],
    style: null,
    attribution: '高德',
    minZoom: 3,
    maxZoom: 18,
  };
  it.each([
    ['a GCJ-02 provider as sent', { basemap: amap }, amap],
    [
      "an older server's single template: xyz in WGS84",
      { basemapUrl: '/t/{z}/{x}/{y}.png', basemapAttribution: 'x' },
      { ...BUILTIN_BASEMAP, provider: 'xyz', kind: 'raster', rasters: [{ id: 'xyz', tiles: ['/t/{z}/{x}/{y}.png'] }], attribution: 'x' },
    ],
    ['a raster without a usable template: built-in', { basemap: { ...amap, rasters: [{ id: 'a', tiles: ['javascript:{z}{x}{y}'] }] } }, BUILTIN_BASEMAP],
    ['a vector style from elsewhere: built-in', { basemap: { ...amap, kind: 'vector', rasters: [], style: 'http://evil.example/style.json' } }, BUILTIN_BASEMAP],
    ['an unknown CRS: WGS84', { basemap: { ...amap, crs: 'bd09' } }, { ...amap, crs: 'wgs84' }],
    ['nothing: built-in', {}, BUILTIN_BASEMAP],
  ])('%s', (_, body, expected) => expect(parseBasemap(body)).toEqual(expected));
});
