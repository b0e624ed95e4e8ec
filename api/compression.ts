import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/**
 * Answers compressed on the wire. The village layer is ~390 KB of JSON that brotli brings to a
 * fraction; static assets come precompressed from the build (scripts/precompress.ts), so this
 * compresses only what is made per request: API answers and the SPA's index page.
 */

export type Encoding = 'br' | 'gzip';

/** Below this a compressed body saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/** Text answers (JSON, CSV, HTML, JS) and vector tiles (protobuf, mostly repeated keys and small ints). */
const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:json|javascript|xml|vnd\.mapbox-vector-tile|[\w.+-]+\+json)|image\/svg\+xml)/i;

/**
 * The encoding to send for an Accept-Encoding header: brotli before gzip, each only if the client
 * names it (or `*`) with a q-value above 0. `identity` and unknown codings are never chosen.
 */
export function negotiateEncoding(accept: string | undefined | null): Encoding | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Compresses in libuv's thread pool, off the event loop. Brotli 4 / gzip 6: per-request levels
 * (the village layer in about 3 ms; brotli 5 took twice the CPU for 6-7% fewer bytes, see
 * docs/performance.md); the build's own assets use the slow maximum once.
 */
export async function encodeBody(body: ArrayBuffer | Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  const input = body instanceof Uint8Array ? body : new Uint8Array(body);
  return encoding === 'br' ? brotli(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: input.byteLength } }) : gz(input, { level: 6 });
}

/**
 * Whether a response may be compressed at all (before looking at its size, its body or the client).
 * Status and headers only: reading `body` turns @hono/node-server's lightweight answer into a full
 * Response, which it then streams instead of writing the string at once (about a tenth of the
 * server's time per answer under bench:load), so the body is looked at only when it is to be encoded.
 */
export function isCompressible(method: string, res: Response): boolean {
  if (method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return false;
  if (res.headers.has('Content-Encoding')) return false;
  if (/\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return false;
  return COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '');
}

/** Adds Accept-Encoding to Vary once: any compressible answer differs by it, compressed or not. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (vary && /(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) return;
  headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** A new response with the encoded body and the headers that describe it. */
export function encodedResponse(res: Response, body: Uint8Array, encoding: Encoding): Response {
  const headers = new Headers(res.headers);
  headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.byteLength));
  varyOnEncoding(headers);
  return new Response(body as Uint8Array<ArrayBuffer>, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Compresses whatever the handlers below answered, when it is text, at least COMPRESS_MIN_BYTES
 * and the client accepts brotli or gzip. An answer already encoded (a precompressed asset, an
 * answer the cache keeps compressed) passes through untouched.
 */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!isCompressible(c.req.method, res)) {
      if (c.req.method === 'HEAD' && COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) varyOnEncoding(res.headers);
      return;
    }
    varyOnEncoding(res.headers);
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
    const length = Number(res.headers.get('Content-Length') ?? Number.NaN);
    if (!encoding || length < COMPRESS_MIN_BYTES || res.body === null) return;
    const body = await res.arrayBuffer();
    if (body.byteLength < COMPRESS_MIN_BYTES) {
      c.res = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      return;
    }
    const encoded = encodedResponse(res, await encodeBody(body, encoding), encoding);
    // Hono copies the old answer's headers onto the new one: its length must not come along.
    res.headers.delete('Content-Length');
    c.res = encoded;
  };
}
