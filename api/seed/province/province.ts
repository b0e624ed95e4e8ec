import type { Db } from '../../db/index.ts';
import { SYSTEM } from '../../db/types.ts';
import { sqlFile } from '../../queries/sql.ts';

const UNITS = sqlFile(import.meta.url, 'units.sql');
const EVENTS = sqlFile(import.meta.url, 'events.sql');

/** Units per synthetic township (village codes give it three digits). */
export const UNITS_PER_TOWNSHIP = 20;
/** Events per statement: the rollup triggers aggregate each statement's rows in memory at once. */
export const BATCH = 100_000;

export interface ProvinceOptions {
  units: number;
  events: number;
  /** Instants are spread over the `days` before `now`. */
  now: Date;
  days: number;
  /** Events already written by an interrupted run (its units kept): carry on from there. */
  resumeFrom?: number;
  /** Called after each batch with the events written so far. */
  progress?: (done: number) => void;
  /** Events per batch (BATCH unless a test wants several small ones). */
  batch?: number;
}

/** How many synthetic (99...) units the database holds already. */
export async function syntheticUnits(db: Db): Promise<number> {
  const [r] = await db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM village WHERE code LIKE '99%'`));
  return r!.n;
}

/** How many synthetic events the database holds (those of a province's units). */
export async function syntheticEvents(db: Db): Promise<number> {
  const [r] = await db.read(SYSTEM, (h) =>
    h.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM dispute WHERE village_code LIKE '99%') + (SELECT count(*) FROM hazard WHERE village_code LIKE '99%')
             + (SELECT count(*) FROM visit WHERE village_code LIKE '99%'))::int AS n`,
    ),
  );
  return r!.n;
}

/** The event tables and the instant each is ordered by (the seed writes them in that order). */
export const EVENT_TIMES = [
  ['dispute', 'received_at'],
  ['hazard', 'reported_at'],
  ['visit', 'visited_at'],
] as const;

/** The earliest and latest instant of the synthetic events (null without any). */
export async function syntheticSpan(db: Db): Promise<{ min: Date | null; max: Date | null }> {
  const spans = EVENT_TIMES.map(([table, at]) => `SELECT min(${at}) AS lo, max(${at}) AS hi FROM ${table} WHERE village_code LIKE '99%'`);
  const [r] = await db.read(SYSTEM, (h) => h.query<{ min: Date | null; max: Date | null }>(`SELECT min(lo) AS min, max(hi) AS max FROM (${spans.join(' UNION ALL ')}) x`));
  return { min: r?.min ? new Date(r.min) : null, max: r?.max ? new Date(r.max) : null };
}

/**
 * Why an interrupted run cannot carry on with these options, or null. Each batch's slice of the
 * period follows from --events, --days and --now, so a resumed run must repeat the first run's:
 * its events begin at now - days, and the last batch written ends where `held` of `events` would.
 */
export function resumeMismatch(o: { held: number; events: number; days: number; now: Date; batch?: number; min: Date | null; max: Date | null }): string | null {
  if (o.held > o.events) return `it holds ${o.held} synthetic events, more than --events ${o.events}`;
  if (o.held === 0 || !o.min || !o.max) return null;
  const batch = o.batch ?? BATCH;
  // batches commit whole: a run of these --events stops at a multiple of the batch, or ends
  if (o.held % batch !== 0 && o.held !== o.events) {
    return `it holds ${o.held} synthetic events, which a run of --events ${o.events} in batches of ${batch} never stops at: repeat the first run's --events, --days and --now`;
  }
  const DAY = 86_400_000;
  const period = o.days * DAY;
  const slice = (period * Math.min(batch, o.events)) / o.events;
  const start = o.now.getTime() - period;
  const end = o.now.getTime() - period * (1 - o.held / o.events);
  if (o.min.getTime() < start || o.min.getTime() >= start + slice || Math.abs(o.max.getTime() - end) > slice || o.max.getTime() > o.now.getTime()) {
    return `its events (${o.min.toISOString()} to ${o.max.toISOString()}) are not ${o.held} of ${o.events} over the ${o.days} days before ${o.now.toISOString()}: repeat the first run's --events, --days and --now`;
  }
  return null;
}

/** Removes the synthetic province (its events, officers, units and townships) in one transaction. */
export async function dropProvince(db: Db): Promise<void> {
  await db.write(SYSTEM, async (h) => {
    for (const t of ['visit', 'dispute', 'hazard', 'officer']) {
      await h.query(`DELETE FROM ${t} WHERE village_code LIKE '99%'`);
    }
    await h.query(`DELETE FROM village WHERE code LIKE '99%'`);
    await h.query(`DELETE FROM township WHERE code LIKE '99%'`);
  });
}

/**
 * Writes a synthetic province beside the county: `units` units and `events` events (30% disputes,
 * 50% hazards, 20% visits), units in one transaction, events in batches of BATCH, each its own
 * transaction and its own slice of the period, in time order (as live reports are stored); the
 * rollup triggers keep the sums as they go. Returns the events written.
 */
export async function seedProvince(db: Db, o: ProvinceOptions): Promise<number> {
  if (!o.resumeFrom) await db.write(SYSTEM, (h) => h.query(UNITS, [o.units, UNITS_PER_TOWNSHIP]));
  let done = o.resumeFrom ?? 0;
  while (done < o.events) {
    const n = Math.min(o.batch ?? BATCH, o.events - done);
    // the kinds' shares of the whole run so far, so that small batches keep the mix
    const disputes = Math.round((done + n) * 0.3) - Math.round(done * 0.3);
    const hazards = Math.round((done + n) * 0.5) - Math.round(done * 0.5);
    await db.write(SYSTEM, (h) => h.query(EVENTS, [done, disputes, hazards, n - disputes - hazards, o.now.toISOString(), o.days, o.events]));
    done += n;
    o.progress?.(done);
  }
  await db.exec('VACUUM ANALYZE');
  return done;
}
