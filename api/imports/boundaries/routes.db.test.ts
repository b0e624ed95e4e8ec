import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { SYSTEM } from '../../db/types.ts';
import type { FeatureCollection, VillageProps } from '../../queries/layers.ts';
import { type SignedIn, signIn } from '../../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { FIXTURE_VILLAGES } from './fixtures/fixture-units.ts';
import type { BoundaryImportReport } from './report.ts';
import { boundaryState, fixtureBytes, restoreBoundaries, type SavedBoundaries, saveBoundaries } from './test-support.ts';

let t: TestDb;
let app: SignedIn;
let before: Record<string, string>;
let saved: SavedBoundaries;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-admin');
  before = await t.db.read(SYSTEM, boundaryState);
  saved = await saveBoundaries(t.db, 'village', FIXTURE_VILLAGES);
});
afterAll(async () => {
  // The applied import committed: put the generated boundaries back for the other test files.
  await restoreBoundaries(t.db, saved);
  expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
});

const TYPES = { zip: 'application/zip', geojson: 'application/geo+json' } as const;

async function post(
  fixture: string,
  query = '',
  contentType: string = fixture.endsWith('.zip') ? TYPES.zip : TYPES.geojson,
  body: Uint8Array<ArrayBuffer> = fixtureBytes(fixture),
) {
  const res = await app.request(`/api/imports/boundaries?fileName=${fixture}${query}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return { status: res.status, body: (await res.json()) as any };
}

describe(`POST /api/imports/boundaries (${backend})`, () => {
  it('a dry run answers 200 with the report and changes nothing', async () => {
    const r = await post('villages-4546.zip', '&dryRun=true');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fileName: 'villages-4546.zip', level: 'village', crs: { detected: 'EPSG:4546', source: 'prj' }, dryRun: true, applied: false });
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('a rejected file answers 422 with import_rejected, the report, and changes nothing', async () => {
    const r = await post('villages-hopeless.geojson');
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({ code: 'import_rejected', message: expect.stringMatching(/rejected and nothing changed \(3 problems\): feature 2: not a polygon/) });
    expect((r.body.report as BoundaryImportReport).rejected.map((x) => x.feature)).toEqual([2, 3, 4]);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('an unsupported CRS names the crs field', async () => {
    const r = await post('villages-xian80.zip');
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ crs: expect.stringMatching(/Xian 1980/) });
  });

  it('crs=gcj02 and level= are passed through', async () => {
    const gcj = await post('villages-gcj02.geojson', '&crs=gcj02&dryRun=1');
    expect([gcj.status, gcj.body.crs]).toEqual([200, { detected: 'GCJ-02', source: 'flag' }]);
    const named = await post('villages-4490.geojson', '&level=village&dryRun=true');
    expect([named.status, named.body.matched.map((m: { by: string }) => m.by)]).toEqual([200, ['name', 'name', 'name']]);
  });

  it('applies a file: 200, and the village layer shows the imported boundaries', async () => {
    const r = await post('villages-4326.geojson');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ applied: true, batchId: expect.any(Number) });
    const layer = (await (await app.request('/api/villages?township=430421110')).json()) as FeatureCollection<VillageProps>;
    const imported = layer.features.filter((f) => f.properties.boundarySource === 'imported').map((f) => f.properties.code);
    expect(imported.sort()).toEqual([...FIXTURE_VILLAGES]);
    const [batch] = await t.db.read(SYSTEM, (h) =>
      h.query<{ kind: string; file_name: string; file_sha256: string }>('SELECT kind, file_name, file_sha256 FROM import_batch WHERE id = $1', [r.body.batchId]),
    );
    expect(batch).toEqual({ kind: 'boundaries-village', file_name: 'villages-4326.geojson', file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each([
    ['not a zip', 'x.zip', '', TYPES.zip, new TextEncoder().encode('this is not a zip file'), 400, 'bad_file'],
    ['not JSON', 'x.geojson', '', TYPES.geojson, new TextEncoder().encode('{"type": '), 400, 'bad_file'],
    ['JSON but no FeatureCollection', 'x.geojson', '', TYPES.geojson, new TextEncoder().encode('{"type":"Point"}'), 400, 'bad_file'],
    ['an unknown content type', 'x.txt', '', 'text/plain', new TextEncoder().encode('hello'), 400, 'invalid_request'],
    ['an empty body', 'x.geojson', '', TYPES.geojson, new Uint8Array(0), 400, 'invalid_request'],
    ['an unknown query parameter', 'villages-4326.geojson', '&force=true', TYPES.geojson, fixtureBytes('villages-4326.geojson'), 400, 'invalid_request'],
    ['a bad level', 'villages-4326.geojson', '&level=county', TYPES.geojson, fixtureBytes('villages-4326.geojson'), 400, 'invalid_request'],
    ['a bad crs', 'villages-4326.geojson', '&crs=wgs84', TYPES.geojson, fixtureBytes('villages-4326.geojson'), 400, 'invalid_request'],
  ])('%s', async (_label, fileName, query, type, body, status, code) => {
    const r = await post(fileName, query, type, body);
    expect([r.status, r.body.error.code]).toEqual([status, code]);
  });

  it('a body over IMPORT_MAX_BYTES answers 413 JSON', async () => {
    const small = await signIn(createApp({ ...t.deps, config: { ...t.config, IMPORT_MAX_BYTES: 1024 } }), 'demo-admin');
    const body = fixtureBytes('villages-4326.geojson');
    expect(body.length).toBeGreaterThan(1024);
    const res = await small.request('/api/imports/boundaries?dryRun=true', { method: 'POST', headers: { 'content-type': TYPES.geojson }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.stringMatching(/larger than the 1024 bytes allowed/) } });
  });
});
