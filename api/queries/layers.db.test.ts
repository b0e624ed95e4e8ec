import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import { makePeriod, resolvePeriod } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { type FeatureCollection, type VillageProps, villageLayerJson } from './layers.ts';
import { type VillageMetricRow, villageMetricRows } from './metric-rows.ts';

// villages.sql writes each feature as text (concat of to_json values, not json_build_object):
// every property must still be what the metric rows say, nulls as null, booleans as booleans,
// and any name a boundary import could bring must come out as valid JSON.
const SETTINGS = { requiredVisits: 3, silenceDays: 28 };

let t: TestDb;
let townships: string[];

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
});

function filter(period = resolvePeriod({}, t.now), township: string | null = null, campaign: string | null = null): CaseFilter {
  return { period, township, categories: null, statuses: null, campaign, now: t.now };
}

/** What the layer must say of a village: the metric row, as the API names and rounds it. */
function expected(r: VillageMetricRow) {
  return {
    code: r.village_code,
    name: r.name,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    population: r.population,
    disputes: r.disputes,
    disputesOpen: r.disputes_open,
    mediationSuccessRate: r.disputes_concluded > 0 ? Math.round((r.disputes_successful / r.disputes_concluded) * 10_000) / 10_000 : null,
    hazards: r.hazards,
    hazardsOpen: r.hazards_open,
    hazardsOverdue: r.hazards_overdue,
    visitsThisQuarter: r.visits_quarter,
    coverageStatus: r.coverage_status,
    lastVisitAt: r.last_visit_at?.slice(0, 10) ?? null,
    expectedVisits: r.expected_visits,
    lastReportAt: r.last_report_at?.slice(0, 10) ?? null,
    silent: r.silent,
  };
}

async function layerOf(h: Handle, f: CaseFilter, silentOnly = false): Promise<FeatureCollection<VillageProps>> {
  return JSON.parse(await villageLayerJson(h, f, SETTINGS, silentOnly)) as FeatureCollection<VillageProps>;
}

/** Each village's own columns as the layer must carry them. */
const OWN = `SELECT code, kind, boundary_source, display_geojson::json AS geometry,
                    json_build_array(round(ST_X(label_point)::numeric, 6), round(ST_Y(label_point)::numeric, 6)) AS label_point
             FROM village`;

async function compare(h: Handle, f: CaseFilter, label: string) {
  const layer = await layerOf(h, f);
  const rows = await villageMetricRows(h, f, SETTINGS);
  const own = new Map((await h.query<{ code: string; kind: string; boundary_source: string; geometry: unknown; label_point: number[] }>(OWN)).map((r) => [r.code, r]));
  expect(
    layer.features.map((x) => x.id),
    label,
  ).toEqual(rows.map((r) => r.village_code));
  for (const [i, x] of layer.features.entries()) {
    const { kind, boundarySource, labelPoint, ...metrics } = x.properties;
    expect(metrics, `${label} ${x.id}`).toEqual(expected(rows[i]!));
    const o = own.get(x.id)!;
    expect({ kind, boundarySource, labelPoint, geometry: x.geometry }, `${label} ${x.id}`).toEqual({
      kind: o.kind,
      boundarySource: o.boundary_source,
      labelPoint: o.label_point.map(Number),
      geometry: o.geometry,
    });
  }
  expect(layer.meta.boundarySources, label).toEqual([...new Set(layer.features.map((x) => x.properties.boundarySource))].sort());
  return { layer, rows };
}

describe('the village layer written as text', () => {
  it('says what the metric rows say, for every village, in the views leaders and chiefs open', async () => {
    const today = shanghaiDate(t.now);
    await t.db.read({ kind: 'county' }, async (h) => {
      const { rows } = await compare(h, filter(), 'county, 12 months');
      // the cases below carry the nulls and the silences the default view may not
      expect(rows.some((r) => r.disputes_concluded > 0)).toBe(true);
      await compare(h, filter(makePeriod(addDays(today, -6), today, t.now)), 'county, the running week');
      const early = await compare(h, filter(makePeriod('2024-01-01', '2024-01-07', t.now)), 'a week before the data');
      expect(early.rows.some((r) => r.last_visit_at === null && r.last_report_at === null && r.disputes_concluded === 0)).toBe(true);
      expect(early.rows.some((r) => r.silent)).toBe(true);
    });
    // a chief's own township, through their row-level security
    const township = townships[3]!;
    const own = await t.db.read({ kind: 'township', township }, (h) => compare(h, filter(resolvePeriod({}, t.now), township), 'a chief'));
    expect(own.rows.length).toBeGreaterThan(0);
  });

  it("says the boundary sources of its own features: the silent villages', a township's, none of an empty layer", async () => {
    const week = filter(makePeriod('2024-01-01', '2024-01-07', t.now));
    const got = await rolledBack(t.db, async (h) => {
      // one village imported, silent in that week
      const all = await layerOf(h, week);
      const silentOne = all.features.find((x) => x.properties.silent)!;
      await h.query(`UPDATE village SET boundary_source = 'imported' WHERE code = $1`, [silentOne.id]);
      const other = townships.find((c) => c !== silentOne.properties.townshipCode)!;
      return {
        all: await layerOf(h, week),
        silent: await layerOf(h, week, true),
        other: await layerOf(h, { ...week, township: other }),
        empty: await layerOf(h, { ...week, township: '999999999' }),
      };
    });
    expect(got.all.meta.boundarySources).toEqual(['generated', 'imported']);
    expect(got.silent.features).toEqual(got.all.features.filter((x) => x.properties.silent));
    expect(got.silent.meta.boundarySources).toContain('imported');
    expect(got.other.meta).toMatchObject({ boundarySources: ['generated'] });
    expect(got.other.meta.boundaryNote).not.toBeNull();
    expect(got.empty.features).toEqual([]);
    expect(got.empty.meta).toMatchObject({ boundarySources: [], boundaryNote: null });
  });

  it('keeps a name with quotes, backslashes, control characters and emoji valid JSON', async () => {
    const name = 'a "quoted" \\ back\tslash\n村 😀 </script>';
    const layer = await rolledBack(t.db, async (h) => {
      const [v] = await h.query<{ code: string }>('SELECT code FROM village ORDER BY code LIMIT 1');
      await h.query('UPDATE village SET name = $2 WHERE code = $1', [v!.code, name]);
      await h.query(`UPDATE township SET name = $2 WHERE code = left($1, 9)`, [v!.code, `${name}镇`]);
      return layerOf(h, filter());
    });
    expect(layer.features[0]!.properties.name).toBe(name);
    expect(layer.features[0]!.properties.townshipName).toBe(`${name}镇`);
  });
});
