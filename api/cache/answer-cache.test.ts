import { describe, expect, it } from 'vitest';
import { AnswerCache, type CachedAnswer, DEFAULT_ANSWER_CACHE_MAX_BYTES } from './answer-cache.ts';
import { answerKey } from './middleware.ts';

const answer = (s: string): CachedAnswer => ({ body: new TextEncoder().encode(s).buffer as ArrayBuffer, headers: [['content-type', 'application/json']] });
const text = (a: CachedAnswer | null) => (a ? new TextDecoder().decode(a.body) : null);

describe('AnswerCache', () => {
  it('keeps an answer for its TTL, then computes again', async () => {
    let now = 0;
    let calls = 0;
    const cache = new AnswerCache(1000, { maxEntries: 10, clock: () => now });
    const produce = async () => answer(`v${++calls}`);
    expect(text((await cache.get('k', produce)).answer)).toBe('v1');
    now = 999;
    expect(await cache.get('k', produce)).toMatchObject({ shared: true });
    now = 1000;
    expect(text((await cache.get('k', produce)).answer)).toBe('v2');
  });

  it('computes once for concurrent identical requests', async () => {
    const cache = new AnswerCache(1000);
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const produce = async () => {
      calls++;
      await gate;
      return answer('x');
    };
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get('k', produce)));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(results.filter((r) => !r.shared)).toHaveLength(1);
    expect(results.every((r) => text(r.answer) === 'x')).toBe(true);
  });

  it('does not keep errors, and a waiter whose leader failed computes for itself', async () => {
    const cache = new AnswerCache(1000);
    expect(await cache.get('k', async () => null)).toEqual({ answer: null, shared: false });
    expect(cache.size).toBe(0);
  });

  it('drops what a write may have made stale, including an answer computed across the write', async () => {
    const cache = new AnswerCache(1000);
    await cache.get('a', async () => answer('old'));
    cache.clear();
    expect(cache.fresh('a')).toBeNull();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pending = cache.get('b', async () => {
      await gate;
      return answer('computed before the write');
    });
    cache.clear();
    release();
    await pending;
    expect(cache.fresh('b')).toBeNull();
  });

  it('is off with a TTL of 0 and bounded in size', async () => {
    expect(new AnswerCache(0).enabled).toBe(false);
    const small = new AnswerCache(1000, { maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await small.get(k, async () => answer(k));
    expect(small.size).toBe(2);
    expect(small.fresh('a')).toBeNull();
  });

  it('is bounded in bytes: the oldest go when a new answer would pass the budget', async () => {
    // Each entry is counted as its body plus its key and headers (as UTF-16): a 100-byte body with a 1-char key ~ 160 bytes.
    const cache = new AnswerCache(60_000, { maxBytes: 1000 });
    for (let i = 0; i < 20; i++) await cache.get(String.fromCharCode(97 + i), async () => answer('x'.repeat(100)));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(20);
    expect(cache.fresh('a')).toBeNull();
    expect(text(cache.fresh('t'))).toBe('x'.repeat(100));
  });

  it('answers but does not keep an answer larger than a quarter of the byte budget', async () => {
    const cache = new AnswerCache(60_000, { maxBytes: 1000 });
    await cache.get('small', async () => answer('s'));
    const big = await cache.get('big', async () => answer('b'.repeat(300)));
    expect(big).toEqual({ answer: expect.anything(), shared: false });
    expect(text(big.answer)).toBe('b'.repeat(300));
    expect(cache.fresh('big')).toBeNull();
    // Nothing else was evicted to make room for it.
    expect(text(cache.fresh('small'))).toBe('s');
  });

  it('still computes a too-large answer once for concurrent identical requests', async () => {
    const cache = new AnswerCache(60_000, { maxBytes: 1000 });
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const produce = async () => {
      calls++;
      await gate;
      return answer('b'.repeat(600));
    };
    const all = Promise.all(Array.from({ length: 10 }, () => cache.get('k', produce)));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(results.every((r) => text(r.answer) === 'b'.repeat(600))).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('sweeps expired answers on the next insert or lookup, so memory falls back after the TTL', async () => {
    let now = 0;
    const cache = new AnswerCache(1000, { clock: () => now });
    // Distinct URLs, as anyone signed in can ask for (/api/events?limit=19999, 19998, ...).
    for (let i = 0; i < 100; i++) await cache.get(`/api/events?limit=${20_000 - i}`, async () => answer('e'.repeat(10_000)));
    expect(cache.size).toBe(100);
    expect(cache.bytes).toBeGreaterThan(1_000_000);
    now = 1000;
    await cache.get('/api/stats/summary', async () => answer('{}'));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBeLessThan(1000);
    now = 2000;
    expect(cache.fresh('/api/other')).toBeNull();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('counts bytes back down as answers are replaced, expire or are cleared', async () => {
    let now = 0;
    const cache = new AnswerCache(1000, { clock: () => now });
    await cache.get('k', async () => answer('x'.repeat(500)));
    const one = cache.bytes;
    now = 1000;
    await cache.get('k', async () => answer('x'.repeat(500)));
    expect(cache.bytes).toBe(one);
    cache.clear();
    expect(cache.bytes).toBe(0);
    expect(DEFAULT_ANSWER_CACHE_MAX_BYTES).toBe(64 * 1024 * 1024);
  });
});

describe('AnswerCache.clear with a hold', () => {
  it('serves but keeps no answer computed within the hold after a clear (a replica may be a moment behind)', async () => {
    let now = 0;
    const cache = new AnswerCache(60_000, { clock: () => now });
    cache.clear(1000);
    expect(await cache.get('k', async () => answer('maybe behind'))).toMatchObject({ shared: false });
    expect(cache.fresh('k')).toBeNull();
    now = 999;
    await cache.get('k', async () => answer('maybe behind'));
    expect(cache.fresh('k')).toBeNull();
    now = 1000;
    await cache.get('k', async () => answer('settled'));
    expect(text(cache.fresh('k'))).toBe('settled');
    // A clear without a hold does not shorten one under way.
    cache.clear(5000);
    cache.clear();
    now = 5999;
    await cache.get('k', async () => answer('x'));
    expect(cache.fresh('k')).toBeNull();
  });
});

describe('AnswerCache.variant', () => {
  it('makes a variant once per kept answer, counts it against the budget, and drops it with the answer', async () => {
    const cache = new AnswerCache(60_000);
    const { answer: kept } = await cache.get('k', async () => answer('x'.repeat(1000)));
    const before = cache.bytes;
    let made = 0;
    const make = async () => {
      made++;
      return new Uint8Array(100);
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.variant('k', kept!, 'br', make)));
    expect(made).toBe(1);
    expect(all.every((v) => v === all[0])).toBe(true);
    expect(cache.bytes).toBe(before + 100);
    await cache.variant('k', kept!, 'gzip', make);
    expect(made).toBe(2);
    expect(cache.bytes).toBe(before + 200);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });

  it('does not count a variant of an answer no longer kept, and forgets a failed one', async () => {
    const cache = new AnswerCache(60_000);
    const { answer: old } = await cache.get('k', async () => answer('old'));
    cache.clear();
    await cache.get('k', async () => answer('new'));
    const before = cache.bytes;
    await cache.variant('k', old!, 'br', async () => new Uint8Array(500));
    expect(cache.bytes).toBe(before);
    const fresh = cache.fresh('k')!;
    await expect(cache.variant('k', fresh, 'br', () => Promise.reject(new Error('zlib')))).rejects.toThrow('zlib');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.variant('k', fresh, 'br', async () => new Uint8Array(3))).toHaveLength(3);
  });
});

describe('answerKey', () => {
  const url = (q: string) => new URL(`http://x/api/stats/summary?${q}`);
  it('is the same for the same query in any order, different per role and scope', () => {
    expect(answerKey('county', { kind: 'county' }, url('from=2026-01-01&to=2026-02-01'))).toBe(answerKey('county', { kind: 'county' }, url('to=2026-02-01&from=2026-01-01')));
    const keys = new Set([
      answerKey('county', { kind: 'county' }, url('')),
      answerKey('wall', { kind: 'county' }, url('')),
      answerKey('township', { kind: 'township', township: '430421110' }, url('')),
      answerKey('township', { kind: 'township', township: '430421111' }, url('')),
      answerKey('officer', { kind: 'villages', township: '430421110', villages: ['430421110201'] }, url('')),
    ]);
    expect(keys.size).toBe(5);
  });
});
