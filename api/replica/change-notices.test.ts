import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { AnswerCache } from '../cache/answer-cache.ts';
import { cacheable } from '../cache/middleware.ts';
import type { Db, Listener } from '../db/index.ts';
import { CHANGES_CHANNEL, changeNotices } from './change-notices.ts';

function fakeDb(withListen: boolean) {
  const state = { channel: '', up: true, stopped: false, notice: (_p: string) => {}, gap: () => {} };
  const db = {
    kind: 'postgres',
    available: () => true,
    ...(withListen
      ? {
          listen(channel: string, onNotice: (p: string) => void, onGap: () => void): Listener {
            Object.assign(state, { channel, notice: onNotice, gap: onGap });
            const stop = async () => {
              state.stopped = true;
            };
            return { listening: () => state.up, stop };
          },
        }
      : {}),
  } as unknown as Db;
  return { db, state };
}

describe('changeNotices', () => {
  it('is absent where the database cannot listen (the embedded one)', () => {
    expect(changeNotices(fakeDb(false).db)).toBeUndefined();
  });

  it('tells every handler the changed table, and null for a gap', async () => {
    const { db, state } = fakeDb(true);
    const n = changeNotices(db)!;
    expect(state.channel).toBe(CHANGES_CHANNEL);
    const a: (string | null)[] = [];
    const b: (string | null)[] = [];
    n.on((t) => a.push(t));
    const off = n.on((t) => b.push(t));
    state.notice('hazard');
    off();
    state.gap();
    expect(a).toEqual(['hazard', null]);
    expect(b).toEqual(['hazard']);
    expect(n.listening()).toBe(true);
    state.up = false;
    expect(n.listening()).toBe(false);
    await n.stop();
    expect(state.stopped).toBe(true);
  });
});

describe('the answer cache while other servers cannot be heard', () => {
  it('keeps nothing while the notices are not listening, and caches again once they are', async () => {
    const { db, state } = fakeDb(true);
    const notices = changeNotices(db)!;
    let computed = 0;
    const app = new Hono()
      .use('*', async (c, next) => {
        c.set('principal' as never, { role: 'county', userId: 1, villageCodes: null, townshipCode: null } as Principal as never);
        await next();
      })
      .use('*', cacheable(new AnswerCache(60_000), db, notices))
      .get('/x', (c) => c.json({ n: ++computed }));
    const ask = async () => (await app.request('/x')).headers.get('x-answer-cache');
    expect([await ask(), await ask()]).toEqual(['miss', 'hit']);
    state.up = false;
    expect([await ask(), await ask()]).toEqual([null, null]);
    state.up = true;
    expect([await ask(), await ask()]).toEqual(['miss', 'hit']);
    expect(computed).toBe(4);
  });
});
