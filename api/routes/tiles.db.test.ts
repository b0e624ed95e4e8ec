import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { TILE_CONTENT_TYPE, type TileAddress, tileBounds, tileOf } from '../contract/tiles.ts';
import type { EventsAnswer } from '../queries/events.ts';
import type { FeatureCollection, VillageProps } from '../queries/layers.ts';
import { EVENT_VILLAGES_LAYER, TILE_TOWNSHIP_CALLS } from '../queries/tiles.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let county: SignedIn;
let chief: SignedIn;
let capped: SignedIn;
/** A server whose event tiles hold the points at every zoom unless asked (TILE_EVENT_VILLAGES_MAX_ZOOM -1). */
let points: SignedIn;
const JIEPAI = '430421110';
let period = '';
/** A zoom-8 tile (~1.4 degrees a side) holding 界牌镇 and its neighbours. */
let area: TileAddress;

beforeAll(async () => {
  t = await testDb();
  const app = createApp(t.deps);
  county = await signIn(app, 'demo-county');
  chief = await signIn(app, 'demo-township');
  capped = await signIn(createApp({ ...t.deps, config: { ...t.config, TILE_MAX_FEATURES: 7, TILE_EVENT_VILLAGES_MAX_ZOOM: -1 } }), 'demo-county');
  points = await signIn(createApp({ ...t.deps, config: { ...t.config, TILE_EVENT_VILLAGES_MAX_ZOOM: -1 } }), 'demo-county');
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

/** A point of the county far from 界牌镇 (the south-west, 井头镇's side). */
const JIEPAI_FAR: [number, number] = [112.05, 26.95];

/** TILE_EVENT_VILLAGES_MAX_ZOOM's default: the deepest zoom of the villages' counts. */
const EVENT_VILLAGES_MAX_ZOOM = 12;

/** The tile at zoom z holding 界牌镇's first village's label point. */
async function tileOfJiepai(z: number): Promise<TileAddress> {
  const layer = (await (await county.request(`/api/villages?township=${JIEPAI}`)).json()) as FeatureCollection<VillageProps>;
  const p = layer.features[0]!.properties.labelPoint;
  return tileOf(p[0], p[1], z);
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

  /** What an event_villages tile should hold: per village whose label point is in `a`, counted from raw /api/events rows. */
  async function countsFromRows(query: string, a: TileAddress) {
    const rows = (await (await county.request(`/api/events?${query}`)).json()) as EventsAnswer;
    expect(rows.truncated).toBe(false);
    const layer = (await (await county.request(`/api/villages?${query}`)).json()) as FeatureCollection<VillageProps>;
    const of = (code: string, type: string) => rows.rows.filter((r) => r.villageCode === code && r.type === type).length;
    return layer.features
      .map((f) => f.properties)
      .map((p) => ({ p, d: of(p.code, 'dispute'), h: of(p.code, 'hazard'), v: of(p.code, 'visit') }))
      .filter(({ p, d, h, v }) => d + h + v > 0 && inside(p.labelPoint, a, 64))
      .map(({ p, d, h, v }) => ({
        id: Number(p.code),
        point: p.labelPoint,
        props: { villageCode: p.code, name: p.name, townshipCode: p.townshipCode, disputes: d, hazards: h, visits: v, events: d + h + v },
      }));
  }

  it(`at zoom ${EVENT_VILLAGES_MAX_ZOOM} or less an unfiltered event tile holds a feature a village, with the counts of the /api/events rows`, async () => {
    // a township's (one call), and the county's at zoom 11 (the townships reached, one call each) and 8 (one call for the county)
    const seat = await tileOfJiepai(11);
    for (const [query, a] of [
      [`${period}&township=${JIEPAI}`, area],
      [period, seat],
      [period, area],
    ] as const) {
      const expected = await countsFromRows(query, a);
      expect(expected.length, query).toBeGreaterThan(5);
      const got = await tile(county, 'events', a, query, 200, EVENT_VILLAGES_LAYER);
      // busiest first (a cut tile keeps them), then by code
      const order = [...expected].sort((x, y) => y.props.events - x.props.events || x.id - y.id);
      expect(got.features.map((f) => ({ id: f.id, props: f.properties }))).toEqual(order.map(({ id, props }) => ({ id, props })));
      for (const [i, f] of got.features.entries()) {
        expect(Math.abs(f.coordinates[0]![0] - order[i]!.point[0])).toBeLessThan(1e-3);
        expect(Math.abs(f.coordinates[0]![1] - order[i]!.point[1])).toBeLessThan(1e-3);
      }
    }
    // zoom 8 took the one call for the county: more townships reach it than are computed one by one
    const z8 = await tile(county, 'events', area, period, 200, EVENT_VILLAGES_LAYER);
    expect(new Set(z8.features.map((f) => String(f.properties.townshipCode))).size).toBeGreaterThan(TILE_TOWNSHIP_CALLS);
    // a township the tile does not reach: empty
    const far = tileOf(JIEPAI_FAR[0], JIEPAI_FAR[1], 11);
    expect((await tile(county, 'events', far, `${period}&township=${JIEPAI}`, 200, EVENT_VILLAGES_LAYER)).features).toEqual([]);
    // Only the requested types count.
    const hazards = await tile(county, 'events', area, `${period}&type=hazard`, 200, EVENT_VILLAGES_LAYER);
    expect(hazards.features.length).toBeGreaterThan(5);
    expect(hazards.features.every((f) => f.properties.disputes === 0 && f.properties.visits === 0 && f.properties.events === f.properties.hazards)).toBe(true);
  });

  it(`deeper than zoom ${EVENT_VILLAGES_MAX_ZOOM}, with a case filter, or asked for, an event tile holds the points; a client may ask for either layer`, async () => {
    const query = `${period}&township=${JIEPAI}`;
    const r = ((await (await county.request(`/api/events?${query}`)).json()) as EventsAnswer).rows[0]!;
    // deeper: the points (a tile there is about one village, whose label point may lie outside it)
    for (const z of [EVENT_VILLAGES_MAX_ZOOM + 1, 16]) {
      const got = await tile(county, 'events', tileOf(r.lng, r.lat, z), query);
      expect(got.features.map((f) => String(f.properties.id))).toContain(r.id);
    }
    await tile(county, 'events', tileOf(r.lng, r.lat, EVENT_VILLAGES_MAX_ZOOM), query, 200, EVENT_VILLAGES_LAYER);
    // a case filter: the points (the rollups carry no category)
    const filtered = await tile(county, 'events', area, `${query}&category=婚姻家庭`);
    expect(filtered.features.length).toBeGreaterThan(0);
    expect(filtered.features.every((f) => f.properties.category === '婚姻家庭')).toBe(true);
    // asked for: either layer at any zoom; the counts never with a case filter
    expect((await tile(county, 'events', area, `${query}&layer=events`)).features.length).toBeGreaterThan(0);
    const asked = await tile(county, 'events', tileOf(r.lng, r.lat, 16), `${query}&layer=event_villages`, 200, EVENT_VILLAGES_LAYER);
    expect(asked.features.length).toBeLessThanOrEqual(1);
    const refused = await county.request(`/api/tiles/events/${area.z}/${area.x}/${area.y}.mvt?${query}&layer=event_villages&category=婚姻家庭`);
    expect(refused.status).toBe(400);
    expect(Object.keys(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['layer']);
    expect((await county.request(`/api/tiles/events/${area.z}/${area.x}/${area.y}.mvt?${query}&layer=roads`)).status).toBe(400);
    // TILE_EVENT_VILLAGES_MAX_ZOOM -1: the points at every zoom unless asked
    expect((await tile(points, 'events', area, query)).features.length).toBeGreaterThan(0);
  });

  it('holds at most TILE_MAX_FEATURES features and says the tile was cut', async () => {
    const villages = await tile(capped, 'villages', area, period);
    expect(villages.features).toHaveLength(7);
    expect(villages.headers.get('x-tile-truncated')).toBe('true');
    // The first by code: the same on both databases.
    const codes = villages.features.map((f) => String(f.properties.code));
    expect(codes).toEqual([...codes].sort());
    // the villages' counts: the busiest seven, wherever they are
    const counts = await tile(capped, 'events', area, `${period}&layer=event_villages`, 200, EVENT_VILLAGES_LAYER);
    expect(counts.features).toHaveLength(7);
    expect(counts.headers.get('x-tile-truncated')).toBe('true');
    const all = await tile(county, 'events', area, period, 200, EVENT_VILLAGES_LAYER);
    expect(all.features.length).toBeGreaterThan(7);
    const busiest = Math.min(...counts.features.map((f) => Number(f.properties.events)));
    expect(all.features.filter((f) => Number(f.properties.events) > busiest).every((f) => counts.features.some((c) => c.id === f.id))).toBe(true);
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
    // the points and the villages' counts alike: their township's only, the counts the county's for it
    const events = await tile(chief, 'events', area, `${period}&layer=events`);
    expect(events.features.length).toBeGreaterThan(0);
    expect(events.features.every((f) => String(f.properties.villageCode).startsWith(JIEPAI))).toBe(true);
    const counts = await tile(chief, 'events', area, period, 200, EVENT_VILLAGES_LAYER);
    expect(counts.features.length).toBeGreaterThan(5);
    expect(counts.features.every((f) => String(f.properties.villageCode).startsWith(JIEPAI))).toBe(true);
    const countys = await tile(county, 'events', area, `${period}&township=${JIEPAI}`, 200, EVENT_VILLAGES_LAYER);
    expect(counts.features.map((f) => f.properties)).toEqual(countys.features.map((f) => f.properties));
    // an officer: the counts of their own villages only, each the county's
    const officer = await signIn(createApp(t.deps), 'demo-officer');
    const theirs = (await (await officer.request(`/api/villages?${period}`)).json()) as FeatureCollection<VillageProps>;
    const officersVillages = new Set(theirs.features.map((f) => f.properties.code));
    const lp = theirs.features[0]!.properties.labelPoint;
    const at = tileOf(lp[0], lp[1], 10);
    const byOfficer = await tile(officer, 'events', at, period, 200, EVENT_VILLAGES_LAYER);
    const byCounty = new Map((await tile(county, 'events', at, period, 200, EVENT_VILLAGES_LAYER)).features.map((f) => [f.id, f.properties]));
    expect(byOfficer.features.length).toBeGreaterThan(0);
    expect(byOfficer.features.length).toBeLessThan(byCounty.size);
    for (const f of byOfficer.features) {
      expect(officersVillages.has(String(f.properties.villageCode))).toBe(true);
      expect(f.properties).toEqual(byCounty.get(f.id));
    }
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
