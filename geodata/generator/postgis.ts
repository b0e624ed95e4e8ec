/**
 * The geometry steps, done in PostGIS so clipping, Voronoi diagrams and geodesic areas come from
 * GEOS rather than hand-written code. Everything lives in a scratch schema `gen` that each run
 * drops and recreates, so one database can serve several runs (the determinism test does this).
 */
import type { AreaGeometry, Position } from './geo.ts';

/** Snap grid for all stored polygons: 1e-6 deg ≈ 0.1 m, the precision the files are written at. */
export const GRID = 1e-6;

const SETUP = `
DROP SCHEMA IF EXISTS gen CASCADE;
CREATE SCHEMA gen;
CREATE TABLE gen.county (id int PRIMARY KEY, geom geometry NOT NULL);
CREATE TABLE gen.seats (code text PRIMARY KEY, pt geometry NOT NULL);
CREATE TABLE gen.townships (code text PRIMARY KEY, geom geometry NOT NULL);
CREATE TABLE gen.pts (code text PRIMARY KEY, tcode text NOT NULL, idx int NOT NULL, community boolean NOT NULL, pt geometry NOT NULL);
CREATE TABLE gen.villages (code text PRIMARY KEY, tcode text NOT NULL, geom geometry NOT NULL);
-- Snapping every polygon of a coverage to the same grid keeps shared vertices shared;
-- MakeValid then repairs the rare spike or collapsed sliver that snapping creates.
CREATE FUNCTION gen.clean(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ST_NumGeometries(x) = 1 THEN ST_GeometryN(x, 1) ELSE x END
  FROM (SELECT ST_SetSRID(ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(g, ${GRID})), 3)), 4326) AS x) s
$$;
-- Voronoi cells of one township's points, each paired with its point, clipped to the township.
CREATE FUNCTION gen.village_cells() RETURNS TABLE (code text, tcode text, community boolean, pt geometry, tgeom geometry, cell geometry)
LANGUAGE sql STABLE AS $$
  SELECT p.code, p.tcode, p.community, p.pt, t.geom, ST_Intersection(v.cell, t.geom)
  FROM gen.townships t
  CROSS JOIN LATERAL (
    SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(q.pt ORDER BY q.idx), 0, ST_Expand(t.geom, 0.2)))).geom AS cell
    FROM gen.pts q WHERE q.tcode = t.code
  ) v
  JOIN gen.pts p ON p.tcode = t.code AND ST_Contains(v.cell, p.pt)
$$;
`;

const geojson = (g: unknown) => JSON.stringify(g);

/**
 * What the pipeline needs of a database with PostGIS: statements with `$n` parameters and one
 * multi-statement script. api/db's Handle has this shape; the CLI (scripts/geodata.ts) opens
 * the database and passes one in, so geodata/ depends on no database code of its own.
 */
export interface GeoSql {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Stored {
  code: string;
  geometry: AreaGeometry;
  areaKm2: number;
}

export class GeoPipeline {
  constructor(private readonly sql: GeoSql) {}

  private q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.sql.query<T>(sql, params);
  }

  async setup(): Promise<void> {
    await this.sql.exec(SETUP);
  }

  /** Loads and snaps the county; refuses an invalid outline rather than feeding GEOS garbage. */
  async loadCounty(outline: AreaGeometry): Promise<void> {
    const [v] = await this.q<{ ok: boolean; reason: string }>(`SELECT ST_IsValid(g) AS ok, ST_IsValidReason(g) AS reason FROM (SELECT ST_GeomFromGeoJSON($1) g) s`, [
      geojson(outline),
    ]);
    if (!v?.ok) throw new Error(`county outline invalid after GCJ-02 -> WGS84: ${v?.reason}`);
    await this.q(`INSERT INTO gen.county VALUES (1, gen.clean(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)))`, [geojson(outline)]);
    const [c] = await this.q<{ t: string }>(`SELECT GeometryType(geom) t FROM gen.county`);
    if (c?.t !== 'POLYGON') throw new Error(`county outline became ${c?.t} after snapping`);
  }

  /** Township = Voronoi cell of its seat, clipped to the county. */
  async buildTownships(seats: Array<{ code: string; seat: Position }>): Promise<void> {
    await this.q(
      `INSERT INTO gen.seats SELECT c, ST_SetSRID(ST_MakePoint(x, y), 4326)
       FROM unnest($1::text[], $2::float8[], $3::float8[]) AS u(c, x, y)`,
      [seats.map((s) => s.code), seats.map((s) => s.seat[0]), seats.map((s) => s.seat[1])],
    );
    const [out] = await this.q<{ inside: number }>(`SELECT count(*)::int AS inside FROM gen.seats s, gen.county c WHERE ST_Contains(c.geom, s.pt)`);
    if (out?.inside !== seats.length) throw new Error(`only ${out?.inside} of ${seats.length} seats lie inside the county`);
    await this.q(`
      INSERT INTO gen.townships (code, geom)
      SELECT s.code, gen.clean(ST_Intersection(v.cell, c.geom))
      FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(pt ORDER BY code), 0,
              (SELECT ST_Expand(geom, 0.5) FROM gen.county)))).geom AS cell FROM gen.seats) v
      JOIN gen.seats s ON ST_Contains(v.cell, s.pt)
      CROSS JOIN gen.county c`);
    const [chk] = await this.q<{ n: number; bad: number }>(
      `SELECT count(*)::int n, count(*) FILTER (WHERE ST_IsEmpty(t.geom) OR NOT ST_IsValid(t.geom) OR NOT ST_Contains(t.geom, s.pt))::int bad
       FROM gen.townships t JOIN gen.seats s USING (code)`,
    );
    if (chk?.n !== seats.length || chk.bad !== 0) throw new Error(`township cells: ${JSON.stringify(chk)}`);
  }

