/**
 * npm run seed -- [--seed N] [--scale N] [--now ISO]
 * Regenerates the synthetic operations data (officers, guardians, visits, disputes, hazards)
 * in the configured database, keeping boundaries and routing rules. An empty database is
 * seeded whole. Works on the embedded database only while no server holds it.
 */
import { loadConfig } from '../api/config.ts';
import { regenerateOperations, seedIfEmpty } from '../api/seed/seed.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { openCliDb } from './cli-db.ts';

const USAGE = 'usage: npm run seed -- [--seed N] [--scale N] [--now 2026-11-28T12:00:00+08:00]';

async function main() {
  const { values: f } = cliArgsOrExit('seed', USAGE, { seed: { type: 'string' }, scale: { type: 'string' }, now: { type: 'string' } });
  const config = loadConfig();
  const seed = Number(f.seed ?? config.SEED);
  const scale = Number(f.scale ?? config.SEED_SCALE);
  const now = new Date(f.now ?? config.APP_NOW ?? Date.now());
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer\n${USAGE}`);
  if (!(scale > 0 && scale <= 50)) throw new Error(`--scale must be in (0, 50]\n${USAGE}`);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO instant\n${USAGE}`);

  const { db, where } = await openCliDb(config);
  console.log(`database: ${where}`);
  try {
    const first = await seedIfEmpty(db, { seed, scale, now });
    const r = first.seeded ? first : await regenerateOperations(db, { seed, scale, now });
    console.log(
      `${first.seeded ? 'seeded an empty database' : 'regenerated operations'}: seed ${seed}, scale ${scale}, ` +
        `${Object.entries(r.counts ?? {})
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')} in ${r.ms} ms`,
    );
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`seed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
