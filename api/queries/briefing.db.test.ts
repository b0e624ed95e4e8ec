import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, isoWeek, isoWeekRange, shanghaiDate } from '../contract/calendar.ts';
import { makePeriod } from '../domain/period.ts';
import { rolledBack } from '../test/rollback.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { briefing } from './briefing.ts';

let t: TestDb;
let app: SignedIn;
let week: string;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-county');
  week = isoWeek(addDays(shanghaiDate(t.now), -7));
});

const json = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as any;
};

describe(`weekly briefing (${backend})`, () => {
  it('defaults to last week and carries exactly the numbers of /api/stats/summary for that week', async () => {
    const b = await json('/api/briefing');
    expect(b.week).toBe(week);
    const range = isoWeekRange(week)!;
    expect([b.from, b.to]).toEqual([range.from, range.to]);
    const s = await json(`/api/stats/summary?from=${b.from}&to=${b.to}`);
    expect(b.summary).toEqual(s);
    expect(b.sentences.length).toBeGreaterThanOrEqual(3);
    expect(b.sentences.length).toBeLessThanOrEqual(6);
    expect(b.sentences[0]).toContain(`受理矛盾纠纷${s.current.disputes.total}件`);
    expect(b.topVillages).toHaveLength(10);
    expect(b.boundaryNote).toMatch(/approximate/);
    expect(b.sources.length).toBeGreaterThan(0);
  });

  it('scopes to a township and ranks its villages', async () => {
    const b = await json(`/api/briefing?week=${week}&township=430421110&metric=disputes`);
    expect(b.scope).toEqual({ level: 'township', code: '430421110', name: '界牌镇' });
    expect(b.topVillages.every((r: { townshipCode: string }) => r.townshipCode === '430421110')).toBe(true);
    const s = await json(`/api/stats/summary?from=${b.from}&to=${b.to}&township=430421110`);
    expect(b.summary.current).toEqual(s.current);
    expect(b.sentences[0]).toContain('界牌镇受理矛盾纠纷');
  });

  it.each([['2026-W60'], ['2026-47'], ['W47']])('refuses the week %s with a 400', async (w) => {
    const res = await app.request(`/api/briefing?week=${w}`);
    expect(res.status).toBe(400);
  });

  it.each([['0100-W01'], ['9999-W52'], ['1999-W52'], ['1999-W01'], ['2099-W53'], ['2100-W01']])(
    'refuses the week %s, whose days are not all between 2000-01-01 and 2099-12-31, with a 400 field error',
    async (w) => {
      const res = await app.request(`/api/briefing?week=${w}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: 'invalid_request', message: 'invalid query: week', fields: { week: 'expected a week whose days lie between 2000-01-01 and 2099-12-31' } },
      });
    },
  );

  it('accepts the first whole week, 2000-W01', async () => {
    const b = await json('/api/briefing?week=2000-W01&metric=disputes');
    expect([b.week, b.from, b.to, b.partial]).toEqual(['2000-W01', '2000-01-03', '2000-01-09', false]);
  });

  it.each([
    ['next week', () => isoWeek(addDays(shanghaiDate(t.now), 7))],
    ['the last week of 2099', () => '2099-W52'],
  ])('refuses a week that has not started (%s) with a 422 field error, not a briefing of zeros', async (_, w) => {
    const res = await app.request(`/api/briefing?week=${w()}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code: 'week_not_started', fields: { week: expect.stringContaining('has not started') } });
    expect(body.error.fields.week).toContain(isoWeek(shanghaiDate(t.now)));
  });

  it('answers the running week as partial, as of now, compared with the same days of last week to the same time', async () => {
    const today = shanghaiDate(t.now);
    const current = isoWeek(today);
    const range = isoWeekRange(current)!;
    const b = await json(`/api/briefing?week=${current}`);
    expect([b.week, b.from, b.to, b.partial, b.asOf]).toEqual([current, range.from, range.to, true, t.now.toISOString()]);
    expect(b.summary.period).toMatchObject({ partial: true, unit: 'week', asOf: t.now.toISOString() });
    const lastWeekSameTime = new Date(t.now.getTime() - 7 * 86400_000).toISOString();
    expect(b.summary.previousPeriod).toMatchObject({ from: addDays(range.from, -7), to: addDays(today, -7), partial: false, until: lastWeekSameTime });
    expect(b.summary.previous.disputes.total).toBeLessThanOrEqual(
      (await json(`/api/stats/summary?from=${addDays(range.from, -7)}&to=${addDays(range.to, -7)}`)).current.disputes.total,
    );
    expect(b.sentences[0]).toContain('（本周未完）');
    expect(b.sentences[0]).toContain('上周同期');
    expect(b.sentences.join('')).not.toContain(`${Number(range.to.slice(5, 7))}月${Number(range.to.slice(8))}日，`);
  });

  it('answers a closed week whole: not partial, as of its last instant, compared with the whole week before', async () => {
    const b = await json(`/api/briefing?week=${week}`);
    const range = isoWeekRange(week)!;
    expect([b.partial, b.asOf]).toEqual([false, new Date(Date.parse(`${addDays(range.to, 1)}T00:00:00+08:00`) - 1).toISOString()]);
    expect(b.summary.previousPeriod).toMatchObject({ from: addDays(range.from, -7), to: addDays(range.from, -1), days: 7, partial: false });
    expect(b.sentences[0]).not.toContain('本周未完');
  });

  it('writes different sentences when the data changes', async () => {
    const range = isoWeekRange(week)!;
    const filter = { period: makePeriod(range.from, range.to, t.now), township: null, categories: null, statuses: null, campaign: null, now: t.now };
    const settings = { requiredVisits: 3, silenceDays: 28 };
    const { before, after } = await rolledBack(t.db, async (h) => {
      const before = await briefing(h, filter, settings, { week, metric: 'disputeRate', now: t.now });
      // Sixty more disputes in one village of 界牌镇, received in the week: more than any township's
      // rise (a township has about 13 a week; with twelve, 界牌镇 lost to another's rise of 9 when
      // its own previous week had been busy, as the seeded weeks move with the clock).
      await h.query(
        `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
           SELECT 'DSX' || g, '邻里纠纷', '综治中心', '受理', v.code, $1::timestamptz, v.label_point
           FROM village v, generate_series(1, 60) g WHERE v.code = (SELECT min(code) FROM village WHERE township_code = '430421110')`,
        [`${range.from}T10:00:00+08:00`],
      );
      const after = await briefing(h, filter, settings, { week, metric: 'disputeRate', now: t.now });
      return { before, after };
    });
    expect(after.summary.current.disputes.total).toBe(before.summary.current.disputes.total + 60);
    expect(after.sentences[0]).not.toBe(before.sentences[0]);
    expect(after.sentences[1]).toContain('界牌镇');
  });
});