  async townships(): Promise<Stored[]> {
    return this.read('gen.townships');
  }

  async county(): Promise<Stored> {
    const rows = await this.q<{ g: string; a: number }>(`SELECT ST_AsGeoJSON(geom, 6) g, ST_Area(geom::geography) / 1e6 a FROM gen.county`);
    return { code: 'county', geometry: JSON.parse(rows[0]!.g), areaKm2: rows[0]!.a };
  }

  async setVillagePoints(pts: Array<{ code: string; tcode: string; idx: number; community: boolean; p: Position }>) {
    await this.q(`DELETE FROM gen.pts`);
    await this.q(
      `INSERT INTO gen.pts SELECT c, t, i, m, ST_SetSRID(ST_MakePoint(x, y), 4326)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::bool[], $5::float8[], $6::float8[]) AS u(c, t, i, m, x, y)`,
      [pts.map((p) => p.code), pts.map((p) => p.tcode), pts.map((p) => p.idx), pts.map((p) => p.community), pts.map((p) => p.p[0]), pts.map((p) => p.p[1])],
    );
  }

  /**
   * One Lloyd step: each point moves to the centroid of its clipped cell, which evens out cell
   * sizes. Communities move only part of the way so they stay clustered round the seat, the way
   * town-centre 社区 are. A centroid outside a concave cell is replaced by a point on its surface.
   */
  async lloydStep(communityDamping: number): Promise<void> {
    await this.q(
      `WITH c AS (
         SELECT code, tgeom, pt, community,
                CASE WHEN ST_Contains(cell, ST_Centroid(cell)) THEN ST_Centroid(cell) ELSE ST_PointOnSurface(cell) END AS target
         FROM gen.village_cells()
       ), m AS (
         SELECT code, tgeom, target,
                CASE WHEN community THEN
                  ST_SetSRID(ST_MakePoint(ST_X(pt) + $1::float8 * (ST_X(target) - ST_X(pt)), ST_Y(pt) + $1::float8 * (ST_Y(target) - ST_Y(pt))), 4326)
                ELSE target END AS moved
         FROM c
       )
       UPDATE gen.pts p SET pt = CASE WHEN ST_Contains(m.tgeom, m.moved) THEN m.moved ELSE m.target END
       FROM m WHERE p.code = m.code`,
      [communityDamping],
    );
  }

  /**
   * Village cells, then the whole county's village set is made a clean coverage before snapping:
   * a cell clipped by a long straight township edge gets a new vertex on that edge which its
   * neighbour across the edge lacks, and snapping that lone vertex opens slivers (~0.5 ha in
   * all). ST_CoverageClean nodes every shared edge so both sides carry the same vertices, which
   * then snap identically. Townships are re-derived as the exact union of their villages, so
   * "every village inside its township" holds by construction.
   */
  async buildVillages(): Promise<{ invalidCoverageEdges: number }> {
    await this.q(`DELETE FROM gen.villages`);
    await this.q(`INSERT INTO gen.villages SELECT code, tcode, cell FROM gen.village_cells()`);
    await this.q(`
      WITH c AS (SELECT code, ST_CoverageClean(geom, ${GRID * 10}) OVER () AS g FROM gen.villages)
      UPDATE gen.villages v SET geom = gen.clean(c.g) FROM c WHERE c.code = v.code`);
    await this.q(`
      WITH u AS (SELECT tcode, ST_CoverageUnion(geom) AS g FROM gen.villages GROUP BY tcode)
      UPDATE gen.townships t SET geom = gen.clean(u.g) FROM u WHERE u.tcode = t.code`);
    const [chk] = await this.q<{ n: number; pts: number; bad: number; bad_t: number; edges: number }>(
      `SELECT (SELECT count(*)::int FROM gen.villages) n, (SELECT count(*)::int FROM gen.pts) pts,
              (SELECT count(*)::int FROM gen.villages WHERE ST_IsEmpty(geom) OR NOT ST_IsValid(geom)) bad,
              (SELECT count(*)::int FROM gen.townships t JOIN gen.seats s USING (code)
                 WHERE ST_IsEmpty(t.geom) OR NOT ST_IsValid(t.geom) OR NOT ST_Contains(t.geom, s.pt)) bad_t,
              (SELECT count(e)::int FROM (SELECT ST_CoverageInvalidEdges(geom) OVER () e FROM gen.villages) x) edges`,
    );
    if (chk?.n !== chk?.pts || chk?.bad !== 0 || chk.bad_t !== 0) throw new Error(`village cells: ${JSON.stringify(chk)}`);
    return { invalidCoverageEdges: chk.edges };
  }

  async villages(): Promise<Stored[]> {
    return this.read('gen.villages');
  }

  private async read(table: string): Promise<Stored[]> {
    const rows = await this.q<{ code: string; g: string; a: number }>(`SELECT code, ST_AsGeoJSON(geom, 6) g, ST_Area(geom::geography) / 1e6 a FROM ${table} ORDER BY code`);
    return rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.g), areaKm2: r.a }));
  }

  /** The river clipped to the county's bounding box grown by `margin` degrees. */
  async clipRiver(river: unknown, margin: number): Promise<unknown> {
    const [r] = await this.q<{ g: string }>(
      `SELECT ST_AsGeoJSON(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ST_Expand(ST_Envelope(c.geom), $2::float8)), 6) g
       FROM gen.county c`,
      [geojson(river), margin],
    );
    return JSON.parse(r!.g);
  }
}
