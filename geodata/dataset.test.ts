/**
 * Invariants of the committed dataset in geodata/hengyang/. The geometric ones run in PostGIS
 * (one PGlite for the whole file: its cold start is the slow part).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeoDatabase, openGeoDatabase } from '../scripts/geodata-postgis.ts';
import { loadDataset } from './dataset.ts';
import { loadInputs, requireInputDir } from './generator/inputs.ts';

const ds = loadDataset();
const { county, townships, villages, meta } = ds;
const T = townships.features.map((f) => f.properties);
const V = villages.features.map((f) => f.properties);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe('attributes', () => {
  it('has 1 county, 25 townships, 491 villages with unique well-formed codes', () => {
    expect(county.features).toHaveLength(1);
    expect(county.features[0]!.properties).toMatchObject({ code: '430421', name: '衡阳县' });
    expect(T).toHaveLength(25);
    expect(V).toHaveLength(491);
    expect(new Set(T.map((t) => t.code)).size).toBe(25);
    expect(new Set(V.map((v) => v.code)).size).toBe(491);
    const tcodes = new Set(T.map((t) => t.code));
    for (const t of T) {
      expect(t.code).toMatch(/^430421\d{3}$/);
      expect(t.code12).toBe(`${t.code}000`);
      expect(['镇', '乡']).toContain(t.kind);
      expect(t.boundarySource).toBe('generated');
    }
    for (const v of V) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(v.code.startsWith(v.townshipCode)).toBe(true);
      expect(tcodes.has(v.townshipCode)).toBe(true);
      expect(v.boundarySource).toBe('generated');
      expect(Number.isInteger(v.population) && v.population > 0).toBe(true);
    }
  });

  it('has 443 村 and 48 社区, and village counts per township match', () => {
    expect(V.filter((v) => v.kind === '村')).toHaveLength(443);
    expect(V.filter((v) => v.kind === '社区')).toHaveLength(48);
    for (const t of T) expect(V.filter((v) => v.townshipCode === t.code)).toHaveLength(t.villageCount);
    expect(meta.counts).toMatchObject({ townships: 25, villages: 491, cun: 443, shequ: 48 });
  });

  // Fails, naming the missing folder, when the inputs are not there: a skip would pass in silence.
  it('matches the source CSVs', () => {
    const input = loadInputs(requireInputDir());
    expect(new Set(V.map((v) => v.code))).toEqual(new Set(input.villages.map((v) => v.code12)));
    for (const t of input.townships) {
      const out = T.find((x) => x.code === t.code9)!;
      expect(out.name).toBe(t.name);
      expect(out.villageCount).toBe(input.villages.filter((v) => v.townshipCode === t.code9).length);
      expect(out.seatSource).toBe(t.seatGcj02 ? 'nbs' : 'placed');
    }
    for (const v of input.villages) expect(V.find((x) => x.code === v.code12)!.nbsName).toBe(v.nbsName);
  });

  it('has plausible populations', () => {
    const total = V.reduce((s, v) => s + v.population, 0);
    expect(total).toBe(meta.populationTotal);
    expect(Math.abs(total - 1_000_000)).toBeLessThanOrEqual(50_000);
    const cunMedian = median(V.filter((v) => v.kind === '村').map((v) => v.population));
    for (const v of V.filter((x) => x.kind === '社区')) expect(v.population).toBeGreaterThan(cunMedian);
    for (const t of T) expect(t.population).toBe(V.filter((v) => v.townshipCode === t.code).reduce((s, v) => s + v.population, 0));
  });
});

describe('geometry (PostGIS)', () => {
  let db: GeoDatabase;
  const one = async <R>(sql: string): Promise<R> => (await db.transaction((h) => h.query<R>(sql)))[0]!;

  beforeAll(async () => {
    db = await openGeoDatabase();
    await db.transaction(async (h) => {
      await h.exec(`
        CREATE TABLE county (geom geometry NOT NULL);
        CREATE TABLE townships (code text PRIMARY KEY, seat geometry, geom geometry NOT NULL);
        CREATE TABLE villages (code text PRIMARY KEY, tcode text, geom geometry NOT NULL);`);
      const g = (x: unknown) => JSON.stringify(x);
      await h.query(`INSERT INTO county SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)`, [g(county.features[0]!.geometry)]);
      await h.query(
        `INSERT INTO townships SELECT c, ST_SetSRID(ST_GeomFromGeoJSON(s), 4326), ST_SetSRID(ST_GeomFromGeoJSON(j), 4326)
         FROM unnest($1::text[], $2::text[], $3::text[]) u(c, s, j)`,
        [T.map((t) => t.code), T.map((t) => g({ type: 'Point', coordinates: t.seat })), townships.features.map((f) => g(f.geometry))],
      );
      await h.query(`INSERT INTO villages SELECT c, t, ST_SetSRID(ST_GeomFromGeoJSON(j), 4326) FROM unnest($1::text[], $2::text[], $3::text[]) u(c, t, j)`, [
        V.map((v) => v.code),
        V.map((v) => v.townshipCode),
        villages.features.map((f) => g(f.geometry)),
      ]);
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('every polygon is valid, non-empty, areal, lon/lat inside the county bbox', async () => {
    const r = await one<{ bad: number; n: number }>(`
      WITH a AS (SELECT geom FROM county UNION ALL SELECT geom FROM townships UNION ALL SELECT geom FROM villages)
      SELECT count(*)::int n, count(*) FILTER (WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom) OR ST_SRID(geom) <> 4326
        OR GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON')
        OR NOT ST_CoveredBy(ST_Envelope(geom), (SELECT ST_Expand(ST_Envelope(geom), 1e-6) FROM county)))::int bad FROM a`);
    expect(r).toEqual({ n: 1 + 25 + 491, bad: 0 });
    const b = await one<{ x0: number; x1: number; y0: number; y1: number }>(`SELECT ST_XMin(geom) x0, ST_XMax(geom) x1, ST_YMin(geom) y0, ST_YMax(geom) y1 FROM county`);
    expect(b.x0).toBeGreaterThan(111.5);
    expect(b.x1).toBeLessThan(113);
    expect(b.y0).toBeGreaterThan(26.5);
    expect(b.y1).toBeLessThan(27.6);
  });

  it('county area is about 2,560 km²', async () => {
    const r = await one<{ a: number }>(`SELECT ST_Area(geom::geography) / 1e6 a FROM county`);
    expect(r.a).toBeGreaterThan(2500);
    expect(r.a).toBeLessThan(2650);
    expect(Math.abs(r.a - meta.countyAreaKm2)).toBeLessThan(0.01);
  });

  it.each(['townships', 'villages'])('%s tile the county: areas add up, no overlaps, no gaps', async (table) => {
    const r = await one<{ county: number; sum: number; overlap: number; gap: number }>(`
      SELECT (SELECT ST_Area(geom::geography) FROM county) county,
             (SELECT sum(ST_Area(geom::geography)) FROM ${table}) sum,
             (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
                FROM ${table} a JOIN ${table} b ON a.code < b.code AND a.geom && b.geom) overlap,
             (SELECT ST_Area(ST_Difference(c.geom, (SELECT ST_Union(geom) FROM ${table}))::geography) FROM county c) gap`);
    console.log(`${table}: county ${(r.county / 1e6).toFixed(3)} km², sum ${(r.sum / 1e6).toFixed(3)} km², ` + `overlap ${r.overlap.toFixed(1)} m², gap ${r.gap.toFixed(1)} m²`);
    expect(Math.abs(r.sum - r.county) / r.county).toBeLessThan(0.001);
    expect(r.overlap / r.county).toBeLessThan(0.0001);
    expect(r.gap / r.county).toBeLessThan(0.001);
  });

  it('every village lies inside its township', async () => {
    const r = await one<{ worst: number; missing: number }>(`
      SELECT max(ST_Area(ST_Difference(v.geom, t.geom)::geography) / ST_Area(v.geom::geography)) worst,
             count(*) FILTER (WHERE t.code IS NULL)::int missing
      FROM villages v LEFT JOIN townships t ON t.code = v.tcode`);
    expect(r.missing).toBe(0);
    expect(r.worst).toBeLessThan(0.001);
  });

  it('every township contains its seat', async () => {
    const r = await one<{ bad: number }>(`SELECT count(*) FILTER (WHERE NOT ST_Contains(geom, seat))::int bad FROM townships`);
    expect(r.bad).toBe(0);
  });
});
