import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../scripts/precompress.ts';
import { FailureThrottle } from './auth/throttle.ts';
import { loadConfig } from './config.ts';
import { type Db, DbUnavailableError } from './db/index.ts';
import { basemapOrigin } from './security-headers.ts';
import { createServerApp } from './server.ts';

const db: Db = {
  kind: 'pglite',
  read: () => Promise.reject(new DbUnavailableError()),
  write: () => Promise.reject(new DbUnavailableError()),
  exec: () => Promise.resolve(),
  ping: () => Promise.resolve(),
  available: () => true,
  close: () => Promise.resolve(),
};

function server(env: Record<string, string> = {}) {
  return createServerApp({ db, config: loadConfig({ WEB_DIST: '', LOG_REQUESTS: 'false', ...env }), now: () => new Date(), throttle: new FailureThrottle() });
}

describe('server', () => {
  it.each(['/api/health', '/api/nothing', '/'])('sends security headers on %s', async (path) => {
    const res = await server().request(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS only for configured origins', async () => {
    const ask = (env: Record<string, string>, origin: string) => server(env).request('/api/health', { headers: { origin } });
    expect((await ask({}, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const on = { CORS_ORIGINS: 'https://screen.intranet, http://10.0.0.5:8080' };
    expect((await ask(on, 'https://screen.intranet')).headers.get('access-control-allow-origin')).toBe('https://screen.intranet');
    expect((await ask(on, 'https://screen.intranet')).headers.get('access-control-allow-credentials')).toBe('true');
    // a map on that origin may read what a tile says about itself
    expect((await ask(on, 'https://screen.intranet')).headers.get('access-control-expose-headers')?.toLowerCase().split(/,\s*/)).toEqual([
      'x-tile-layer',
      'x-tile-features',
      'x-tile-truncated',
    ]);
    expect((await ask(on, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect(() => loadConfig({ CORS_ORIGINS: 'screen.intranet/path' })).toThrow(/CORS_ORIGINS/);
  });

  it('marks every API answer private and keyed by credentials', async () => {
    const res = await server().request('/api/stats/summary');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(res.headers.get('vary')).toMatch(/Cookie/);
  });

  it('allows the configured basemap host, and only it', async () => {
    const res = await server({ BASEMAP_URL: 'http://tiles.intranet:8080/vec/{z}/{x}/{y}.png' }).request('/');
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data: blob: http://tiles.intranet:8080");
  });

  it('logs one line per request, path only', async () => {
    const lines: string[] = [];
    const orig = console.log;
    console.log = (l: string) => lines.push(l);
    try {
      await server({ LOG_REQUESTS: 'true' }).request('/api/villages?township=430421110');
    } finally {
      console.log = orig;
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'GET', path: '/api/villages', status: 401 });
    expect(lines[0]).not.toContain('430421110');
  });

  it.each([
    ['http://t.example/{z}/{x}/{y}.png', 'http://t.example'],
    ['/tiles/{z}/{x}/{y}.png', null],
    [undefined, null],
  ])('basemapOrigin(%s) = %s', (url, origin) => expect(basemapOrigin(url)).toBe(origin));
});

describe('static assets on the wire', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'hengyang-dist-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const script = `export const villages = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ code: `4304211${i}`, name: `村${i}` })))};\n`;
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(dist, 'assets/app.js'), script);
  const built = precompressDir(dist);
  const ask = async (p: string, accept?: string) => {
    await built;
    return server({ WEB_DIST: dist }).request(p, { headers: accept ? { 'Accept-Encoding': accept } : {} });
  };

  it('sends the precompressed brotli or gzip file the client accepts, with Vary and the immutable cache header', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await ask('/assets/app.js', accept);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(res.headers.get('cache-control')).toMatch(/immutable/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      expect(bytes.length).toBeLessThan(script.length / 4);
      expect(decode(bytes).toString()).toBe(script);
    }
  });

  it('sends the file itself to a client that accepts no compression, still varying on Accept-Encoding', async () => {
    const res = await ask('/assets/app.js');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(await res.text()).toBe(script);
  });

  it('leaves the small index page alone (nothing to gain)', async () => {
    const res = await ask('/', 'br');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toContain('/assets/app.js');
  });
});
