import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { COMPRESS_MIN_BYTES, compressAnswers, negotiateEncoding } from './compression.ts';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['deflate', null],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=1.0, gzip;q=1.0', 'br'],
    ['gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=nonsense, gzip', 'gzip'],
    [' br ; q=0.3 ', 'br'],
  ] as const)('%j -> %s', (accept, expected) => {
    expect(negotiateEncoding(accept)).toBe(expected);
  });
});

const big = JSON.stringify({ rows: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `村${i}`, disputes: i % 7 })) });

function app() {
  return new Hono()
    .use('*', compressAnswers())
    .get('/big', (c) => c.json(JSON.parse(big)))
    .get('/small', (c) => c.json({ ok: true }))
    .get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }))
    .get('/no-transform', (c) => c.body(big, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' }))
    .get('/sized', (c) => c.body(big, 200, { 'Content-Type': 'text/csv', 'Content-Length': String(Buffer.byteLength(big)) }))
    .get('/error', (c) => c.json({ error: { code: 'x', message: 'y'.repeat(2000) } }, 400));
}

const ask = (path: string, accept?: string, method = 'GET') => app().request(path, { method, headers: accept ? { 'Accept-Encoding': accept } : {} });

describe('compressAnswers', () => {
  it('sends brotli or gzip as the client prefers, with Vary and the compressed length', async () => {
    expect(big.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await ask('/big', accept);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      expect(bytes.length).toBeLessThan(big.length / 3);
      expect(decode(bytes).toString()).toBe(big);
    }
  });

  it('sends the body as it is to a client that accepts neither, still varying on Accept-Encoding', async () => {
    for (const accept of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await ask('/big', accept);
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(await res.text()).toBe(big);
    }
  });

  it.each([
    ['/small', 'below the threshold'],
    ['/png', 'not text'],
    ['/no-transform', 'Cache-Control: no-transform'],
  ])('leaves %s alone (%s)', async (path) => {
    const res = await ask(path, 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('compresses error answers and answers with a Content-Length too, replacing the length', async () => {
    const err = await ask('/error', 'gzip');
    expect(err.status).toBe(400);
    expect(err.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await err.arrayBuffer())).toString()).error.code).toBe('x');
    const sized = await ask('/sized', 'br');
    const bytes = Buffer.from(await sized.arrayBuffer());
    expect(Number(sized.headers.get('content-length'))).toBe(bytes.length);
    expect(brotliDecompressSync(bytes).toString()).toBe(big);
  });

  it('answers HEAD without a body or an encoding', async () => {
    const res = await ask('/big', 'br', 'HEAD');
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});
