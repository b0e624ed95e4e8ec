import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../db/types.ts';
import { rolledBack } from '../../test/rollback.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { FIXTURE_TOWNSHIPS, FIXTURE_VILLAGES } from './fixtures/fixture-units.ts';
import { importBoundaryFile } from './import.ts';
import type { BoundaryImportReport } from './report.ts';
import { isRejected } from './report.ts';
import { boundaryState, expectedShrunkAreas, fixtureBytes, formatOfFixture, importOn, restoreBoundaries, type SavedBoundaries, saveBoundaries } from './test-support.ts';

let t: TestDb;
let before: Record<string, string>;
let saved: SavedBoundaries;
let expectedVillageKm2: Map<string, number>;
beforeAll(async () => {
  t = await testDb();
  before = await t.db.read(SYSTEM, boundaryState);
  saved = await saveBoundaries(t.db, 'village', []);
  expectedVillageKm2 = await t.db.read(SYSTEM, (h) => expectedShrunkAreas(h, 'village', FIXTURE_VILLAGES));
});
afterAll(async () => {
  // The database is shared with the other test files of the run: nothing of ours may remain.
  // Rolled-back transactions still advance the import_batch sequence, so that is put back.
  await restoreBoundaries(t.db, saved);
  expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
});

/** The fixtures' areas must match the shrunk source geometry within 0.5%. */
const expectArea = (actual: number | null, expected: number | undefined) => expect(Math.abs(actual! / expected! - 1)).toBeLessThan(0.005);
const reasons = (r: BoundaryImportReport) => r.rejected.map((x) => `${x.feature ?? 'file'}: ${x.reason}`);

/** Imports a fixture committed-and-rolled-back, with what the village table then held. */
async function importAndInspect(fixture: string, opts: Parameters<typeof importOn>[2] = {}) {
  return rolledBack(t.db, async (h) => {
    const report = await importOn(h, fixture, opts);
    const stored = await h.query<{ code: string; source: string; km2: number; display_ok: boolean }>(
      `SELECT code, boundary_source AS source, ST_Area(geom::geography) / 1e6 AS km2,
              display_geojson = ST_AsGeoJSON(geom_display, 6) AND ST_Intersects(label_point, geom) AS display_ok
       FROM village WHERE code = ANY($1::text[]) ORDER BY code`,
      [FIXTURE_VILLAGES],
    );
    const batches = await h.query<{ kind: string; inserted: number }>('SELECT kind, inserted FROM import_batch WHERE id = $1', [report.batchId]);
    return { report, stored, batches };
  });
}

