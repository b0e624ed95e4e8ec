import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, isoWeek, shanghaiDate } from '../contract/calendar.ts';
import { SYSTEM } from '../db/types.ts';
import { samePointPreviousQuarter } from '../domain/period.ts';
import { signIn } from '../test/sign-in.ts';
import { type TestDb, testDb } from '../test/test-db.ts';
import { CoverageBase, RECHECK_MS } from './coverage-base.ts';

// Migration 015's days as the API asks for them (CoverageBase): only the live views' two days, in
// the background, at most once per RECHECK_MS, whatever the requests ask (coverage-base.db.test.ts
// holds the answers they give).
const DAY = 86_400_000;

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

/** A builder whose database only counts the builds asked of it (or fails them, or holds them until `gate`). */
function counting(fail = false, gate: Promise<void> = Promise.resolve()) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  let clock = 0;
  const write = async (_scope: unknown, fn: (h: { query: (sql: string, p: unknown[]) => Promise<unknown[]> }) => Promise<unknown>) =>
    fn({
      query: async (_sql, p) => {
        calls.push(String(p[0]));
        await gate;
        if (fail) throw new Error('database down');
        return [{ built: true }];
      },
    });
  const base = new CoverageBase(
    { ...t.db, write } as never,
    () => t.now,
    (e) => errors.push(e),
    () => clock,
  );
  return { base, calls, errors, advance: (ms: number) => (clock += ms) };
}

describe('the coverage days the API builds (migration 015)', () => {
  it('are the live days only, built once, in the database', async () => {
    const errors: unknown[] = [];
    const base = new CoverageBase(
      t.db,
      () => t.now,
      (e) => errors.push(e),
    );
    base.want(new Date(t.now.getTime() - 10 * DAY), new Date(t.now.getTime() - 200 * DAY), new Date(t.now.getTime() + 2 * DAY));
    await base.settled();
    expect(base.built).toBe(0);
    base.wantSummary(t.now);
    base.wantSummary(t.now);
    await base.settled();
    expect(errors).toEqual([]);
    const days = await t.db.read(SYSTEM, (h) => h.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM coverage_base_day`));
    expect(base.liveDays()).toEqual([shanghaiDate(t.now), shanghaiDate(samePointPreviousQuarter(t.now))]);
    for (const d of base.liveDays()) expect(days.map((x) => x.day)).toContain(d);
    // built here, or already by another test's summary request: never twice
    expect(base.built).toBeLessThanOrEqual(2);
  });

  it('are asked for again only after RECHECK_MS, built or failed, and a failure is said', async () => {
    const ok = counting();
    ok.base.wantSummary(t.now);
    ok.base.wantSummary(t.now);
    await ok.base.settled();
    expect(ok.calls).toEqual(ok.base.liveDays());
    ok.advance(RECHECK_MS - 1);
    ok.base.wantSummary(t.now);
    await ok.base.settled();
    expect(ok.calls).toHaveLength(2);
    ok.advance(1);
    ok.base.wantSummary(t.now);
    await ok.base.settled();
    expect(ok.calls).toEqual([...ok.base.liveDays(), ...ok.base.liveDays()]);

    const failing = counting(true);
    failing.base.wantSummary(t.now);
    await failing.base.settled();
    expect(failing.errors.map(String)).toEqual(['Error: database down', 'Error: database down']);
    // not retried by every request that follows
    failing.base.wantSummary(t.now);
    await failing.base.settled();
    expect(failing.calls).toHaveLength(2);
    expect(failing.base.built).toBe(0);
  });

  it('are not queued again while a build of the day still waits, however long', async () => {
    let open!: () => void;
    const slow = counting(false, new Promise<void>((r) => (open = r)));
    slow.base.wantSummary(t.now);
    for (let i = 0; i < 5; i++) {
      slow.advance(RECHECK_MS);
      slow.base.wantSummary(t.now);
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(slow.calls).toEqual([slow.base.liveDays()[0]]);
    open();
    await slow.base.settled();
    expect(slow.calls).toEqual(slow.base.liveDays());
  });

  it("are asked for by the summary and the running week's briefing, for their instants of coverage", async () => {
    const asked: Date[] = [];
    const spy = { wantSummary: (ref: Date) => asked.push(ref) } as unknown as CoverageBase;
    const app = await signIn(createApp({ ...t.deps, coverageBase: spy }), 'demo-county');
    const summary = await app.request('/api/stats/summary');
    expect(summary.status).toBe(200);
    const { period } = (await summary.json()) as { period: { asOf: string } };
    expect(asked.map((d) => d.toISOString())).toEqual([period.asOf]);
    const week = isoWeek(shanghaiDate(t.now));
    const briefing = await app.request(`/api/briefing?week=${week}`);
    expect(briefing.status).toBe(200);
    expect(asked).toHaveLength(2);
    expect(asked[1]!.getTime()).toBe(t.now.getTime());
    // a past week asks too; its instant is not a live day, so nothing is built for it
    await app.request(`/api/briefing?week=${isoWeek(addDays(shanghaiDate(t.now), -14))}`);
    expect(asked).toHaveLength(3);
    expect(new CoverageBase(t.db, () => t.now).liveDays()).not.toContain(shanghaiDate(asked[2]!));
  });

  it('are asked for by the village layer and its tiles (migration 016), for their "as of"', async () => {
    const asked: Date[] = [];
    const spy = { want: (...at: Date[]) => asked.push(...at), wantSummary: () => {} } as unknown as CoverageBase;
    const app = await signIn(createApp({ ...t.deps, coverageBase: spy }), 'demo-county');
    const layer = await app.request('/api/villages');
    expect(layer.status).toBe(200);
    const { meta } = (await layer.json()) as { meta: { asOf: string } };
    expect(asked.map((d) => d.toISOString())).toEqual([meta.asOf]);
    expect((await app.request('/api/tiles/villages/12/3326/1729.mvt')).status).toBe(200);
    expect(asked.map((d) => d.toISOString())).toEqual([meta.asOf, meta.asOf]);
    // a past period asks for its own instant, which is no live day: nothing is built for it
    await app.request('/api/villages?from=2025-01-01&to=2025-01-31');
    expect(asked).toHaveLength(3);
    const real = new CoverageBase(t.db, () => t.now);
    real.want(asked[2]!);
    await real.settled();
    expect(real.built).toBe(0);
    const [kept] = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_base_day WHERE day = $1', [shanghaiDate(asked[2]!)]));
    expect(kept!.n).toBe(0);
  });
});
