/**
 * The HTTP side of the attacks: one answer recorded the same way whatever went wrong, a request
 * that streams a huge body without holding it in memory, and the tallies the report prints.
 */
import http from 'node:http';

/** One request's fate: an HTTP status, or `timeout` / `aborted` / a socket error code. */
export interface Outcome {
  label: string;
  status: number | string;
  ms: number;
  retryAfter?: string;
  /** Bytes of the request body sent before the answer (streamed bodies only). */
  sent?: number;
  code?: string;
}

const errorCode = (e: unknown) => {
  const err = e as { name?: string; code?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError') return 'timeout';
  if (err.name === 'AbortError') return 'aborted';
  return err.code ?? err.cause?.code ?? String(e).slice(0, 80);
};

/** fetch, timed, never throwing; the body is read (and dropped) so the time covers the whole answer. */
export async function timed(label: string, url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Outcome> {
  const t0 = performance.now();
  const limit = AbortSignal.timeout(Math.max(1, Math.round(init.timeoutMs ?? 30_000)));
  const signal = init.signal ? AbortSignal.any([init.signal, limit]) : limit;
  try {
    const r = await fetch(url, { ...init, signal });
    const text = await r.text();
    let code: string | undefined;
    try {
      code = JSON.parse(text)?.error?.code;
    } catch {
      /* not JSON */
    }
    return { label, status: r.status, ms: performance.now() - t0, retryAfter: r.headers.get('retry-after') ?? undefined, code };
  } catch (e) {
    return { label, status: errorCode(e), ms: performance.now() - t0 };
  }
}

/**
 * After a burst: fresh requests (`urlOf(n)`, each distinct, so no cache answers them) until one is
 * answered 200 or `limitMs` has passed since `since`; their outcomes, and when the first 200 came
 * (ms after `since`, null if none did).
 */
export async function firstOkAfter(since: number, limitMs: number, urlOf: (n: number) => string, init: RequestInit): Promise<{ probes: Outcome[]; firstOkMs: number | null }> {
  const probes: Outcome[] = [];
  for (let n = 0; performance.now() - since < limitMs; n++) {
    const left = limitMs - (performance.now() - since);
    const o = await timed(`after the burst #${n}`, urlOf(n), { ...init, timeoutMs: Math.max(100, left) });
    probes.push(o);
    if (o.status === 200) return { probes, firstOkMs: performance.now() - since };
    await new Promise((r) => setTimeout(r, 250));
  }
  return { probes, firstOkMs: null };
}

export interface StreamOpts {
  url: string;
  headers?: Record<string, string>;
  /** Total body size in bytes: prefix + filler + suffix. */
  bytes: number;
  prefix?: string;
  suffix?: string;
  /** Declare the size up front (Content-Length) or send it chunked, where only reading tells the size. */
  declareLength: boolean;
  timeoutMs?: number;
}

const FILLER = Buffer.alloc(1 << 20, 'A');

/**
 * POSTs a body of `bytes` generated 1 MiB at a time, honouring back-pressure, and stops sending as
 * soon as the server answers: the script never holds more than one chunk, however big the body.
 */
export function streamBody(label: string, o: StreamOpts): Promise<Outcome> {
  const t0 = performance.now();
  const prefix = Buffer.from(o.prefix ?? '');
  const suffix = Buffer.from(o.suffix ?? '');
  return new Promise((resolve) => {
    let done = false;
    let sent = 0;
    let wake: () => void = () => {};
    const finish = (out: Omit<Outcome, 'label' | 'ms' | 'sent'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      wake();
      req.destroy();
      resolve({ label, ms: performance.now() - t0, sent, ...out });
    };
    const req = http.request(o.url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...o.headers, ...(o.declareLength ? { 'content-length': String(o.bytes) } : {}) },
    });
    const timer = setTimeout(() => finish({ status: 'timeout' }), o.timeoutMs ?? 30_000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.length < 16 && chunks.push(c));
      const settle = () => {
        let code: string | undefined;
        try {
          code = JSON.parse(Buffer.concat(chunks).toString())?.error?.code;
        } catch {
          /* not JSON */
        }
        finish({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, code });
      };
      res.on('end', settle);
      res.on('error', settle);
      res.on('close', settle);
    });
    // A server that answers early and closes while body bytes are still arriving makes the kernel
    // reset the connection, and a write fails before the answer is parsed: give the answer a moment to
    // surface, then report the reset, which is all a client in that position gets to see.
    req.on('error', (e) => {
      wake();
      setTimeout(() => finish({ status: `${errorCode(e)} (no answer read)` }), 250);
    });
    req.on('close', () => wake());
    req.on('drain', () => wake());

    void (async () => {
      const write = (b: Buffer) => {
        sent += b.length;
        return req.write(b);
      };
      write(prefix);
      const fillTo = o.bytes - suffix.length;
      while (!done && sent < fillTo) {
        const n = Math.min(FILLER.length, fillTo - sent);
        if (!write(n === FILLER.length ? FILLER : FILLER.subarray(0, n))) await new Promise<void>((r) => (wake = r));
      }
      if (!done) {
        sent += suffix.length;
        req.end(suffix);
      }
    })();
  });
}

/** `413 x3, timeout x1` */
export function statusCounts(outs: Outcome[]): string {
  const m = new Map<string, number>();
  for (const o of outs) m.set(String(o.status), (m.get(String(o.status)) ?? 0) + 1);
  return [...m].map(([s, n]) => `${s} x${n}`).join(', ') || '-';
}

export function msRange(outs: Outcome[]): string {
  if (!outs.length) return '-';
  const xs = outs.map((o) => o.ms).sort((a, b) => a - b);
  const p50 = xs[Math.floor(xs.length / 2)]!;
  return xs.length === 1 ? `${xs[0]!.toFixed(0)} ms` : `min ${xs[0]!.toFixed(0)} / p50 ${p50.toFixed(0)} / max ${xs.at(-1)!.toFixed(0)} ms`;
}

/** Every outcome must be one of `allowed` within `limitMs`; one violation line per offender. */
export function expectAnswers(outs: Outcome[], allowed: (s: number) => boolean, limitMs: number, what: string): string[] {
  return outs
    .filter((o) => typeof o.status !== 'number' || !allowed(o.status) || o.ms > limitMs)
    .map((o) => `${o.label}: ${o.status}${o.code ? ` ${o.code}` : ''} after ${o.ms.toFixed(0)} ms (expected ${what} within ${limitMs / 1000} s)`);
}