describe(`boundary import core (${backend})`, () => {
  it.each([
    ['villages-4326.geojson', {}, 'EPSG:4326', 'default', ['code', 'code', 'code'], null],
    ['villages-4490.geojson', { level: 'village' as const }, 'EPSG:4490', 'geojson', ['name', 'name', 'name'], null],
    ['villages-gcj02.geojson', { crs: 'gcj02' }, 'GCJ-02', 'flag', ['code', 'code', 'code'], null],
    ['villages-4326.zip', {}, 'EPSG:4326', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-4490.zip', {}, 'EPSG:4490', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-4545.zip', {}, 'EPSG:4545', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-4546.zip', {}, 'EPSG:4546', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-4525.zip', {}, 'EPSG:4525', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-4526.zip', {}, 'EPSG:4526', 'prj', ['code', 'code', 'code'], { name: 'utf-8', source: 'cpg' }],
    ['villages-gbk-nocpg.zip', { level: 'village' as const }, 'EPSG:4326', 'prj', ['name', 'name', 'name'], { name: 'gbk', source: 'default' }],
    ['villages-gbk-cpg.zip', {}, 'EPSG:4490', 'prj', ['code', 'code', 'name'], { name: 'gbk', source: 'cpg' }],
  ])('%s: CRS detected, matched, areas within half a percent of the source, applied', async (fixture, opts, detected, source, by, encoding) => {
    const { report, stored, batches } = await importAndInspect(fixture, opts);
    expect(reasons(report)).toEqual([]);
    expect(report).toMatchObject({ level: 'village', crs: { detected, source }, features: 3, applied: true, unmatched: [], duplicates: [] });
    expect(report.encoding).toEqual(encoding);
    expect(report.matched.map((m) => [m.code, m.by, m.repaired])).toEqual(FIXTURE_VILLAGES.map((c, i) => [c, by[i], false]));
    // Names come from the database; matching by name at all proves the GBK attributes were decoded.
    expect(report.matched.map((m) => m.name)).toEqual(['界牌村', '蟠龙村', '造基村']);
    for (const m of report.matched) expectArea(m.areaKm2!, expectedVillageKm2.get(m.code)!);
    expect(report.missing).toHaveLength(491 - 3);
    expect(report.missing).not.toContain(FIXTURE_VILLAGES[0]);
    for (const s of stored) {
      expect(s.source).toBe('imported');
      expect(s.display_ok).toBe(true);
      expectArea(Number(s.km2), expectedVillageKm2.get(s.code));
    }
    expect(batches).toEqual([{ kind: 'boundaries-village', inserted: 3 }]);
  });

  it('the generated boundaries differ from the shrunk ones by more than the tolerance (the area checks can fail)', async () => {
    const generated = await t.db.read(SYSTEM, (h) =>
      h.query<{ code: string; km2: number }>('SELECT code, ST_Area(geom::geography) / 1e6 AS km2 FROM village WHERE code = ANY($1::text[])', [FIXTURE_VILLAGES]),
    );
    for (const g of generated) expect(Math.abs(Number(g.km2) / expectedVillageKm2.get(g.code)! - 1)).toBeGreaterThan(0.02);
  });

  it('repairs a self-intersecting ring and says so', async () => {
    const { report } = await importAndInspect('villages-repairable.geojson');
    expect(reasons(report)).toEqual([]);
    expect(report.matched.map((m) => [m.code, m.repaired])).toEqual([
      [FIXTURE_VILLAGES[0], false],
      [FIXTURE_VILLAGES[1], true],
    ]);
    const bowtie = (JSON.parse(new TextDecoder().decode(fixtureBytes('villages-repairable.geojson'))) as { features: { geometry: unknown }[] }).features[1]!.geometry;
    const [repaired] = await t.db.read(SYSTEM, (h) =>
      h.query<{ km2: number }>(`SELECT ST_Area(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)), 3)::geography) / 1e6 AS km2`, [JSON.stringify(bowtie)]),
    );
    expect(report.matched[1]!.areaKm2! / Number(repaired!.km2) - 1).toBeCloseTo(0, 4);
    // The loop is small: the repaired village is still its shrunk source, give or take the loop.
    expect(Math.abs(report.matched[1]!.areaKm2! / expectedVillageKm2.get(FIXTURE_VILLAGES[1])! - 1)).toBeLessThan(0.02);
    expect(report.applied).toBe(true);
  });

  it('imports townships, the level detected from 9-digit codes', async () => {
    const expected = await t.db.read(SYSTEM, (h) => expectedShrunkAreas(h, 'township', FIXTURE_TOWNSHIPS));
    const { report, sources } = await rolledBack(t.db, async (h) => ({
      report: await importOn(h, 'townships.geojson'),
      sources: await h.query<{ code: string; boundary_source: string }>('SELECT code, boundary_source FROM township WHERE code = ANY($1::text[]) ORDER BY code', [
        FIXTURE_TOWNSHIPS,
      ]),
    }));
    expect(reasons(report)).toEqual([]);
    expect(report).toMatchObject({ level: 'township', applied: true });
    expect(report.matched.map((m) => [m.code, m.name, m.by])).toEqual([
      ['430421110', '界牌镇', 'code'],
      ['430421111', '渣江镇', 'code'],
    ]);
    for (const m of report.matched) expectArea(m.areaKm2!, expected.get(m.code)!);
    expect(report.missing).toHaveLength(23);
    expect(sources.map((s) => s.boundary_source)).toEqual(['imported', 'imported']);
  });

  it('re-importing the same file gives the same boundaries and report', async () => {
    const { first, second, geomsAfterFirst, geomsAfterSecond } = await rolledBack(t.db, async (h) => {
      const geoms = () => h.query('SELECT code, ST_AsHexEWKB(geom) AS g, display_geojson FROM village WHERE code = ANY($1::text[]) ORDER BY code', [FIXTURE_VILLAGES]);
      const first = await importOn(h, 'villages-4546.zip');
      const geomsAfterFirst = await geoms();
      const second = await importOn(h, 'villages-4546.zip');
      return { first, second, geomsAfterFirst, geomsAfterSecond: await geoms() };
    });
    expect(geomsAfterSecond).toEqual(geomsAfterFirst);
    expect({ ...second, batchId: null }).toEqual({ ...first, batchId: null });
    expect(second.batchId).toBe(first.batchId! + 1);
  });

  it('refuses a file with features it cannot match, naming them; with subset it imports the rest', async () => {
    const doc = JSON.parse(new TextDecoder().decode(fixtureBytes('villages-4326.geojson')));
    doc.features.push({ type: 'Feature', properties: { XZQDM: '430422100201', XZQMC: '外县村' }, geometry: doc.features[0].geometry });
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const unmatched = [{ feature: 4, code: '430422100201', name: '外县村', township: null, reason: 'no village with code 430422100201; no village named 外县村' }];
    const refused = await rolledBack(t.db, (h) => importOn(h, 'extra.geojson', {}, bytes));
    expect(refused.applied).toBe(false);
    expect(refused.unmatched).toEqual(unmatched);
    expect(refused.rejected).toEqual([{ feature: null, reason: expect.stringMatching(/^1 of 4 features match no village of the county .*subset=true/) }]);
    const report = await rolledBack(t.db, (h) => importOn(h, 'extra.geojson', { subset: true }, bytes));
    expect(report.applied).toBe(true);
    expect(report.matched).toHaveLength(3);
    expect(report.unmatched).toEqual(unmatched);
  });
});

describe(`boundary import rejections leave the database unchanged (${backend})`, () => {
  /** Through the committing entry point, as the API and CLI run it. */
  async function importCommitting(fixture: string, opts: { level?: 'village' | 'township'; crs?: string; dryRun?: boolean } = {}) {
    const state = await t.db.read(SYSTEM, boundaryState);
    const report = await importBoundaryFile(t.db, SYSTEM, fixtureBytes(fixture), formatOfFixture(fixture), { fileName: fixture, dryRun: false, ...opts });
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(state);
    return report;
  }

  it('a line, an empty polygon and a zero-area ring: every problem reported, nothing applied', async () => {
    const report = await importCommitting('villages-hopeless.geojson');
    expect(isRejected(report)).toBe(true);
    expect(report.applied).toBe(false);
    expect(report.matched).toHaveLength(4);
    expect(reasons(report)).toEqual(['2: not a polygon (LineString)', '3: empty polygon', expect.stringMatching(/^4: invalid \(.+\) and nothing polygonal is left after repair$/)]);
  });

  it('coordinates in another CRS than the .prj says: outside the county, the wrong CRS named', async () => {
    const report = await importCommitting('villages-wrong-crs.zip');
    expect(report.crs).toEqual({ detected: 'EPSG:4545', source: 'prj' });
    expect(report.rejected.map((r) => r.feature)).toEqual([1, 2, 3]);
    for (const r of report.rejected) expect(r.reason).toMatch(/^only 0\.0% of its .* km² lies inside the county outline .* wrong CRS .*EPSG:4545 .*from the \.prj/);
  });

  it('an unsupported datum (Xian 1980) is refused as a whole', async () => {
    const report = await importCommitting('villages-xian80.zip');
    expect(report.crs).toEqual({ detected: null, source: 'prj' });
    expect(report.rejected).toEqual([{ feature: null, reason: expect.stringMatching(/unsupported CRS in the \.prj: the datum Xian 1980 is not supported/) }]);
  });

  it('two features for one village', async () => {
    const report = await importCommitting('villages-duplicate.geojson');
    expect(report.duplicates).toEqual([{ code: FIXTURE_VILLAGES[0], name: '界牌村', features: [1, 3] }]);
    expect(report.matched.map((m) => m.by)).toEqual(['code', 'code', 'name']);
    // Refused as a whole before any geometry work: no feature was measured.
    expect(report.matched.map((m) => m.areaKm2)).toEqual([null, null, null]);
    expect(isRejected(report)).toBe(true);
    expect(report.applied).toBe(false);
  });

  it('no codes and no --level: the level is asked for', async () => {
    const report = await importCommitting('villages-4490.geojson');
    expect(report.level).toBeNull();
    expect(reasons(report)).toEqual([expect.stringMatching(/^file: cannot tell whether .* pass --level village\|township/)]);
  });

  it('crs=gcj02 is refused for a file whose .prj declares a projected CRS', async () => {
    const report = await importCommitting('villages-4546.zip', { crs: 'gcj02' });
    expect(reasons(report)).toEqual([expect.stringMatching(/crs=gcj02 was given, but the \.prj declares the projected EPSG:4546/)]);
  });

  it('a dry run validates and reports, and writes nothing', async () => {
    const report = await importCommitting('villages-4525.zip', { dryRun: true });
    expect(reasons(report)).toEqual([]);
    expect(report).toMatchObject({ dryRun: true, applied: false, batchId: null });
    for (const m of report.matched) expectArea(m.areaKm2!, expectedVillageKm2.get(m.code)!);
  });
});
