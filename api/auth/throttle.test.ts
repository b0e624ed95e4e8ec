import { describe, expect, it } from 'vitest';
import { FailureThrottle, type LockRule } from './throttle.ts';

const RULE: LockRule = { limit: 3, windowMs: 60_000 };

/** Steps: 'f' a failure, 'b' begin, 's' settle as success, 'x' settle as failure, a number: the clock moves on (ms); each answers retryAfter. */
function run(steps: (string | number)[], rule = RULE): number[] {
  let now = 1_000_000;
  const t = new FailureThrottle(99, 1, () => now);
  return steps.map((s) => {
    if (typeof s === 'number') now += s;
    else if (s === 'f') t.fail('k', rule);
    else if (s === 'b') t.begin('k', rule);
    else t.settle('k', s === 'x', rule);
    return t.retryAfter('k', rule);
  });
}

describe('FailureThrottle', () => {
  it.each<[string, (string | number)[], number[]]>([
    ['locks on the failure that reaches the limit, for the whole lock time', ['f', 1000, 'f', 1000, 'f', 1000], [0, 0, 0, 0, 60, 59]],
    ['a failure older than the window no longer counts', ['f', 30_000, 'f', 31_000, 'f'], [0, 0, 0, 0, 0]],
    ['a lock that ended starts from zero', ['f', 'f', 'f', 60_000, 'f', 'f'], [0, 0, 60, 0, 0, 0]],
    ['the lock ends exactly after its time, not later', ['f', 'f', 'f', 59_999, 1], [0, 0, 60, 1, 0]],
    ['attempts in flight count toward the limit (1 s), and are not failures when they succeed', ['f', 'f', 'b', 's', 'f'], [0, 0, 1, 0, 60]],
    ['an attempt in flight that fails locks', ['f', 'f', 'b', 'x'], [0, 0, 1, 60]],
  ])('%s', (_name, steps, expected) => expect(run(steps)).toEqual(expected));

  it('a lock may last longer than the window', () => {
    expect(run(['f', 'f', 'f', 100_000], { ...RULE, lockMs: 120_000 })).toEqual([0, 0, 120, 20]);
  });

  it('keys are apart; reset and resetPrefix forget them', () => {
    const t = new FailureThrottle(1, 60_000);
    for (const k of ['a:1', 'a:2', 'b:1']) t.fail(k);
    expect(['a:1', 'a:2', 'b:1'].map((k) => t.retryAfter(k) > 0)).toEqual([true, true, true]);
    expect(t.retryAfter('c')).toBe(0);
    t.resetPrefix('a:');
    expect(['a:1', 'a:2', 'b:1'].map((k) => t.retryAfter(k) > 0)).toEqual([false, false, true]);
    t.reset('b:1');
    expect(t.retryAfter('b:1')).toBe(0);
  });

  it('stays bounded: at most maxKeys keys, and `keep` failures per key', () => {
    const t = new FailureThrottle(1, 60_000, Date.now, 100);
    for (let i = 0; i < 1000; i++) t.fail(`k${i}`);
    expect(t.retryAfter('k0')).toBe(0);
    expect(t.retryAfter('k999')).toBeGreaterThan(0);
    const rule = { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000, keep: 10 };
    for (let i = 0; i < 50; i++) t.fail('many', rule);
    expect(t.count('many', rule)).toBe(10);
  });
});
