/**
 * npm run seed:province -- [--units 30000] [--events 10000000] [--days 730] [--now ISO] [--replace | --resume]
 * Adds a synthetic province (湖南-sized: ~24,000 villages) beside the county, on the PostgreSQL at
 * DATABASE_URL, for `npm run bench:scale`: unit codes starting 99 (never issued by the NBS), names
 * marked 合成, grid-square boundaries west of the county, one officer per unit, and the events
 * spread over the last `days`. The county is seeded first if the database is empty. Refuses a
 * database that holds a province already unless --replace (drop it first) or --resume (an
 * interrupted run: keep its units and events, write the rest; the batches commit one by one). Not for the embedded database: ten
 * million rows there would take hours and the memory of a laptop.
 */
import { loadConfig } from '../api/config.ts';
import { openDb } from '../api/db/index.ts';
import { migrate } from '../api/db/migrate.ts';
import { SYSTEM } from '../api/db/types.ts';
import { dropProvince, EVENT_TIMES, resumeMismatch, seedProvince, syntheticEvents, syntheticSpan, syntheticUnits, UNITS_PER_TOWNSHIP } from '../api/seed/province/province.ts';
import { seedIfEmpty } from '../api/seed/seed.ts';
import { cliArgsOrExit } from './cli-args.ts';

const USAGE = 'usage: DATABASE_URL=postgres://… npm run seed:province -- [--units 30000] [--events 10000000] [--days 730] [--now ISO] [--replace | --resume]';

async function main() {
  const { values: f } = cliArgsOrExit('seed:province', USAGE, {
    units: { type: 'string', default: '30000' },
    events: { type: 'string', default: '10000000' },
    days: { type: 'string', default: '730' },
    now: { type: 'string' },
    replace: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
  });
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error(`PostgreSQL only: set DATABASE_URL\n${USAGE}`);
  const units = Number(f.units);
  const events = Number(f.events);
  const days = Number(f.days);
  const now = new Date(f.now ?? config.APP_NOW ?? Date.now());
  // 7 digits of township in the code, 3 of unit: 99TTTTTTTUUU
  if (!Number.isInteger(units) || units < 1 || units > 9_999_999 * UNITS_PER_TOWNSHIP) throw new Error(`--units must be a positive integer\n${USAGE}`);
  if (!Number.isInteger(events) || events < 0 || events > 100_000_000) throw new Error(`--events must be an integer in [0, 100000000]\n${USAGE}`);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`--days must be an integer in [1, 3650]\n${USAGE}`);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO instant\n${USAGE}`);
  if (f.replace && f.resume) throw new Error(`--replace or --resume, not both\n${USAGE}`);

  // A batch of 100,000 rows with its rollups takes seconds on two cores, more than a request's limit.
  const db = await openDb({ databaseUrl: config.DATABASE_URL, statementTimeoutMs: 600_000 });
  try {
    await migrate(db);
    await seedIfEmpty(db, { seed: config.SEED, scale: config.SEED_SCALE, now });
    const held = await syntheticUnits(db);
    if (held > 0 && !f.replace && !f.resume) {
      throw new Error(`the database holds a synthetic province already (${held} units); --replace drops it first, --resume carries on`);
    }
    if (f.resume && held !== units) throw new Error(`--resume: the database holds ${held} synthetic units, not ${units}`);
    const t0 = Date.now();
    if (held > 0 && f.replace) await dropProvince(db);
    const resumeFrom = f.resume ? await syntheticEvents(db) : 0;
    const mismatch = f.resume ? resumeMismatch({ held: resumeFrom, events, days, now, ...(await syntheticSpan(db)) }) : null;
    if (mismatch) throw new Error(`--resume: ${mismatch}`);
    let last = Date.now();
    const written = await seedProvince(db, {
      units,
      events,
      now,
      days,
      resumeFrom,
      progress: (done) => {
        if (Date.now() - last > 10_000 || done === events) {
          console.log(`${done} of ${events} events, ${Math.round((Date.now() - t0) / 1000)} s`);
          last = Date.now();
        }
      },
    });
    console.log(
      `synthetic province: ${units} units in townships of ${UNITS_PER_TOWNSHIP}, ${written} events up to ${now.toISOString()}, in ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    // Rows in time order are what the benchmark assumes (live reports are stored so): say how
    // close the tables are. Space freed by --replace, or left by the county, takes some rows out of order.
    const order = await db.read(SYSTEM, (h) =>
      h.query<{ t: string; c: number | null }>(
        `SELECT tablename AS t, correlation AS c FROM pg_stats
         WHERE schemaname = 'public' AND (tablename, attname) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY 1`,
        [EVENT_TIMES.map(([t]) => t), EVENT_TIMES.map(([, at]) => at)],
      ),
    );
    console.log(`stored order (correlation of instant and page, 1 = time order): ${order.map((r) => `${r.t} ${r.c?.toFixed(2) ?? '?'}`).join(', ')}`);
    if (order.some((r) => r.c === null || r.c < 0.9)) console.log('below 0.9: put the tables in time order with CLUSTER (README, "A synthetic province")');
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`seed:province: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
