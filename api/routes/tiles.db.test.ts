import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { TILE_CONTENT_TYPE, type TileAddress, tileBounds, tileOf } from '../contract/tiles.ts';
import type { EventsAnswer } from '../queries/events.ts';
import type { FeatureCollection, VillageProps } from '../queries/layers.ts';
import { EVENT_VILLAGES_LAYER, EVENT_VILLAGES_MAX_ZOOM, TILE_TOWNSHIP_CALLS } from '../queries/tiles.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let county: SignedIn;
let chief: SignedIn;
let capped: SignedIn;
/** Points however many events the villages hold: the tests of the point tiles. */
let points: SignedIn;
/** A county leader of a server with TILE_EVENT_POINTS_MAX at `pointsMax` (0: the villages' counts from the first event). */
let withPointsMax: (pointsMax: number) => Promise<SignedIn>;
const JIEPAI = '430421110';
let period = '';
/** A zoom-8 tile (~1.4 degrees a side) holding 界牌镇 and its neighbours. */
let area: TileAddress;

beforeAll(async () => {
  t = await testDb();
  const app = createApp(t.deps);
  county = await signIn(app, 'demo-county');
  chief = await signIn(app, 'demo-township');
  capped = await signIn(createApp({ ...t.deps, config: { ...t.config, TILE_MAX_FEATURES: 7, TILE_EVENT_POINTS_MAX: 1_000_000 } }), 'demo-county');
  points = await signIn(createApp({ ...t.deps, config: { ...t.config, TILE_EVENT_POINTS_MAX: 1_000_000 } }), 'demo-county');
  withPointsMax = (pointsMax) => signIn(createApp({ ...t.deps, config: { ...t.config, TILE_EVENT_POINTS_MAX: pointsMax } }), 'demo-county');
  const today = shanghaiDate(t.now);
  period = `from=${addDays(today, -90)}&to=${today}`;
  const layer = (await (await county.request(`/api/villages?township=${JIEPAI}`)).json()) as FeatureCollection<VillageProps>;
  const p = layer.features[0]!.properties.labelPoint;
  area = tileOf(p[0], p[1], 8);
});

interface Decoded {
  status: number;
  features: { id: number | undefined; properties: Record<string, unknown>; coordinates: [number, number][] }[];
  headers: Headers;
}

/** Decodes one tile's only layer (`named`: the path's unless said), with each feature's vertices back in lon/lat. */
async function tile(who: SignedIn, path: string, a: TileAddress, query: string, status = 200, named = path): Promise<Decoded> {
  const res = await who.request(`/api/tiles/${path}/${a.z}/${a.x}/${a.y}.mvt?${query}`);
  expect(res.status, await res.clone().text()).toBe(status);
  if (res.status !== 200) return { status: res.status, features: [], headers: res.headers };
  expect(res.headers.get('content-type')).toBe(TILE_CONTENT_TYPE);
  expect(res.headers.get('x-tile-layer')).toBe(named);
  const layer = named;
  const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  expect(Object.keys(vt.layers).filter((l) => l !== layer)).toEqual([]);
  const l = vt.layers[layer];
  const features = Array.from({ length: l?.length ?? 0 }, (_, i) => {
    const f = l!.feature(i);
    const g = f.toGeoJSON(a.x, a.y, a.z).geometry as { coordinates: unknown };
    const coordinates = (g.coordinates as unknown[]).flat(3) as number[];
    const pairs: [number, number][] = [];
    for (let k = 0; k + 1 < coordinates.length; k += 2) pairs.push([coordinates[k]!, coordinates[k + 1]!]);
    return { id: f.id, properties: f.properties as Record<string, unknown>, coordinates: pairs };
  });
  return { status: 200, features, headers: res.headers };
}

const inside = (p: readonly [number, number], a: TileAddress, buffer = 0) => {
  const b = tileBounds(a, buffer);
  return p[0] >= b.west && p[0] <= b.east && p[1] >= b.south && p[1] <= b.north;
};

/** The GeoJSON layer's properties as a tile carries them: scalars only, no nulls. */
function asTileProps(p: VillageProps): Record<string, unknown> {
  const { labelPoint: _, ...rest } = p;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
}

