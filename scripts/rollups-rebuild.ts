/**
 * npm run rollups:rebuild
 * Rebuilds the rollups (case_day, case_month, visit_day, visit_month; migration 009; their township
 * sums case_township_day, case_township_month; migration 018; the open-stock deltas
 * stock_township_day, stock_township_month, stock_township_year; migration 020) and each
 * village's latest visit and report (village_latest; migration 013) from the raw dispute, hazard
 * and visit rows in one transaction, and says how far the kept ones had drifted. The coverage days
 * kept for the summary (coverage_village, coverage_rhythm; migration 015) are dropped: a running
 * server builds them again at its next summary a minute or more after it last asked, and answers
 * the same from the rollups meanwhile.
 * The triggers keep them exact on every write, so a drift means someone changed the tables
 * around them (a restore of one table, a hand edit with triggers disabled). While it runs, writes
 * of cases and visits wait for it (the rebuilds take SHARE locks): seconds at the county, minutes at
 * province scale (the stock rows alone about 24 s). Works on the embedded database only while no
 * server holds it.
 */
import { SYSTEM } from '../api/db/types.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { openCliDb } from './cli-db.ts';

const USAGE = 'usage: npm run rollups:rebuild';

const CASE_FLOWS = '(disputes_received, disputes_concluded, disputes_successful, hazards_reported) <> (0, 0, 0, 0)';
const CASE_STOCK = '(disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue) <> (0, 0, 0, 0, 0, 0)';

/** Each rebuilt table, and which of its rows count (an all-zero row, or one a delete or truncate left empty, is no drift). */
const TABLES: readonly [table: string, counted: string][] = [
  ['case_day', CASE_FLOWS],
  ['case_month', CASE_FLOWS],
  ['case_township_day', CASE_FLOWS],
  ['case_township_month', CASE_FLOWS],
  ['stock_township_day', CASE_STOCK],
  ['stock_township_month', CASE_STOCK],
  ['stock_township_year', CASE_STOCK],
  ['visit_day', 'visits <> 0'],
  ['visit_month', 'visits <> 0'],
  ['village_latest', 'at IS NOT NULL'],
];

// A fingerprint of each table's contents, so the message can say whether the rebuild changed anything
// (the names come from the list above, none from input).
const FINGERPRINT = TABLES.map(
  ([table, counted]) => `SELECT '${table}' AS tab, count(*)::int AS rows, coalesce(sum(hashtext(c::text)), 0)::text AS hash FROM ${table} c WHERE ${counted}`,
).join('\nUNION ALL\n');

type Print = { tab: string; rows: number; hash: string };

async function main() {
  cliArgsOrExit('rollups:rebuild', USAGE, {});
  // One statement reads every case: minutes on a province's ten million rows, past a request's 30 s.
  const { db, where } = await openCliDb(undefined, { statementTimeoutMs: 3_600_000 });
  console.log(`database: ${where}`);
  try {
    const t0 = Date.now();
    const { before, after } = await db.write(SYSTEM, async (h) => {
      const before = await h.query<Print>(FINGERPRINT);
      await h.query('SELECT case_rollup_rebuild(), case_stock_rebuild(), visit_rollup_rebuild(), village_latest_rebuild(), coverage_base_clear()');
      return { before, after: await h.query<Print>(FINGERPRINT) };
    });
    // VACUUM too: rewritten whole, the tables' pages are not all-visible, and the index-only scans
    // of the readers would visit the heap for every row until autovacuum came by
    await db.exec(`VACUUM ANALYZE ${TABLES.map(([table]) => table).join(', ')}`);
    for (const a of after) {
      const b = before.find((x) => x.tab === a.tab);
      const same = b && b.rows === a.rows && b.hash === a.hash;
      console.log(`${a.tab}: ${a.rows} rows${same ? ', as kept' : `, were ${b?.rows ?? 0} (the kept rows had drifted)`}`);
    }
    console.log(`rebuilt in ${Date.now() - t0} ms`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(`rollups:rebuild: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
