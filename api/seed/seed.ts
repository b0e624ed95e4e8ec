import type { Db } from '../db/index.ts';
import { loadDataset, type Dataset } from '../../geodata/dataset.ts';
import { generateOperations } from './generate/index.ts';
import { insertGeodata } from './geodata-insert.ts';
import { insertOperations, insertRouting } from './operations-insert.ts';

export interface SeedOptions {
  seed: number;
  scale: number;
  now: Date;
  dataset?: Dataset;
}

export interface SeedResult {
  seeded: boolean;
  counts?: Record<string, number>;
  ms: number;
}

/**
 * Fills an empty database with the county dataset and synthetic operations, in one transaction.
 * A database that already holds villages is left alone, so restarts never reseed.
 */
export async function seedIfEmpty(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const t0 = Date.now();
  return db.write({}, async (h) => {
    // Serialises two servers starting against one empty PostgreSQL.
    await h.query('SELECT pg_advisory_xact_lock(4304211)');
    const [row] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM village');
    if ((row?.n ?? 0) > 0) return { seeded: false, ms: Date.now() - t0 };

    const ds = opts.dataset ?? loadDataset();
    await insertGeodata(h, ds);
    await insertRouting(h);
    const ops = generateOperations({
      seed: opts.seed,
      scale: opts.scale,
      now: opts.now,
      villages: ds.villages.features.map((f) => ({
        code: f.properties.code,
        townshipCode: f.properties.townshipCode,
        kind: f.properties.kind,
        population: f.properties.population,
        geometry: f.geometry,
      })),
    });
    await insertOperations(h, ops);
    const meta = { ...ops.meta, dataset: ds.meta.generatedFrom, datasetSeed: ds.meta.seed };
    await h.query(`INSERT INTO app_meta (key, value) VALUES ('seed', $1::jsonb)`, [JSON.stringify(meta)]);
    return { seeded: true, counts: ops.meta.counts, ms: Date.now() - t0 };
  });
}
