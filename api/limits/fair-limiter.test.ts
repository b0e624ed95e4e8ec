import { describe, expect, it } from 'vitest';
import { FairLimiter, type LimiterBusyError } from './fair-limiter.ts';

const opts = { total: 2, perUser: 1, maxWaitMs: 1000, maxQueuedPerUser: 3 };
const flush = () => new Promise((r) => setImmediate(r));

/** Starts requests for the given users in order and records which ones got a slot, in order. */
async function scenario(users: string[], limiter = new FairLimiter(opts)) {
  const order: string[] = [];
  const releases: (() => void)[] = [];
  const failures: string[] = [];
  for (const [i, u] of users.entries()) {
    void limiter.acquire(u).then(
      (release) => {
        order.push(`${u}#${i}`);
        releases.push(release);
      },
      (err: LimiterBusyError) => failures.push(`${u}#${i}:${err.reason}`),
    );
  }
  await flush();
  return { limiter, order, releases, failures };
}

describe('FairLimiter', () => {
  it.each([
    { name: 'runs up to the per-user limit at once', users: ['a', 'b', 'c'], first: ['a#0', 'b#1'] },
    { name: 'never gives one user more than perUser slots', users: ['a', 'a', 'a'], first: ['a#0'] },
    { name: 'a second user runs beside a busy first', users: ['a', 'a', 'b'], first: ['a#0', 'b#2'] },
  ])('$name', async ({ users, first }) => {
    const { order } = await scenario(users);
    expect(order).toEqual(first);
  });

  it('hands a freed slot to the user with the fewest running, not to the one with the longest queue', async () => {
    const s = await scenario(['a', 'b', 'a', 'a', 'c']);
    expect(s.order).toEqual(['a#0', 'b#1']);
    s.releases.shift()!(); // a#0 done: a's next waits behind nobody else of a, but c has waited too
    await flush();
    s.releases.shift()!(); // b#1 done
    await flush();
    expect(s.order).toEqual(['a#0', 'b#1', 'a#2', 'c#4']);
  });

  it('gives a freed slot to a user with none running before a burst with one, however early the burst came', async () => {
    const limiter = new FairLimiter({ ...opts, total: 2, perUser: 2, maxQueuedPerUser: 16 });
    const s = await scenario(['a', 'a', 'a', 'a', 'a', 'b'], limiter);
    expect(s.order).toEqual(['a#0', 'a#1']);
    s.releases.shift()!(); // a still has one running; b has none, so b goes before a's older three
    await flush();
    expect(s.order).toEqual(['a#0', 'a#1', 'b#5']);
    s.releases.shift()!();
    await flush();
    expect(s.order).toEqual(['a#0', 'a#1', 'b#5', 'a#2']);
  });

  it('serves users with as few running first come, first served, not one request of each user in turn', async () => {
    // y's two came before z's one: when y's first ends, y's second has waited longest (a round
    // robin would have passed to z, and y's second would wait a round of every user)
    const s = await scenario(['x', 'y', 'y', 'z'], new FairLimiter({ ...opts, total: 1 }));
    expect(s.order).toEqual(['x#0']);
    for (let i = 0; i < 3; i++) {
      s.releases.shift()!();
      await flush();
    }
    expect(s.order).toEqual(['x#0', 'y#1', 'y#2', 'z#3']);
  });

  it('with every slot held by users with backlogs, serves a newcomer before everything that came after it', async () => {
    // four users hold a slot each and keep three waiting; n comes, then each of them queues more
    const limiter = new FairLimiter({ ...opts, total: 4, perUser: 2, maxQueuedPerUser: 16 });
    const busy = ['a', 'b', 'c', 'd'];
    const s = await scenario([...busy, ...busy, ...busy, ...busy, 'n', ...busy, ...busy], limiter);
    expect(s.order).toEqual(['a#0', 'b#1', 'c#2', 'd#3']);
    for (let i = 0; i < 13; i++) {
      s.releases.shift()!();
      await flush();
    }
    // first come, first served among users with none running: n's request (#16) after the twelve
    // before it, before any that came after it
    expect(s.order.slice(4)).toEqual(['a#4', 'b#5', 'c#6', 'd#7', 'a#8', 'b#9', 'c#10', 'd#11', 'a#12', 'b#13', 'c#14', 'd#15', 'n#16']);
  });

  it('refuses at once beyond the per-user queue', async () => {
    const s = await scenario(['a', 'a', 'a', 'a', 'a']);
    expect(s.order).toEqual(['a#0']);
    expect(s.failures).toEqual(['a#4:queue_full']);
    expect(s.limiter.stats()).toEqual({ running: 1, waiting: 3 });
  });

  it('refuses a request that waited too long, and one whose client left', async () => {
    const limiter = new FairLimiter({ ...opts, total: 1, maxWaitMs: 20 });
    const release = await limiter.acquire('a');
    await expect(limiter.acquire('b')).rejects.toMatchObject({ reason: 'wait_timeout' });
    const ctl = new AbortController();
    const waiting = limiter.acquire('c', ctl.signal);
    ctl.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'abandoned' });
    expect(limiter.stats()).toEqual({ running: 1, waiting: 0 });
    release();
    release(); // twice is harmless
    expect(limiter.stats()).toEqual({ running: 0, waiting: 0 });
  });
});
