import type { Db } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';

/** A hazard with a 30-day deadline, reported at `at` in `village`, as an INSERT and its parameters. */
export function hazardInsert(id: string, village: string, at: string): [string, unknown[]] {
  return [
    `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
     SELECT $1, '消防', 2, '消防救援大队', '上报', code, $3::timestamptz, $3::timestamptz + interval '30 days', label_point FROM village WHERE code = $2`,
    [id, village, at],
  ];
}

/**
 * A ledger import of two statements (`first`, a pause, `second`) in one transaction, and an intake
 * (`intake`, one statement) started in its own while the import holds what `first` locked: the two
 * writers of the rollup tests' lock-order cases. Resolves when both have committed and `check` (run
 * then) has passed; rejects with the first failure (a deadlock's victim is answered 503). The rows
 * of `ids` are deleted afterwards.
 */
export async function importMeetsIntake(
  db: Db,
  first: [string, unknown[]],
  second: [string, unknown[]],
  intake: [string, unknown[]],
  ids: readonly string[],
  check: () => Promise<void>,
): Promise<void> {
  let started!: () => void;
  const holding = new Promise<void>((r) => (started = r));
  const importing = db.write(SYSTEM, async (h) => {
    await h.query(...first);
    started();
    await new Promise((r) => setTimeout(r, 300));
    await h.query(...second);
  });
  await holding;
  const intaking = db.write(SYSTEM, (h) => h.query(...intake));
  try {
    await Promise.all([importing, intaking]);
    await check();
  } finally {
    await Promise.allSettled([importing, intaking]);
    await db.write(SYSTEM, (h) => h.query('DELETE FROM hazard WHERE id = ANY($1)', [ids]));
  }
}