describe(`vector tiles (${backend})`, () => {
  it('a village tile holds the villages of the GeoJSON layer there, with the same properties, in the right place', async () => {
    const query = `${period}&township=${JIEPAI}&category=婚姻家庭,宅基地`;
    const layer = (await (await county.request(`/api/villages?${query}`)).json()) as FeatureCollection<VillageProps>;
    const first = layer.features[0]!.properties;
    const a = tileOf(first.labelPoint[0], first.labelPoint[1], 12);
    const got = await tile(county, 'villages', a, query);
    expect(got.status).toBe(200);
    expect(got.headers.get('x-tile-truncated')).toBe('false');
    const byCode = new Map(layer.features.map((f) => [f.properties.code, f.properties]));
    // Every village whose label point is in the tile is drawn in it ...
    const expected = layer.features.filter((f) => inside(f.properties.labelPoint, a)).map((f) => f.properties.code);
    const codes = got.features.map((f) => String(f.properties.code));
    expect(expected.length).toBeGreaterThan(0);
    expect(codes).toEqual(expect.arrayContaining(expected));
    for (const f of got.features) {
      // ... and every feature is a village of the layer, with the layer's numbers for this filter.
      const props = byCode.get(String(f.properties.code));
      expect(props, `tile feature ${f.properties.code} is not in the GeoJSON layer`).toBeDefined();
      expect(f.id).toBe(Number(props!.code));
      expect(f.properties).toEqual(asTileProps(props!));
      // Its vertices lie in the tile (with its buffer), near the village's label point.
      expect(f.coordinates.length).toBeGreaterThan(2);
      expect(f.coordinates.every((p) => inside(p, a, 80))).toBe(true);
    }
    const sample = got.features.find((f) => inside(byCode.get(String(f.properties.code))!.labelPoint, a))!;
    const lp = byCode.get(String(sample.properties.code))!.labelPoint;
    const lngs = sample.coordinates.map((p) => p[0]);
    const lats = sample.coordinates.map((p) => p[1]);
    expect(lp[0]).toBeGreaterThanOrEqual(Math.min(...lngs));
    expect(lp[0]).toBeLessThanOrEqual(Math.max(...lngs));
    expect(lp[1]).toBeGreaterThanOrEqual(Math.min(...lats));
    expect(lp[1]).toBeLessThanOrEqual(Math.max(...lats));
  });

  it('a county-wide tile reaching a few townships computes them one by one, with the numbers of the whole county', async () => {
    // No case filter: a filtered tile makes one call for the scope (its raw reads are not split by township).
    const query = period;
    const layer = (await (await county.request(`/api/villages?${query}`)).json()) as FeatureCollection<VillageProps>;
    const byCode = new Map(layer.features.map((f) => [f.properties.code, f.properties]));
    const seat = layer.features.find((f) => f.properties.townshipCode === JIEPAI)!.properties.labelPoint;
    const townshipsOf = (d: Decoded) => new Set(d.features.map((f) => String(f.properties.townshipCode)));
    // The deepest zoom whose tile around 界牌镇 reaches two townships or more (one call per township),
    // then zoom 8, which reaches more than TILE_TOWNSHIP_CALLS (one call for the county).
    let few: { a: TileAddress; got: Decoded } | null = null;
    for (let z = 12; z >= 8 && !few; z--) {
      const a = tileOf(seat[0], seat[1], z);
      const got = await tile(county, 'villages', a, query);
      if (townshipsOf(got).size >= 2) few = { a, got };
    }
    const a8 = tileOf(seat[0], seat[1], 8);
    const many = { a: a8, got: await tile(county, 'villages', a8, query) };
    expect(townshipsOf(few!.got).size).toBeLessThanOrEqual(TILE_TOWNSHIP_CALLS);
    expect(townshipsOf(many.got).size).toBeGreaterThan(TILE_TOWNSHIP_CALLS);
    for (const { a, got } of [few!, many]) {
      // every village whose label point is in the tile, whichever township it belongs to ...
      const expected = layer.features.filter((f) => inside(f.properties.labelPoint, a)).map((f) => f.properties.code);
      expect(got.features.map((f) => String(f.properties.code))).toEqual(expect.arrayContaining(expected));
      // ... with the county's numbers
      for (const f of got.features) expect(f.properties).toEqual(asTileProps(byCode.get(String(f.properties.code))!));
      // no village twice (one call per township must not repeat a village)
      expect(new Set(got.features.map((f) => f.id)).size).toBe(got.features.length);
    }
    expect(few!.got.features.some((f) => Number(f.properties.disputesOpen) > 0 || Number(f.properties.hazardsOpen) > 0)).toBe(true);
  });

  it('an event tile holds the /api/events rows there, newest first up to the cap, with the same fields', async () => {
    const query = `${period}&township=${JIEPAI}`;
    const answer = (await (await county.request(`/api/events?${query}`)).json()) as EventsAnswer;
    expect(answer.truncated).toBe(false);
    const a = tileOf(answer.rows[0]!.lng, answer.rows[0]!.lat, 11);
    const got = await tile(points, 'events', a, query);
    const rows = answer.rows.filter((r) => inside([r.lng, r.lat], a));
    expect(rows.length).toBeGreaterThan(0);
    const byId = new Map(answer.rows.map((r) => [r.id, r]));
    expect(got.features.map((f) => f.properties.id)).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    for (const f of got.features) {
      const r = byId.get(String(f.properties.id))!;
      const { lng, lat, ...fields } = r;
      expect(f.properties).toEqual(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)));
      // A point in tile units (1/4096 of ~10 km here) lands within a few metres of the row's.
      expect(Math.abs(f.coordinates[0]![0] - lng)).toBeLessThan(1e-4);
      expect(Math.abs(f.coordinates[0]![1] - lat)).toBeLessThan(1e-4);
    }
    const types = await tile(points, 'events', a, `${query}&type=hazard`);
    expect(types.features.length).toBeGreaterThan(0);
    expect(types.features.every((f) => f.properties.type === 'hazard')).toBe(true);
  });

  it('past TILE_EVENT_POINTS_MAX events in its villages, an event tile holds a feature a village with the counts of /api/villages and /api/events', async () => {
    const query = `${period}&township=${JIEPAI}`;
    const layer = (await (await county.request(`/api/villages?${query}`)).json()) as FeatureCollection<VillageProps>;
    const visits = (await (await county.request(`/api/events?${query}&type=visit`)).json()) as EventsAnswer;
    expect(visits.truncated).toBe(false);
    const visitsOf = (code: string) => visits.rows.filter((r) => r.villageCode === code).length;
    const got = await tile(await withPointsMax(0), 'events', area, query, 200, EVENT_VILLAGES_LAYER);
    // every village of the township with an event in the period, at its label point, with its counts
    const expected = layer.features
      .map((f) => f.properties)
      .filter((p) => p.disputes + p.hazards + visitsOf(p.code) > 0 && inside(p.labelPoint, area, 64))
      .map((p) => ({
        id: Number(p.code),
        point: p.labelPoint,
        props: {
          villageCode: p.code,
          name: p.name,
          townshipCode: JIEPAI,
          disputes: p.disputes,
          hazards: p.hazards,
          visits: visitsOf(p.code),
          events: p.disputes + p.hazards + visitsOf(p.code),
        },
      }));
    expect(expected.length).toBeGreaterThan(5);
    expect(got.features.map((f) => ({ id: f.id, props: f.properties }))).toEqual(expected.map(({ id, props }) => ({ id, props })));
    for (const [i, f] of got.features.entries()) {
      expect(Math.abs(f.coordinates[0]![0] - expected[i]!.point[0])).toBeLessThan(1e-3);
      expect(Math.abs(f.coordinates[0]![1] - expected[i]!.point[1])).toBeLessThan(1e-3);
    }
    const total = expected.reduce((s, e) => s + e.props.events, 0);
    // Only the requested types count; at the threshold itself, and with a case filter, the points.
    const hazards = await tile(await withPointsMax(0), 'events', area, `${query}&type=hazard`, 200, EVENT_VILLAGES_LAYER);
    expect(hazards.features.every((f) => f.properties.disputes === 0 && f.properties.visits === 0 && f.properties.events === f.properties.hazards)).toBe(true);
    const under = await tile(await withPointsMax(total), 'events', area, query);
    expect(under.features.length).toBeGreaterThan(0);
    expect(under.features.length).toBeLessThanOrEqual(total);
    expect((await tile(await withPointsMax(total - 1), 'events', area, query, 200, EVENT_VILLAGES_LAYER)).features.length).toBe(expected.length);
    const filtered = await tile(await withPointsMax(0), 'events', area, `${query}&category=婚姻家庭`);
    expect(filtered.features.length).toBeGreaterThan(0);
    expect(filtered.features.every((f) => f.properties.category === '婚姻家庭')).toBe(true);
    // A client may ask for either layer, whatever the count (the counts with no case filter only).
    expect((await tile(await withPointsMax(0), 'events', area, `${query}&layer=events`)).features.length).toBeGreaterThan(0);
    const asked = await tile(points, 'events', area, `${query}&layer=event_villages`, 200, EVENT_VILLAGES_LAYER);
    expect(asked.features.map((f) => f.properties)).toEqual(got.features.map((f) => f.properties));
    const refused = await points.request(`/api/tiles/events/${area.z}/${area.x}/${area.y}.mvt?${query}&layer=event_villages&category=婚姻家庭`);
    expect(refused.status).toBe(400);
    expect(Object.keys(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['layer']);
    expect((await points.request(`/api/tiles/events/${area.z}/${area.x}/${area.y}.mvt?${query}&layer=roads`)).status).toBe(400);
  });

  it(`deeper than zoom ${EVENT_VILLAGES_MAX_ZOOM} an event tile holds the points by itself: a tile there is about one village, whose label point may lie outside it`, async () => {
    const query = `${period}&township=${JIEPAI}`;
    const answer = (await (await county.request(`/api/events?${query}`)).json()) as EventsAnswer;
    const r = answer.rows[0]!;
    for (const z of [EVENT_VILLAGES_MAX_ZOOM + 1, 16]) {
      const a = tileOf(r.lng, r.lat, z);
      const got = await tile(await withPointsMax(0), 'events', a, query);
      expect(got.features.map((f) => String(f.properties.id))).toContain(r.id);
    }
    const a = tileOf(r.lng, r.lat, EVENT_VILLAGES_MAX_ZOOM);
    await tile(await withPointsMax(0), 'events', a, query, 200, EVENT_VILLAGES_LAYER);
  });

  it('holds at most TILE_MAX_FEATURES features and says the tile was cut', async () => {
    const villages = await tile(capped, 'villages', area, period);
    expect(villages.features).toHaveLength(7);
    expect(villages.headers.get('x-tile-truncated')).toBe('true');
    // The first by code: the same on both databases.
    const codes = villages.features.map((f) => String(f.properties.code));
    expect(codes).toEqual([...codes].sort());
    const events = await tile(capped, 'events', area, period);
    expect(events.features).toHaveLength(7);
    const at = events.features.map((f) => String(f.properties.at));
    expect(at).toEqual([...at].sort().reverse());
  });

  it('keeps a chief to their township, as the GeoJSON layer does', async () => {
    const all = await tile(county, 'villages', area, period);
    expect(all.features.some((f) => String(f.properties.townshipCode) !== JIEPAI)).toBe(true);
    const own = await tile(chief, 'villages', area, period);
    expect(own.features.length).toBeGreaterThan(5);
    expect(own.features.every((f) => String(f.properties.townshipCode) === JIEPAI)).toBe(true);
    const events = await tile(chief, 'events', area, period);
    expect(events.features.length).toBeGreaterThan(0);
    expect(events.features.every((f) => String(f.properties.villageCode).startsWith(JIEPAI))).toBe(true);
    await tile(chief, 'villages', area, `${period}&township=430421111`, 403);
  });

  it('answers an empty tile where nothing is, saying it holds no feature', async () => {
    for (const a of ['10/0/0', '22/1000/5']) {
      const res = await county.request(`/api/tiles/villages/${a}.mvt?${period}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength, a).toBe(0);
      expect(res.headers.get('x-tile-features'), a).toBe('0');
    }
  });

  it('says how many features the tile holds, at every zoom from the whole world down', async () => {
    for (const z of [0, 1, 4, 8]) {
      const p = tileOf(112.4, 27.0, z);
      const got = await tile(county, 'villages', p, period);
      expect(got.headers.get('x-tile-features'), `z${z}`).toBe(String(got.features.length));
      // The county's 491 villages at zoom 0 are a few pixels: some may collapse, the tile is not empty.
      expect(got.features.length, `z${z}`).toBeGreaterThan(0);
    }
  });

  it.each([
    ['1.5/0/0.mvt', 'z'],
    ['-1/0/0.mvt', 'z'],
    ['23/0/0.mvt', 'z'],
    ['a/0/0.mvt', 'z'],
    ['3/8/0.mvt', 'x'],
    ['3/0/8.mvt', 'y'],
    ['3/0/1e1.mvt', 'y'],
    ['3/0/7.png', 'y'],
    ['3/0/7', 'y'],
    ['0/0/0.mvt?bbox=1,2,3,4', 'query'],
  ])('refuses /api/tiles/villages/%s with a 400 naming %s', async (path, field) => {
    const res = await county.request(`/api/tiles/villages/${path}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields?: Record<string, string> } };
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.fields ?? {})).toContain(field);
  });

  it('knows no other layer', async () => {
    const res = await county.request('/api/tiles/roads/0/0/0.mvt');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
