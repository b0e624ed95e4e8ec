import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { SYSTEM } from '../../db/types.ts';
import { rolledBack } from '../../test/rollback.ts';
import { signIn } from '../../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { importParsedBoundaries } from './import.ts';
import { readBoundaryFile } from './read-file.ts';
import { boundaryState, restoreBoundaries, type SavedBoundaries, saveBoundaries } from './test-support.ts';

/**
 * The county's own village boundaries as an office would send them back: exported from
 * /api/villages, converted by GDAL to CGCS2000 / 3-degree Gauss-Kruger zone 38 (EPSG:4545) with
 * GBK attributes named as the natural-resources bureau names them (XZQDM, XZQMC), zipped, and
 * imported. Every village must match and keep its area.
 */
let t: TestDb;
let dir: string;
let before: Record<string, string>;
let saved: SavedBoundaries;
/** The parts GDAL wrote, for the corrupt-file cases below. */
let shapefile: Record<string, Uint8Array> | undefined;
const hasGdal = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  t = await testDb();
  dir = mkdtempSync(path.join(os.tmpdir(), 'gdal-roundtrip-'));
  before = await t.db.read(SYSTEM, boundaryState);
  // Nothing is committed (the import is rolled back), but the batch sequence does not roll back.
  saved = await saveBoundaries(t.db, 'village', []);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await restoreBoundaries(t.db, saved);
  expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
});

describe(`boundary round trip through GDAL (${backend})`, () => {
  it('491 villages exported, converted to EPSG:4545 with GBK attributes, and imported: 491 matched, areas within 1%', async () => {
    if (!hasGdal) throw new Error('ogr2ogr is missing: apt-get install -y gdal-bin (.ci/run installs it)');
    const app = createApp(t.deps);
    const county = await signIn(app, 'demo-county');
    const layer = (await (await county.request('/api/villages')).json()) as { features: { properties: { code: string; name: string } }[] };
    expect(layer.features).toHaveLength(491);
    const src = path.join(dir, 'villages.geojson');
    writeFileSync(src, JSON.stringify(layer));
    execFileSync('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-t_srs',
      'EPSG:4545',
      '-lco',
      'ENCODING=GBK',
      '-nln',
      'cun',
      '-sql',
      'SELECT code AS XZQDM, name AS XZQMC FROM villages',
      path.join(dir, 'cun.shp'),
      src,
    ]);
    const files = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.startsWith('cun.'))
        .map((f) => [f, new Uint8Array(readFileSync(path.join(dir, f)))]),
    );
    expect(Object.keys(files).sort()).toEqual(['cun.cpg', 'cun.dbf', 'cun.prj', 'cun.shp', 'cun.shx']);
    const zip = zipSync(files);
    shapefile = files;

    const parsed = await readBoundaryFile(zip, 'zip');
    const report = await rolledBack(t.db, async (h) => {
      const r = await importParsedBoundaries(h, parsed, { fileName: 'cun.zip', dryRun: false, sha256: 'roundtrip' });
      const areas = await h.query<{ code: string; imported: number }>(`SELECT code, ST_Area(geom::geography) / 1e6 AS imported FROM village ORDER BY code`);
      return { r, areas };
    });
    expect(report.r.rejected).toEqual([]);
    expect(report.r.crs.detected).toMatch(/4545/);
    expect(report.r.matched).toHaveLength(491);
    expect(report.r.applied).toBe(true);
    // The areas of what was exported (the layer's geometry, simplified for display) and what came back.
    const exported = await t.db.read(SYSTEM, (h) =>
      h.query<{ code: string; area: number }>(
        `SELECT f->'properties'->>'code' AS code, ST_Area(ST_GeomFromGeoJSON(f->>'geometry')::geography) / 1e6 AS area
         FROM jsonb_array_elements($1::jsonb) f`,
        [JSON.stringify(layer.features)],
      ),
    );
    const back = new Map(report.areas.map((a) => [a.code, Number(a.imported)]));
    const off = exported.filter((e) => Math.abs((back.get(e.code) ?? 0) - Number(e.area)) > 0.01 * Number(e.area));
    expect(off).toEqual([]);
  });

  it('the same file with its .dbf cut to 300 bytes (the header still says 491 records) is refused whole: 422 with a file-level reason, nothing changed', async () => {
    if (!shapefile) throw new Error('needs the GDAL output of the test above');
    const app = createApp(t.deps);
    const admin = await signIn(app, 'demo-admin');
    const cut = zipSync({ ...shapefile, 'cun.dbf': shapefile['cun.dbf']!.slice(0, 300) });
    const stateBefore = await t.db.read(SYSTEM, boundaryState);
    const res = await admin.request('/api/imports/boundaries?fileName=cun.zip', { method: 'POST', headers: { 'content-type': 'application/zip' }, body: cut });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string };
      report: { rejected: { feature: number | null; reason: string }[]; matched: unknown[]; applied: boolean };
    };
    expect(body.error.code).toBe('import_rejected');
    expect(body.report.rejected).toEqual([
      {
        feature: null,
        reason: expect.stringMatching(/^the shapefile is corrupt: the \.dbf header says 491 records but the file holds \d+ whole ones \(300 of \d+ bytes\): it was cut short/),
      },
    ]);
    expect(body.report.matched).toEqual([]);
    expect(body.report.applied).toBe(false);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(stateBefore);
  });

  it('a feature with no code and no name refuses the file, saying what was found; subset=true imports the others', async () => {
    if (!shapefile) throw new Error('needs the GDAL output of the test above');
    const app = createApp(t.deps);
    const county = await signIn(app, 'demo-county');
    const layer = (await (await county.request('/api/villages')).json()) as { type: string; features: { properties: Record<string, unknown> }[] };
    layer.features[10]!.properties = { note: '待核实' };
    const bytes = new TextEncoder().encode(JSON.stringify(layer));
    const refused = await rolledBack(t.db, async (h) => importParsedBoundaries(h, await readBoundaryFile(bytes, 'geojson'), { fileName: 'v.geojson', dryRun: false, sha256: 'x' }));
    expect(refused.applied).toBe(false);
    expect(refused.unmatched).toEqual([expect.objectContaining({ feature: 11, code: null, name: null })]);
    expect(refused.rejected).toEqual([
      {
        feature: null,
        reason: expect.stringMatching(
          /^1 of 491 features match no village of the county \(1: .+\); nothing was imported\. Fix the file, or import only the 490 that match with subset=true/,
        ),
      },
    ]);
    const subset = await rolledBack(t.db, async (h) =>
      importParsedBoundaries(h, await readBoundaryFile(bytes, 'geojson'), { fileName: 'v.geojson', dryRun: false, sha256: 'x', subset: true }),
    );
    expect(subset.rejected).toEqual([]);
    expect(subset.applied).toBe(true);
    expect(subset.matched).toHaveLength(490);
    expect(subset.unmatched).toHaveLength(1);
  });
});
