/**
 * npm run bench:scale [-- --db 1=postgres://…/h1 --db 10=postgres://…/h10 --db province=postgres://…/p] [--n 100] [--warmup 10] [--now ISO]
 * How the answers' cost grows with the rows stored: p50/p95 over HTTP, answer cache off, of the
 * summary (12 months and the running week), the village layer, a township's week summary and layer
 * (as the county, then as its chief under row-level security: a `bench-chief-<code>` account
 * enabled for the run and disabled after it), a village and an event tile, the trend and a village
 * detail, at each scale given, and each scale's p95 over the first's.
 * Each `--db scale=url` names a PostgreSQL database for that scale (seeded at it if empty; make
 * them with scripts/pg-cluster.sh and createdb; a database it seeds it vacuums before measuring); with none,
 * in-memory PGlite at scales 1 and 10.
 * Prints figures; asserts nothing (benchmarks are not tests).
 */

import { loadConfig } from '../api/config.ts';
import { addDays, shanghaiDate } from '../api/contract/calendar.ts';
import { tileOf } from '../api/contract/tiles.ts';
import { openDb } from '../api/db/index.ts';
import { migrate } from '../api/db/migrate.ts';
import { SYSTEM } from '../api/db/types.ts';
import { CoverageBase } from '../api/queries/coverage-base.ts';
import { seedIfEmpty } from '../api/seed/seed.ts';
import { benchChief, startBenchServer } from './bench-server.ts';
import { cliArgsOrExit } from './cli-args.ts';

const USAGE = 'usage: npm run bench:scale [-- --db 1=postgres://…/h1 --db 10=postgres://…/h10] [--n 100] [--warmup 10] [--now 2026-11-28T12:00:00+08:00]';
const { values: f } = cliArgsOrExit('bench:scale', USAGE, {
  db: { type: 'string', multiple: true },
  n: { type: 'string', default: '100' },
  warmup: { type: 'string', default: '10' },
  now: { type: 'string', default: '2026-11-28T12:00:00+08:00' },
});
const N = Number(f.n);
const NOW = new Date(f.now);
const WARMUP = Number(f.warmup);
if (!(N > 0) || !(WARMUP >= 0) || Number.isNaN(NOW.getTime())) throw new Error(USAGE);

// A label that is a number is the scale an empty database is seeded at; any other (`province`)
// names a database seeded beforehand (npm run seed:province).
const targets: { label: string; url?: string }[] = (f.db ?? []).map((s) => {
  const m = /^([\w.]{1,20})=(postgres(?:ql)?:\/\/.+)$/.exec(s);
  if (!m) throw new Error(`--db ${s}: expected label=postgres://…\n${USAGE}`);
  return { label: m[1]!, url: m[2] };
});
if (targets.length === 0) targets.push({ label: '1' }, { label: '10' });

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

type Figures = Map<string, { p50: number; p95: number; bytes: number }>;

