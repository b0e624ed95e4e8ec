import { readFileSync } from 'node:fs';
import type { Db, Handle } from '../../db/index.ts';
import { SYSTEM } from '../../db/types.ts';
import type { Level } from './attributes.ts';
import { type BoundaryImportOptions, importParsedBoundaries } from './import.ts';
import { type FileFormat, readBoundaryFile } from './read-file.ts';
import type { BoundaryImportReport } from './report.ts';

/**
 * Helpers for the boundary-import tests. They share one seeded database with every other
 * `*.db.test.ts` of the run, so each test either rolls its transaction back or restores what it
 * committed, and the file checks at the end that the boundaries are exactly as it found them.
 */

export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
export const formatOfFixture = (name: string): FileFormat => (name.endsWith('.zip') ? 'zip' : 'geojson');

/** The import core on `h` for a fixture (or given bytes), as the API would run it. */
export async function importOn(h: Handle, fixture: string, opts: Partial<BoundaryImportOptions> = {}, bytes = fixtureBytes(fixture)): Promise<BoundaryImportReport> {
  const parsed = await readBoundaryFile(bytes, formatOfFixture(fixture));
  return importParsedBoundaries(h, parsed, { fileName: fixture, dryRun: false, sha256: 'test', ...opts });
}

/** A digest of every boundary, its display geometry and source, and the import bookkeeping. */
export async function boundaryState(h: Pick<Handle, 'query'>): Promise<Record<string, string>> {
  const [row] = await h.query<Record<string, string>>(`
    SELECT (SELECT md5(string_agg(code || boundary_source || ST_AsEWKB(geom)::text || display_geojson || ST_AsEWKB(label_point)::text, ',' ORDER BY code)) FROM village) AS villages,
           (SELECT md5(string_agg(code || boundary_source || ST_AsEWKB(geom)::text || display_geojson, ',' ORDER BY code)) FROM township) AS townships,
           (SELECT count(*)::text FROM import_batch) AS batches,
           (SELECT last_value::text || is_called::text FROM import_batch_id_seq) AS batch_sequence`);
  return row!;
}

/** Area in km² of each unit's current boundary shrunk as the fixture builder shrank it. */
export async function expectedShrunkAreas(h: Handle, level: Level, codes: readonly string[]): Promise<Map<string, number>> {
  const table = level === 'village' ? 'village' : 'township';
  const rows = await h.query<{ code: string; km2: number }>(`SELECT code, ST_Area(ST_Buffer(geom, -0.0005)::geography) / 1e6 AS km2 FROM ${table} WHERE code = ANY($1::text[])`, [
    codes,
  ]);
  return new Map(rows.map((r) => [r.code, Number(r.km2)]));
}

export interface SavedBoundaries {
  level: Level;
  rows: { code: string; ewkb: string; source: string }[];
  sequence: { last_value: string; is_called: boolean };
}

/** What a committing test must put back: the boundaries it may replace and the batch sequence. */
export async function saveBoundaries(db: Db, level: Level, codes: readonly string[]): Promise<SavedBoundaries> {
  return db.read(SYSTEM, async (h) => ({
    level,
    rows: await h.query(`SELECT code, ST_AsHexEWKB(geom) AS ewkb, boundary_source AS source FROM ${level} WHERE code = ANY($1::text[])`, [codes]),
    sequence: (await h.query<SavedBoundaries['sequence']>('SELECT last_value::text AS last_value, is_called FROM import_batch_id_seq'))[0]!,
  }));
}

/** Restores the saved boundaries (the triggers rebuild the same display geometry) and drops newer import batches. */
export async function restoreBoundaries(db: Db, saved: SavedBoundaries): Promise<void> {
  await db.write(SYSTEM, async (h) => {
    for (const r of saved.rows)
      await h.query(`UPDATE ${saved.level === 'village' ? 'village' : 'township'} SET geom = $2::text::geometry, boundary_source = $3 WHERE code = $1`, [r.code, r.ewkb, r.source]);
    await h.query(`DELETE FROM import_batch WHERE kind LIKE 'boundaries-%' AND id > $1`, [saved.sequence.is_called ? saved.sequence.last_value : 0]);
    await h.query('SELECT setval($1::regclass, $2::bigint, $3)', ['import_batch_id_seq', saved.sequence.last_value, saved.sequence.is_called]);
  });
}
