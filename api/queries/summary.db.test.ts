import { beforeAll, describe, expect, it } from 'vitest';
import { quarterStart, shanghaiDate } from '../contract/calendar.ts';
import type { Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { random, type Window, windows } from '../test/windows.ts';
import { type MetricSettings, type VillageMetricRow, villageMetricRows } from './metric-rows.ts';
import { scopeTotals, type Totals } from './summary.ts';

// Migration 012: the summary's totals come from scope_totals, counted in the database. Their
// definition stays the sum of the per-village metrics (village_metrics) the map and the rankings
// show, so the two must agree for any period, cut, scope and filter, and after any write.
const DAY = 86_400_000;
const SETTINGS: MetricSettings = { requiredVisits: 3, silenceDays: 28 };

let t: TestDb;
let townships: string[];
let campaign: string | null;

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
  const [first] = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT code FROM campaign ORDER BY code LIMIT 1'));
  campaign = first?.code ?? null;
});

/** The definition: the per-village rows added up, coverage and silence from the rows as of `covRef`. */
function summed(rows: readonly VillageMetricRow[], cov: readonly VillageMetricRow[], covRef: Date) {
  const sum = (k: keyof VillageMetricRow, rs = rows) => rs.reduce((n, r) => n + Number(r[k]), 0);
  const concluded = sum('disputes_concluded');
  const met = cov.filter((r) => r.coverage_status === 'met').length;
  return {
    disputes: { total: sum('disputes'), concluded, resolved: sum('disputes_successful'), open: sum('disputes_open') },
    hazards: {
      reported: sum('hazards'),
      open: sum('hazards_open'),
      overdue: sum('hazards_overdue'),
      bySeverity: { 1: sum('hazards_open_s1'), 2: sum('hazards_open_s2'), 3: sum('hazards_open_s3'), 4: sum('hazards_open_s4') },
    },
    coverage: {
      villages: cov.length,
      met,
      atRisk: cov.filter((r) => r.coverage_status === 'at_risk').length,
      missed: cov.filter((r) => r.coverage_status === 'missed').length,
      silent: cov.filter((r) => r.silent).length,
      quarter: quarterStart(shanghaiDate(covRef)),
      asOf: covRef.toISOString(),
    },
  };
}

/** Totals without the two rates, which follow from the counts (and are null on nothing). */
function counts(x: Totals) {
  const { successRate: _s, ...disputes } = x.disputes;
  const { rate: _r, ...coverage } = x.coverage;
  return { ...x, disputes, coverage };
}

function filterOf(w: Window, cut: Pick<CaseFilter, 'categories' | 'statuses' | 'campaign'>, ref = w.ref): CaseFilter {
  // from/to/days are what the API shows; the queries read the instants
  return { period: { from: '', to: '', start: w.from, end: w.to, ref, days: 0 }, township: w.township, ...cut, now: t.now };
}

async function compare(h: Handle, f: CaseFilter, covRef: Date, label: string, settings = SETTINGS): Promise<Totals> {
  const got = await scopeTotals(h, f, settings, covRef);
  const rows = await villageMetricRows(h, f, settings);
  const cov = covRef.getTime() === f.period.ref.getTime() ? rows : await villageMetricRows(h, { ...f, period: { ...f.period, ref: covRef } }, settings);
  expect(counts(got), label).toEqual(summed(rows, cov, covRef));
  expect(got.disputes.successRate, label).toBe(got.disputes.concluded > 0 ? got.disputes.resolved / got.disputes.concluded : null);
  return got;
}

const CUTS: Pick<CaseFilter, 'categories' | 'statuses' | 'campaign'>[] = [
  { categories: null, statuses: null, campaign: null },
  { categories: ['邻里纠纷', '土地承包', '消防', '交通'], statuses: null, campaign: null },
  { categories: null, statuses: ['受理', '调处中', '上报', '处置中'], campaign: null },
];