async function measure(label: string, url: string | undefined): Promise<{ figures: Figures; rows: string }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url ?? '', LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0' });
  const db = await openDb({ databaseUrl: url });
  await migrate(db);
  const t0 = Date.now();
  const scale = Number(label);
  if (!(scale > 0)) {
    const [any] = await db.read(SYSTEM, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM village'));
    if (!any!.n) throw new Error(`--db ${label}=…: an empty database needs a numeric label (the scale to seed it at)`);
  }
  const seeded = await seedIfEmpty(db, { seed: config.SEED, scale: scale > 0 ? scale : 1, now: NOW });
  const seedMs = Date.now() - t0;
  // Tables just written have no visibility map: their index-only scans visit the heap for every
  // row until autovacuum comes by, at a time of its choosing. A server in service reads vacuumed
  // tables; so does the benchmark, from its first sample.
  if (seeded.seeded) await db.exec('VACUUM ANALYZE');
  const [counts] = await db.read(SYSTEM, (h) =>
    h.query<{ d: number; h: number; v: number; u: number }>(
      `SELECT (SELECT count(*) FROM dispute)::int AS d, (SELECT count(*) FROM hazard)::int AS h, (SELECT count(*) FROM visit)::int AS v, (SELECT count(*) FROM village)::int AS u`,
    ),
  );
  const rows = `${counts!.u} units, ${counts!.d} disputes, ${counts!.h} hazards, ${counts!.v} visits${seeded.seeded ? ` (seeded in ${seedMs} ms, then vacuumed)` : ''}`;
  console.log(`${label}: ${db.kind}, ${rows}`);

  // the summary's kept coverage days (migration 015), built in the background as a running server
  // builds them; each endpoint's warm-up waits for them, so the samples read what a server that
  // has answered a summary today reads
  const coverageBase = new CoverageBase(db, () => NOW);
  const server = await startBenchServer(db, config, NOW, coverageBase);

  const [seat] = await db.read(SYSTEM, (h) =>
    h.query<{ lng: number; lat: number; code: string; township: string }>(
      `SELECT ST_X(t.seat) AS lng, ST_Y(t.seat) AS lat, (SELECT min(code) FROM village WHERE township_code = t.code) AS code, t.code AS township
         FROM township t ORDER BY t.code LIMIT 1`,
    ),
  );
  const tile = tileOf(seat!.lng, seat!.lat, 12);
  const today = shanghaiDate(NOW);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const chief = await benchChief(db, server.base, seat!.township);
  const paths: [string, string, ((path: string) => Promise<Response>)?][] = [
    ['summary (12 months)', '/api/stats/summary'],
    ['summary (this week)', `/api/stats/summary?from=${monday}&to=${today}`],
    ['villages layer', '/api/villages'],
    // a township chief's (or a leader's drill-down): what one township costs as the rows grow elsewhere
    ['summary (a township, week)', `/api/stats/summary?from=${monday}&to=${today}&township=${seat!.township}`],
    ['villages (a township)', `/api/villages?township=${seat!.township}`],
    // the same as the township's chief, under their row-level security (migration 018)
    ['summary (its chief, week)', `/api/stats/summary?from=${monday}&to=${today}&township=${seat!.township}`, chief.get],
    ['villages (its chief)', `/api/villages?township=${seat!.township}`, chief.get],
    ['villages tile z12', `/api/tiles/villages/12/${tile.x}/${tile.y}.mvt`],
    ['events tile z12', `/api/tiles/events/12/${tile.x}/${tile.y}.mvt`],
    // a case filter: always the points (the rollups carry no category), whose answer grows with the events
    ['events tile z12, a category', `/api/tiles/events/12/${tile.x}/${tile.y}.mvt?category=${encodeURIComponent('邻里纠纷')}`],
    ['trend (12 months)', '/api/stats/trend?interval=month'],
    ['village detail', `/api/villages/${seat!.code}`],
  ];
  // A synthetic province (npm run seed:province): its tiles too, around its last township's seat.
  const [far] = await db.read(SYSTEM, (h) =>
    h.query<{ lng: number; lat: number }>(`SELECT ST_X(seat) AS lng, ST_Y(seat) AS lat FROM township WHERE code LIKE '99%' ORDER BY code DESC LIMIT 1`),
  );
  if (far) {
    const t = tileOf(far.lng, far.lat, 12);
    paths.push(['villages tile (prov.)', `/api/tiles/villages/12/${t.x}/${t.y}.mvt`], ['events tile (prov.)', `/api/tiles/events/12/${t.x}/${t.y}.mvt`]);
  }
  const figures: Figures = new Map();
  try {
    for (const [name, path, get = server.get] of paths) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARMUP + N; i++) {
        const t = performance.now();
        const res = await get(path);
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
        bytes = (await res.arrayBuffer()).byteLength;
        if (i >= WARMUP) times.push(performance.now() - t);
        if (i === WARMUP - 1) await coverageBase.settled();
      }
      figures.set(name, { p50: pct(times, 50), p95: pct(times, 95), bytes });
    }
  } finally {
    // the account is disabled again even when a request failed
    await chief.done();
  }
  server.close();
  await db.close();
  return { figures, rows };
}

async function main() {
  const runs: { label: string; figures: Figures }[] = [];
  for (const t of targets) runs.push({ label: t.label, ...(await measure(t.label, t.url)) });
  const first = runs[0]!;
  console.log(`\n${N} sequential requests per endpoint after ${WARMUP} warm-up, cache off; milliseconds; now = ${f.now}\n`);
  const head = runs.map((r) => `${`${r.label} p50`.padStart(10)}${`p95`.padStart(8)}`).join('');
  const growth = runs
    .slice(1)
    .map((r) => `p95 ${r.label}/${first.label}`.padStart(16))
    .join('');
  console.log(`${'endpoint'.padEnd(28)}${head}${growth}`);
  const names = [...new Set(runs.flatMap((r) => [...r.figures.keys()]))];
  for (const name of names) {
    const cells = runs.map((r) => {
      const x = r.figures.get(name);
      return x ? `${x.p50.toFixed(1).padStart(10)}${x.p95.toFixed(1).padStart(8)}` : `${'-'.padStart(10)}${'-'.padStart(8)}`;
    });
    const base = first.figures.get(name);
    const ratios = runs.slice(1).map((r) => {
      const x = r.figures.get(name);
      return (x && base ? (x.p95 / base.p95).toFixed(2) : '-').padStart(16);
    });
    console.log(`${name.padEnd(28)}${cells.join('')}${ratios.join('')}`);
  }
  console.log('\nanswer sizes (bytes as decoded):');
  for (const r of runs) console.log(`  ${r.label}: ${[...r.figures].map(([n, x]) => `${n} ${x.bytes}`).join(', ')}`);
}

main().catch((e) => {
  console.error(`bench:scale: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
