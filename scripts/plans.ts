/**
 * npm run plans -- [--now ISO] [--days N] [--township CODE] [--village CODE]
 * Prints, as Markdown, the query plan of every statement the main read endpoints run (summary,
 * village and township layers, trend, village detail, event points, a village tile and an event
 * tile): EXPLAIN (ANALYZE, BUFFERS) of the statement exactly as the endpoint sends it, with its
 * parameters, then the statement itself for the answer. The endpoints' own query functions run
 * through a handle that records, so the plans cannot drift from the code. docs/plans.md is its
 * output on the seeded county (PostgreSQL); run it against any database to see which index each
 * query uses there (the embedded one too, while no server holds it).
 */
import { loadConfig } from '../api/config.ts';
import { addDays, shanghaiDate } from '../api/contract/calendar.ts';
import { tileOf } from '../api/contract/tiles.ts';
import type { Handle } from '../api/db/index.ts';
import { makePeriod } from '../api/domain/period.ts';
import type { CaseFilter } from '../api/filter/case-filter.ts';
import { events } from '../api/queries/events.ts';
import { townshipLayerJson, villageLayerJson } from '../api/queries/layers.ts';
import { metricSettings } from '../api/queries/metric-rows.ts';
import { summary } from '../api/queries/summary.ts';
import { eventTile, villageTile } from '../api/queries/tiles.ts';
import { trend } from '../api/queries/trend.ts';
import { villageDetail } from '../api/queries/village-detail.ts';
import { VillageHeads } from '../api/queries/village-heads.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { openCliDb } from './cli-db.ts';
import { accessPaths, bodyQueries, namedArgs } from './plan-paths.ts';

const USAGE = 'usage: npm run plans -- [--now ISO-INSTANT] [--days N] [--township CODE] [--village CODE]';

interface Recorded {
  sql: string;
  params: readonly unknown[];
  plan: string[];
}

const explain = async (h: Handle, sql: string, params: readonly unknown[]) =>
  (await h.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).map((r) => r['QUERY PLAN']);

/**
 * The functions whose own statement is shown beside a statement that calls them (PL/pgSQL hides
 * it): the name called, and the PL/pgSQL function whose statement that is (since migration 021
 * `village_metrics` is an inlined SQL dispatcher and its statement is `village_metrics_rows`').
 */
const INSIDE: [called: string, body: string][] = [['village_metrics', 'village_metrics_rows']];

const FUNCTION_SOURCE = `SELECT p.prosrc, p.proargnames[1:p.pronargs] AS names,
                               ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS types
                          FROM pg_proc p WHERE p.proname = $1 AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`;

/** Whether `when` (SQL of the call's parameters) holds; a parameter it leaves out is typed as text. */
async function taken(h: Handle, when: string, params: readonly unknown[]): Promise<boolean> {
  const unused = params.map((_, i) => i + 1).filter((n) => !new RegExp(`\\$${n}(?!\\d)`).test(when));
  const from = unused.length ? ` FROM (SELECT ${unused.map((n) => `$${n}::text`).join(', ')}) unused` : '';
  const [row] = await h.query<{ taken: boolean }>(`SELECT (${when}) AS taken${from}`, params);
  return row?.taken === true;
}

/**
 * A handle that explains each statement (ANALYZE: it runs) before running it for the caller, and
 * beside a call of a function in INSIDE, that function's own statement with the call's values
 * (planned for those values; the function keeps one generic plan, so its own may differ in detail).
 */
function recording(h: Handle, into: Recorded[]): Handle {
  // Each function's source is read once per endpoint, not once per call of it.
  const sources = new Map<string, Promise<{ prosrc: string; names: string[]; types: string[] } | undefined>>();
  const sourceOf = (fn: string) => {
    if (!sources.has(fn))
      sources.set(
        fn,
        h.query<{ prosrc: string; names: string[]; types: string[] }>(FUNCTION_SOURCE, [fn]).then((r) => r[0]),
      );
    return sources.get(fn)!;
  };
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      into.push({ sql, params, plan: await explain(h, sql, params) });
      for (const [called, fn] of INSIDE) {
        const args = namedArgs(sql, called);
        if (!args) continue;
        const src = await sourceOf(fn);
        if (!src) continue;
        // The body numbers its parameters as the call did: pass them all, as the call does.
        const passed = params.slice(0, Math.max(...args.values()));
        const statements = bodyQueries(
          src.prosrc,
          src.names.map((name, i) => ({ name, type: src.types[i]! })),
          args,
        );
        for (const [i, { when, sql: body }] of statements.entries()) {
          // of a body with two statements, the one this call runs
          if (when !== null && !(await taken(h, when, passed))) continue;
          const which = when === null ? '' : ` (its statement ${i + 1} of ${statements.length}, the one this call runs)`;
          into.push({ sql: `-- inside ${fn}(), as called above${which}\n${body}`, params, plan: await explain(h, body, passed) });
        }
      }
      return h.query<T>(sql, params);
    },
    exec: (sql) => h.exec(sql),
  };
}

