import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, fetchRuntimeConfig, isTileTemplate } from './runtime-config.ts';

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
