import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.ts';
import type { SessionRow } from './sessions.ts';

const row = { csrfToken: 'c', deviceId: null, stale: false, user: { id: 1 } } as unknown as SessionRow;

describe('SessionCache', () => {
  it('remembers a session for its TTL only', () => {
    let now = 0;
    const cache = new SessionCache(1000, 10, () => now);
    cache.set('t', row);
    now = 999;
    expect(cache.get('t')).toBe(row);
    now = 1000;
    expect(cache.get('t')).toBeNull();
  });

  it('forgets on delete and clear, keeps nothing with a TTL of 0, and stays bounded', () => {
    const cache = new SessionCache(1000, 2);
    cache.set('a', row);
    cache.delete('a');
    expect(cache.get('a')).toBeNull();
    for (const k of ['a', 'b', 'c']) cache.set(k, row);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('c')).toBe(row);
    cache.clear();
    expect(cache.get('c')).toBeNull();
    const off = new SessionCache(0);
    off.set('x', row);
    expect(off.get('x')).toBeNull();
  });
});
