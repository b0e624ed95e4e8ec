import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Config } from '../../config.ts';
import { SYSTEM } from '../../db/types.ts';
import { deeplyNestedGeoJson, lyingZip, selfIntersectingBoundaryGeoJson } from '../../test/bombs.ts';
import { measureRequest } from '../../test/measure-request.ts';
import { type SignedIn, signIn } from '../../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { boundaryState, fixtureBytes } from './test-support.ts';

/**
 * Hostile and oversized boundary files: each is refused with a 4xx, well within the request
 * timeout, without gigabytes of memory, and no boundary or import batch changes. None of them may
 * reach ST_MakeValid with a ring it would spend minutes on.
 */

const GEOJSON = 'application/geo+json';
const MAX_RSS_GROWTH_MB = 1024;

let t: TestDb;
let app: SignedIn;
let before: Record<string, string>;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-admin');
  before = await t.db.read(SYSTEM, boundaryState);
});
afterAll(async () => expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before));

const appWith = (over: Partial<Config>) => signIn(createApp({ ...t.deps, config: { ...t.config, ...over } }), 'demo-admin');

/** Every request is a dry run: even a file that slipped through would change nothing. */
function post(bytes: Uint8Array, type = GEOJSON, client = app) {
  return measureRequest(() =>
    client.request('/api/imports/boundaries?fileName=bomb&dryRun=true', { method: 'POST', headers: { 'content-type': type }, body: bytes as Uint8Array<ArrayBuffer> }),
  );
}

describe(`boundary import of hostile files (${backend})`, () => {
  it.each([
    ['a 200,000-coordinate self-intersecting village', 413, 'import_limit', 'IMPORT_MAX_VERTICES_PER_FEATURE', () => selfIntersectingBoundaryGeoJson(200_000)],
    ['coordinates nested 100,000 deep', 413, 'import_limit', 'IMPORT_MAX_DEPTH', () => deeplyNestedGeoJson(100_000)],
  ])('%s: %i %s (%s), quickly, nothing changed', async (what, status, code, limit, build) => {
    const r = await post(build());
    console.info(`${what}: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect([r.status, r.body.error.code, r.body.error.limit]).toEqual([status, code, limit]);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(r.answerBytes).toBeLessThan(2000);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('a 3,000-coordinate self-intersecting village is refused as too large to repair, without ST_MakeValid', async () => {
    const r = await post(selfIntersectingBoundaryGeoJson(3000));
    console.info(`3,000-coordinate self-intersecting village: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect([r.status, r.body.error.code]).toEqual([422, 'import_rejected']);
    expect(r.body.report.rejected).toEqual([
      {
        feature: 1,
        reason: expect.stringMatching(
          /^invalid \(.*\) and too large to repair automatically: \d+ coordinates, at most 2000 are repaired \(IMPORT_MAX_REPAIR_VERTICES\); fix it in GIS/,
        ),
      },
    ]);
    expect(r.body.report.matched).toMatchObject([{ code: '430421110201', repaired: false }]);
    // ST_MakeValid on this ring takes far longer (see the measurements in the README).
    expect(r.ms).toBeLessThan(5000);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('a 1,000-coordinate zigzag (~500 crossings) is refused as too tangled to repair, quickly', async () => {
    const r = await post(selfIntersectingBoundaryGeoJson(1000));
    console.info(`1,000-coordinate zigzag: ${r.status} ${r.body.error?.code} in ${r.ms} ms`);
    expect(r.body.report.rejected).toEqual([
      {
        feature: 1,
        reason: expect.stringMatching(/too large to repair automatically: its edges cross each other more than 200 times \(IMPORT_MAX_REPAIR_CROSSINGS\); fix it in GIS/),
      },
    ]);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a small self-intersecting village is still repaired (dry run)', async () => {
    const r = await post(selfIntersectingBoundaryGeoJson(40));
    expect(r.body.report?.matched ?? r.body.matched).toMatchObject([{ code: '430421110201', repaired: true }]);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('a zipped shapefile whose .shp declares 1000 bytes and unpacks to 200 MB: 400 bad_file', async () => {
    const r = await post(lyingZip({ name: 'villages.shp' }), 'application/zip');
    console.info(`lying zip: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect([r.status, r.body.error.code]).toEqual([400, 'bad_file']);
    expect(r.body.error.message).toMatch(/more than the 1000 bytes it declares/);
    expect(r.rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  });

  it.each([
    ['more features than IMPORT_MAX_FEATURES', { IMPORT_MAX_FEATURES: 2 }, 'IMPORT_MAX_FEATURES'],
    ['more coordinates than IMPORT_MAX_VERTICES', { IMPORT_MAX_VERTICES: 20 }, 'IMPORT_MAX_VERTICES'],
    ['more unpacked bytes than IMPORT_MAX_UNPACKED_BYTES', { IMPORT_MAX_UNPACKED_BYTES: 1024 }, 'IMPORT_MAX_UNPACKED_BYTES'],
  ] as const)('a shapefile with %s: 413 import_limit', async (_what, over, limit) => {
    const r = await post(fixtureBytes('villages-4326.zip'), 'application/zip', await appWith(over));
    expect([r.status, r.body.error.code, r.body.error.limit]).toEqual([413, 'import_limit', limit]);
  });

  it('a parse past IMPORT_PARSE_TIMEOUT_MS is stopped: 422 import_too_complex', async () => {
    const r = await post(fixtureBytes('villages-4326.geojson'), GEOJSON, await appWith({ IMPORT_PARSE_TIMEOUT_MS: 100 }));
    expect([r.status, r.body.error.code, r.body.error.limit]).toEqual([422, 'import_too_complex', 'IMPORT_PARSE_TIMEOUT_MS']);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });
});
