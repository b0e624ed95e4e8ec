/**
 * npm run bench:api [-- --n 200 --scale 1]
 * For the summary, the village layer and a village detail: p50/p95 over HTTP, and the p50 of the
 * same query run directly on the database, with their ratio. Runs on a fresh in-memory PGlite,
 * or on the PostgreSQL at DATABASE_URL (seeded first if empty). Prints figures; asserts nothing.
 */

import { loadConfig } from '../api/config.ts';
import { type Db, openDb } from '../api/db/index.ts';
import { migrate } from '../api/db/migrate.ts';
import { SYSTEM } from '../api/db/types.ts';
import { resolvePeriod } from '../api/domain/period.ts';
import type { CaseFilter } from '../api/filter/case-filter.ts';
import { villageLayerJson } from '../api/queries/layers.ts';
import { metricSettings } from '../api/queries/metric-rows.ts';
import { summary } from '../api/queries/summary.ts';
import { villageDetail } from '../api/queries/village-detail.ts';
import { VillageHeads } from '../api/queries/village-heads.ts';
import { seedIfEmpty } from '../api/seed/seed.ts';
import { startBenchServer } from './bench-server.ts';
import { cliArgsOrExit } from './cli-args.ts';

const { values: f } = cliArgsOrExit('bench:api', 'usage: npm run bench:api [-- --n 200 --scale 1]', {
  n: { type: 'string', default: '200' },
  scale: { type: 'string', default: '1' },
});
const N = Number(f.n);
const SCALE = Number(f.scale);
const WARMUP = 20;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Times two ways of getting the same answer, interleaved so machine noise hits both alike. */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < N; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [ta, tb];
}

async function main() {
  // The answer cache off: this measures what each request costs the database, not a cache hit.
  const config = loadConfig({ ...process.env, LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0' });
  const t0 = Date.now();
  const db: Db = await openDb({ databaseUrl: config.DATABASE_URL });
  await migrate(db);
  const now = new Date();
  const seeded = await seedIfEmpty(db, { seed: config.SEED, scale: SCALE, now });
  console.log(
    `database: ${db.kind}${config.DATABASE_URL ? '' : ' (in memory)'}, ready in ${Date.now() - t0} ms${seeded.seeded ? `, seeded at scale ${SCALE}` : ', already seeded'}`,
  );

  const server = await startBenchServer(db, config, now);

  // What the API resolves for a county user who sets no filter.
  const filter: CaseFilter = { period: resolvePeriod({}, now), township: null, categories: null, statuses: null, campaign: null, now };
  const settings = metricSettings(config);
  const heads = new VillageHeads();
  const [village] = await db.read(SYSTEM, (h) => h.query<{ code: string }>(`SELECT code FROM village WHERE township_code = '430421110' ORDER BY code LIMIT 1`));
  const code = village!.code;

  const cases: { name: string; path: string; direct: () => Promise<unknown>; target?: string }[] = [
    { name: 'summary', path: '/api/stats/summary', direct: () => db.read({ kind: 'county' }, (h) => summary(h, filter, settings, now)) },
    {
      name: 'villages (layer)',
      path: '/api/villages',
      // the heads kept across calls, as the server keeps them (migration 017)
      direct: () => db.read({ kind: 'county' }, (h) => villageLayerJson(h, filter, settings, false, heads)),
      target: db.kind === 'postgres' ? 'p95 <= 30 ms' : 'p95 <= 120 ms',
    },
    { name: 'village detail', path: `/api/villages/${code}`, direct: () => db.read({ kind: 'county' }, (h) => villageDetail(h, filter, settings, code)) },
  ];

  console.log(`\n${N} sequential requests each after ${WARMUP} warm-up; milliseconds\n`);
  console.log('endpoint            http p50  http p95   sql p50   ratio  target');
  for (const c of cases) {
    const [http, sql] = await timePair(async () => {
      const res = await server.get(c.path);
      if (!res.ok) throw new Error(`${c.path}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }, c.direct);
    const ratio = pct(http, 50) / pct(sql, 50);
    console.log(
      `${c.name.padEnd(18)} ${pct(http, 50).toFixed(1).padStart(9)} ${pct(http, 95).toFixed(1).padStart(9)} ${pct(sql, 50).toFixed(1).padStart(9)} ${ratio.toFixed(2).padStart(7)}  ${[c.target, 'ratio <= 1.15'].filter(Boolean).join(', ')}`,
    );
  }
  server.close();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
