import { type Dataset, loadDataset } from '../../geodata/dataset.ts';
import type { Db, Handle } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { syncIdSequences } from '../queries/intake/ids.ts';
import { generateOperations, type Operations, type SeedVillage } from './generate/index.ts';
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
  counts?: Operations['meta']['counts'];
  ms: number;
}

// Serialises two processes seeding one PostgreSQL.
const LOCK = 'SELECT pg_advisory_xact_lock(4304211)';

/** Villages as they stand in the database (generated or imported boundaries alike). */
async function villagesOf(h: Handle): Promise<SeedVillage[]> {
  const rows = await h.query<{ code: string; township_code: string; kind: SeedVillage['kind']; population: number; geometry: string }>(
    `SELECT code, township_code, kind, population, ST_AsGeoJSON(geom) AS geometry FROM village ORDER BY code`,
  );
  return rows.map((r) => ({ code: r.code, townshipCode: r.township_code, kind: r.kind, population: r.population, geometry: JSON.parse(r.geometry) }));
}

async function writeOperations(h: Handle, opts: SeedOptions): Promise<Operations> {
  const ops = generateOperations({ seed: opts.seed, scale: opts.scale, now: opts.now, villages: await villagesOf(h) });
  await insertOperations(h, ops);
  await syncIdSequences(h);
  await h.query(
    `INSERT INTO app_meta (key, value) VALUES ('seed', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(ops.meta)],
  );
  return ops;
}

/**
 * Fills an empty database with the county dataset and synthetic operations, in one transaction.
 * A database that already holds villages is left alone, so restarts never reseed.
 */
export async function seedIfEmpty(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const t0 = Date.now();
  const result = await db.write(SYSTEM, async (h): Promise<SeedResult> => {
    await h.query(LOCK);
    const [row] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM village');
    if ((row?.n ?? 0) > 0) return { seeded: false, ms: Date.now() - t0 };
    await insertGeodata(h, opts.dataset ?? loadDataset());
    await insertRouting(h);
    const ops = await writeOperations(h, opts);
    return { seeded: true, counts: ops.meta.counts, ms: Date.now() - t0 };
  });
  if (result.seeded) await analyze(db);
  return { ...result, ms: Date.now() - t0 };
}

/**
 * Fresh statistics for the planner and a visibility map for index-only scans, after a bulk
 * load (outside any transaction, as VACUUM requires).
 */
async function analyze(db: Db): Promise<void> {
  await db.exec('VACUUM ANALYZE');
}

/**
 * Replaces all synthetic operations (officers, guardians, visits, disputes, hazards) with a
 * fresh generation, keeping the boundaries and the routing rules. One transaction: a failure
 * leaves the old data in place.
 */
export async function regenerateOperations(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const t0 = Date.now();
  const ops = await db.write(SYSTEM, async (h) => {
    await h.query(LOCK);
    await h.exec('TRUNCATE visit, dispute, hazard, guardian, officer');
    return writeOperations(h, opts);
  });
  await analyze(db);
  return { seeded: true, counts: ops.meta.counts, ms: Date.now() - t0 };
}