const firstComment = (sql: string) =>
  sql
    .split('\n')
    .filter((l) => l.startsWith('--'))
    .slice(0, 2)
    .map((l) => l.replace(/^--\s?/, ''))
    .join(' ');

const shown = (v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 57)}...` : JSON.stringify(v));

async function main() {
  const { values: args } = cliArgsOrExit('plans', USAGE, {
    now: { type: 'string' },
    days: { type: 'string', default: '7' },
    township: { type: 'string' },
    village: { type: 'string' },
  });
  // Checked before the database is opened (the embedded one may be held by a server): a usage error.
  const now = args.now ? new Date(args.now) : new Date();
  const days = Number(args.days);
  const wrong = [
    Number.isNaN(now.getTime()) && `--now: not an instant: ${args.now}`,
    !(Number.isInteger(days) && days >= 1 && days <= 366) && `--days: a whole number of days, 1..366, not ${args.days}`,
    args.village !== undefined && !/^\d{12}$/.test(args.village) && `--village: a 12-digit village code, not ${args.village}`,
    args.township !== undefined && !/^\d{9}$/.test(args.township) && `--township: a 9-digit township code, not ${args.township}`,
  ].filter(Boolean);
  if (wrong.length) {
    console.error(`plans: ${wrong.join('; ')}\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig();
  const { db, where } = await openCliDb(config);
  try {
    const settings = metricSettings(config);
    // The village (the given one, else the first by code), its township and where it is; the township's own if given.
    const [pick] = await db.read({ kind: 'county' }, (h) =>
      h.query<{ village: string; township: string; lng: number; lat: number; known: boolean }>(
        `SELECT v.code AS village, v.township_code AS township, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat,
                $2::text IS NULL OR EXISTS (SELECT 1 FROM township t WHERE t.code = $2) AS known
           FROM village v WHERE $1::text IS NULL OR v.code = $1 ORDER BY v.code LIMIT 1`,
        [args.village ?? null, args.township ?? null],
      ),
    );
    if (!pick) throw new Error(args.village ? `no village with code ${args.village}` : 'the database holds no village: seed it first');
    if (!pick.known) throw new Error(`no township with code ${args.township}`);
    const village = pick.village;
    const township = args.township ?? pick.township;
    // The last `days` days to today, as the period picker's presets make them.
    const lastDays = (n: number) => makePeriod(addDays(shanghaiDate(now), 1 - n), shanghaiDate(now), now);
    // The zoom-12 tile around the village: a few townships, so one village_metrics call each.
    const near = tileOf(pick.lng, pick.lat, 12);
    const county: CaseFilter = { period: lastDays(days), township: null, categories: null, statuses: null, campaign: null, now };
    const ofTownship: CaseFilter = { ...county, township };
    const year: CaseFilter = { ...county, period: lastDays(365) };

    // as a server that has answered the layer before: the villages' heads kept (migration 017)
    const heads = new VillageHeads();
    await db.read({ kind: 'county' }, (h) => villageLayerJson(h, ofTownship, settings, false, heads));

    const endpoints: [string, (h: Handle) => Promise<unknown>][] = [
      ['GET /api/stats/summary (county)', (h) => summary(h, county, settings, now)],
      ['GET /api/stats/summary (one township)', (h) => summary(h, ofTownship, settings, now)],
      ['GET /api/townships (the county layer)', (h) => townshipLayerJson(h, county, settings)],
      ['GET /api/villages (one township)', (h) => villageLayerJson(h, ofTownship, settings, false, heads)],
      ['GET /api/stats/trend?interval=week (the last 365 days)', (h) => trend(h, year, 'week')],
      ['GET /api/stats/trend?interval=month (the last 365 days)', (h) => trend(h, year, 'month')],
      [`GET /api/villages/${village}`, (h) => villageDetail(h, county, settings, village)],
      ['GET /api/events (the map points)', (h) => events(h, county, { types: ['dispute', 'hazard', 'visit'], bbox: null, cap: config.EVENTS_CAP })],
      ['GET /api/tiles/villages/9/416/216.mvt', (h) => villageTile(h, db.kind, county, settings, { z: 9, x: 416, y: 216 }, config.TILE_MAX_FEATURES)],
      [
        `GET /api/tiles/villages/12/${near.x}/${near.y}.mvt (at the village: its few townships one by one)`,
        (h) => villageTile(h, db.kind, county, settings, near, config.TILE_MAX_FEATURES),
      ],
      [
        `GET /api/tiles/events/12/${near.x}/${near.y}.mvt (its villages' counts, at zoom TILE_EVENT_VILLAGES_MAX_ZOOM or less)`,
        (h) => eventTile(h, db.kind, year, ['dispute', 'hazard', 'visit'], near, config.TILE_MAX_FEATURES, { form: 'auto', villagesMaxZoom: config.TILE_EVENT_VILLAGES_MAX_ZOOM }),
      ],
      [
        `GET /api/tiles/events/12/${near.x}/${near.y}.mvt (the points: ?layer=events, a case filter, or a deeper zoom)`,
        (h) =>
          eventTile(h, db.kind, year, ['dispute', 'hazard', 'visit'], near, config.TILE_MAX_FEATURES, { form: 'events', villagesMaxZoom: config.TILE_EVENT_VILLAGES_MAX_ZOOM }),
      ],
    ];
    const head: string[] = [
      '# Query plans of the read endpoints',
      '',
      `Written by \`npm run plans -- ${process.argv.slice(2).join(' ')}\` (scripts/plans.ts): EXPLAIN (ANALYZE, BUFFERS) of every statement`,
      "each endpoint sends, with its parameters, recorded through the endpoints' own query functions. The rollups are read",
      'inside PL/pgSQL functions (`case_flow_sums`, `visit_flow_sums`, `officer_visit_sums`: a "Function Scan" here). Each',
      "holds a county statement, which reads the rollups' primary keys (day or month first) as the trend's plans show,",
      'and a township statement, which reads the township indexes of migration 010 (`case_day_township_idx`, ...) or the',
      "officer ones (and, under a chief's or an officer's policy, a third one through the village indexes of migration",
      "018, `case_day_village_idx`, ...: these plans are the county's); a superuser sees them with `LOAD 'auto_explain'; SET auto_explain.log_nested_statements = on;",
      'SET auto_explain.log_min_duration = 0`. A tile that computes its townships one by one calls village_metrics with',
      'each township: its own statement is then the one shown under "one township". The summary\'s totals come from',
      '`scope_totals` (migration 012), a PL/pgSQL function of several statements (flows, open stocks, coverage): also a',
      '"Function Scan" here, its statements seen the same way (docs/performance.md, "A summary counted, not summed").',
      '',
      `Plans on ${where} (${db.kind}), now ${now.toISOString()}, a period of ${days} days; township ${township}, village ${village}.`,
      '',
      '| endpoint | statements | ms (with the EXPLAINs) | indexes read | tables scanned whole |',
      '|---|---:|---:|---|---|',
    ];
    const body: string[] = [];
    for (const [name, run] of endpoints) {
      const recorded: Recorded[] = [];
      const t0 = performance.now();
      await db.read({ kind: 'county' }, (h) => run(recording(h, recorded)));
      const ms = (performance.now() - t0).toFixed(0);
      const paths = accessPaths(recorded.flatMap((r) => r.plan));
      head.push(`| ${name} | ${recorded.length} | ${ms} | ${paths.indexes.join(', ') || '-'} | ${paths.seqScans.join(', ') || '-'} |`);
      body.push(`## ${name}`, '');
      for (const [i, r] of recorded.entries()) {
        const firstLine = r.sql.split('\n').find((l) => l.trim() !== '') ?? '';
        body.push(`${i + 1}. ${firstComment(r.sql) || firstLine.trim().slice(0, 160)}`, '', `   parameters: ${r.params.map(shown).join(', ')}`, '', '```', ...r.plan, '```', '');
      }
    }
    process.stdout.write(`${[...head, '', ...body].join('\n')}\n`);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(`plans: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
