/**
 * What the dataset generator runs on, from api/: an embedded PGlite with PostGIS and the GCJ-02
 * conversion. geodata/ imports nothing from api/ (api/seed reads the dataset, so the dependency
 * goes one way); the CLI (scripts/geodata.ts) and the tests that need a database get both here.
 */
import { gcj02ToWgs84 } from '../api/contract/gcj02.ts';
import { openPglite } from '../api/db/pglite.ts';
import { SYSTEM } from '../api/db/types.ts';
import type { DatasetMeta } from '../geodata/dataset.ts';
import { type GenerateOptions, generate } from '../geodata/generator/generate.ts';
import type { GeoSql } from '../geodata/generator/postgis.ts';

export interface GeoDatabase {
  /** Runs `fn` in one transaction with every row visible (the database is the generator's own). */
  transaction<T>(fn: (sql: GeoSql) => Promise<T>): Promise<T>;
  /** Runs the generator in one transaction; the database can serve several runs. */
  generate(opts: Omit<GenerateOptions, 'sql' | 'gcj02ToWgs84'>): Promise<DatasetMeta>;
  close(): Promise<void>;
}

/** An in-memory PGlite: a cold start of a few seconds, so open one and reuse it. */
export async function openGeoDatabase(): Promise<GeoDatabase> {
  const db = await openPglite();
  const transaction = <T>(fn: (sql: GeoSql) => Promise<T>) => db.write(SYSTEM, fn);
  return {
    transaction,
    generate: (opts) => transaction((sql) => generate({ ...opts, sql, gcj02ToWgs84 })),
    close: () => db.close(),
  };
}