describe('scope_totals (migration 012)', () => {
  it('adds up to the per-village metrics for random periods, cuts, scopes and filters', async () => {
    const r = random(12);
    await t.db.read(SYSTEM, async (h) => {
      let seen = 0;
      for (const [i, w] of windows(21, t.now, townships, 1012).entries()) {
        const cut = CUTS[i % CUTS.length]!;
        // every other window takes its coverage elsewhere, as a previous period does
        const covRef = i % 2 === 1 ? new Date(w.ref.getTime() - Math.floor(r() * 120) * DAY - 3_600_000) : w.ref;
        const got = await compare(h, filterOf(w, cut), covRef, JSON.stringify({ ...w, cut, covRef }));
        seen += got.disputes.total + got.disputes.open + got.hazards.open + got.coverage.met + got.coverage.silent;
      }
      // the windows reach into the seeded history: not a comparison of zeros
      expect(seen).toBeGreaterThan(1000);
    });
  });

  it('agrees for every township in the running week, with a campaign filter where there is one', async () => {
    const now = t.now;
    const monday = new Date(now.getTime() - 3 * DAY);
    await t.db.read(SYSTEM, async (h) => {
      for (const township of townships) {
        const w: Window = { from: monday, to: new Date(monday.getTime() + 7 * DAY), ref: now, township };
        await compare(h, filterOf(w, CUTS[0]!), now, township);
        if (campaign) await compare(h, filterOf(w, { categories: null, statuses: null, campaign }), now, `${township} ${campaign}`);
      }
    });
  });

  it('counts silence as the per-village rows do, county-wide and by township, where some villages are silent and some not', async () => {
    // Migration 014 reads the county's silence window from the raw rows up to 56 days, a longer
    // one and a township's from the rollups. A 28-day window leaves a few villages silent in the
    // seeded county; short ones many.
    const r = random(14);
    const totals = { silent: 0, heard: 0 };
    await t.db.read(SYSTEM, async (h) => {
      for (const [i, w] of windows(16, t.now, townships, 1014).entries()) {
        const silenceDays = [1, 2, 3, 5, 9, 56, 57, 120][i % 8]!;
        const covRef = i % 3 === 2 ? new Date(w.ref.getTime() - Math.floor(r() * 90) * DAY - 7_200_000) : w.ref;
        const label = JSON.stringify({ ...w, covRef, silenceDays });
        const township = w.township ?? townships[i % townships.length]!;
        const got = await compare(h, filterOf({ ...w, township }, CUTS[0]!), covRef, `${label} ${township}`, { ...SETTINGS, silenceDays });
        const county = await compare(h, filterOf({ ...w, township: null }, CUTS[0]!), covRef, `${label} county`, { ...SETTINGS, silenceDays });
        for (const x of [got, county]) {
          totals.silent += x.coverage.silent;
          totals.heard += x.coverage.villages - x.coverage.silent;
        }
      }
    });
    expect(totals.silent).toBeGreaterThan(50);
    expect(totals.heard).toBeGreaterThan(50);
  });

  it("counts the county's open stock of the last quarter's instants as open now plus closed since", async () => {
    // the recent instants take the two-index path of migration 012, older ones the interval indexes:
    // cases closed after each instant must count as open at it
    await t.db.read(SYSTEM, async (h) => {
      for (const back of [0.3, 1.5, 4, 9.7, 33, 61.2, 88, 95, 140]) {
        const ref = new Date(t.now.getTime() - back * DAY);
        const w: Window = { from: new Date(ref.getTime() - 7 * DAY), to: new Date(ref.getTime() + 1), ref, township: null };
        const [since] = await h.query<{ d: number; h: number }>(
          `SELECT (SELECT count(*) FROM dispute WHERE concluded_at > $1 AND received_at <= $1)::int AS d,
                  (SELECT count(*) FROM hazard WHERE closed_at > $1 AND reported_at <= $1)::int AS h`,
          [ref.toISOString()],
        );
        expect(since!.d + since!.h, `closed since ${back} days back`).toBeGreaterThan(0);
        await compare(h, filterOf(w, CUTS[0]!), ref, `${back} days back`);
      }
    });
  });

  it("agrees under a chief's and an officer's row-level security, as their requests read", async () => {
    const township = townships[3]!;
    const [mine] = await t.db.read(SYSTEM, (h) => h.query<{ codes: string[] }>('SELECT array_agg(code ORDER BY code) AS codes FROM village WHERE township_code = $1', [township]));
    const scopes: Scope[] = [
      { kind: 'township', township },
      // an officer's villages: some of the township's, not all
      { kind: 'villages', township, villages: mine!.codes.slice(0, 3) },
    ];
    const seen: number[] = [];
    for (const scope of scopes) {
      await t.db.read(scope, async (h) => {
        let cases = 0;
        for (const back of [0, 40, 200]) {
          const ref = new Date(t.now.getTime() - back * DAY);
          const w: Window = { from: new Date(ref.getTime() - 30 * DAY), to: new Date(ref.getTime() + 1), ref, township };
          const got = await compare(h, filterOf(w, CUTS[back === 40 ? 1 : 0]!), ref, `${scope.kind} ${back} days back`);
          expect(got.coverage.villages).toBeGreaterThan(0);
          // county-wide under the same policies: the county's silence reads the raw rows (014)
          const county = { ...SETTINGS, silenceDays: 3 };
          await compare(h, filterOf({ ...w, township: null }, CUTS[0]!), ref, `${scope.kind} county ${back} days back`, county);
          cases += got.disputes.total + got.disputes.open + got.hazards.reported + got.hazards.open;
        }
        seen.push(cases);
      });
    }
    // the policies did narrow what each read: the officer's three villages hold fewer cases than the township
    expect(seen[1]).toBeGreaterThan(0);
    expect(seen[1]).toBeLessThan(seen[0]!);
  });

  it('counts a write in the same transaction: no stale window', async () => {
    const w: Window = { from: new Date(t.now.getTime() - 7 * DAY), to: t.now, ref: t.now, township: null };
    const f = filterOf(w, CUTS[0]!);
    const before = await t.db.read(SYSTEM, (h) => scopeTotals(h, f, SETTINGS, t.now));
    const after = await rolledBack(t.db, async (h) => {
      const [v] = await h.query<{ code: string }>(`SELECT min(code) AS code FROM village`);
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HTOTAL' || g, '消防', 4, '消防救援大队', '上报', $1, $2::timestamptz - g * interval '1 hour',
                  $2::timestamptz + interval '30 days', label_point
           FROM village, generate_series(1, 3) g WHERE code = $1`,
        [v!.code, t.now.toISOString()],
      );
      return compare(h, f, t.now, 'after the write');
    });
    expect(after.hazards.reported).toBe(before.hazards.reported + 3);
    expect(after.hazards.open).toBe(before.hazards.open + 3);
    expect(after.hazards.bySeverity[4]).toBe(before.hazards.bySeverity[4] + 3);
  });
});
