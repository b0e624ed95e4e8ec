import { describe, expect, it } from 'vitest';
import { AnswerCache, type CachedAnswer } from './answer-cache.ts';
import { answerKey } from './middleware.ts';

const answer = (s: string): CachedAnswer => ({ body: new TextEncoder().encode(s).buffer as ArrayBuffer, headers: [['content-type', 'application/json']] });
const text = (a: CachedAnswer | null) => (a ? new TextDecoder().decode(a.body) : null);

describe('AnswerCache', () => {
  it('keeps an answer for its TTL, then computes again', async () => {
    let now = 0;
    let calls = 0;
    const cache = new AnswerCache(1000, 10, () => now);
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
    const small = new AnswerCache(1000, 2);
    for (const k of ['a', 'b', 'c']) await small.get(k, async () => answer(k));
    expect(small.size).toBe(2);
    expect(small.fresh('a')).toBeNull();
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
