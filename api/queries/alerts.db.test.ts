import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { makePeriod } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { rolledBack } from '../test/rollback.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { type AlertThresholds, alerts } from './alerts.ts';

let t: TestDb;
let townships: string[];
const JIEPAI = '430421110';
const SETTINGS = { requiredVisits: 3, silenceDays: 28 };
const THRESHOLDS: AlertThresholds = { villageDisputes7d: 3, overdueSeverity: 3, townshipCoverageMin: 0.9 };
const GROUPING = { share: 0.5, worst: 3 };

beforeAll(async () => {
  t = await testDb();
  const rows = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>(`SELECT DISTINCT township_code AS code FROM village ORDER BY 1`));
  townships = rows.map((r) => r.code);
});

/** The wall's live window: the 7 days up to now. */
function filter(township: string | null): CaseFilter {
  const today = shanghaiDate(t.now);
  return { period: makePeriod(addDays(today, -6), today, t.now), township, categories: null, statuses: null, campaign: null, now: t.now };
}

/** No village has a visit: every village misses the visit rule, so coverage fires for every township. */
async function withoutVisits<T>(fn: (h: Handle) => Promise<T>): Promise<T> {
  return rolledBack(t.db, async (h) => {
    await h.query(`DELETE FROM visit`);
    return fn(h);
  });
}

describe(`alerts when one rule fires for every township (${backend})`, () => {
  it('the county gets one coverage line naming the worst 3, and keeps all 25 alerts', async () => {
    const a = await withoutVisits((h) => alerts(h, filter(null), SETTINGS, THRESHOLDS, GROUPING));
    const coverage = a.alerts.filter((x) => x.rule === 'township_coverage');
    expect(coverage.map((x) => x.code).sort()).toEqual(townships);
    const lines = a.lines.filter((l) => l.rule === 'township_coverage');
    expect(lines).toHaveLength(1);
    const [group] = lines;
    if (group?.kind !== 'group') throw new Error(`expected a group, got ${JSON.stringify(group)}`);
    expect(group).toMatchObject({ id: 'group:township_coverage', count: townships.length, of: townships.length, label: `${townships.length} 个乡镇可达标率低于 90%` });
    // Every village missed: all at 0, so the worst are the first by code.
    expect(group.worst.map((x) => [x.code, x.value])).toEqual(townships.slice(0, 3).map((c) => [c, 0]));
    expect([...group.members].sort()).toEqual(coverage.map((x) => x.id).sort());
    // The other rules' alerts are still one line each, above the group.
    const others = a.alerts.filter((x) => x.rule !== 'township_coverage');
    expect(a.lines.map((l) => l.id)).toEqual([...others.map((x) => x.id), 'group:township_coverage']);
  });

  it('one township’s scope is one alert of one unit: a line of its own, not a group', async () => {
    const a = await withoutVisits((h) => alerts(h, filter(JIEPAI), SETTINGS, THRESHOLDS, GROUPING));
    expect(a.lines.filter((l) => l.rule === 'township_coverage')).toEqual([
      { kind: 'alert', id: `township_coverage:${JIEPAI}`, rule: 'township_coverage', alert: expect.objectContaining({ code: JIEPAI, value: 0, since: null }) },
    ]);
  });
});

describe(`alert recency from the data (${backend})`, () => {
  it('two equal bursts: the one with the later dispute first, since = that dispute', async () => {
    const hoursAgo = (h: number) => new Date(t.now.getTime() - h * 3600e3).toISOString();
    const { a, quiet } = await rolledBack(t.db, async (h) => {
      // Two villages with no dispute in the last 7 days, so each burst is exactly the 3 added.
      const quiet = (
        await h.query<{ code: string }>(
          `SELECT v.code FROM village v WHERE NOT EXISTS (SELECT 1 FROM dispute d WHERE d.village_code = v.code AND d.received_at > $1::timestamptz - interval '7 days')
           ORDER BY v.code LIMIT 2`,
          [t.now.toISOString()],
        )
      ).map((r) => r.code);
      const add = (village: string, hours: number[]) =>
        h.query(
          `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
             SELECT 'DSA' || $1 || '-' || i, '邻里纠纷', '综治中心', '受理', v.code, ($2::timestamptz[])[i], v.label_point
             FROM village v, generate_series(1, 3) i WHERE v.code = $1`,
          [village, hours.map(hoursAgo)],
        );
      await add(quiet[0]!, [50, 30, 10]);
      await add(quiet[1]!, [40, 20, 2]);
      return { a: await alerts(h, filter(null), SETTINGS, THRESHOLDS, GROUPING), quiet };
    });
    const mine = a.alerts.filter((x) => quiet.includes(x.code));
    expect(mine.map((x) => [x.code, x.value])).toEqual([
      [quiet[1], 3],
      [quiet[0], 3],
    ]);
    // Instants go out to the second (iso_sh).
    expect(Date.parse(mine[0]!.since!)).toBe(Math.floor(Date.parse(hoursAgo(2)) / 1000) * 1000);
    expect(a.lines.findIndex((l) => l.id === mine[0]!.id)).toBeLessThan(a.lines.findIndex((l) => l.id === mine[1]!.id));
  });
});
