import { shanghaiDate } from '../contract/calendar.ts';
import type { Db } from '../db/index.ts';
import { outsideRequest } from '../db/request-signal.ts';
import { SYSTEM } from '../db/types.ts';
import { samePointPreviousQuarter } from '../domain/period.ts';

/** How soon a day this server asked for may be asked for again (another server, a write or the rollups CLI may have dropped it, or its build failed). */
export const RECHECK_MS = 60_000;

/**
 * Keeps the days of migration 015 (coverage_village, coverage_rhythm) that the live views read: the summary's "as of"
 * is now for every running period, and its comparison's the same point of the previous quarter.
 * `want(instant)` asks, in the background, for the day of an instant that falls on one of those two
 * days; any other instant (a past period's) is answered from the rollups as before, so a request can
 * never make the database build a day of its choosing. The request that asks does not wait: until the
 * day is kept, scope_coverage reads as 014 did, with the same answer. A day is asked for again only
 * by a request that comes RECHECK_MS after the last ask (no timer): a failing build is not retried
 * on every request. The embedded database has one connection: its requests wait while a build runs
 * (on PostgreSQL 21-35 ms at the county's volume).
 */
export class CoverageBase {
  private readonly askedAt = new Map<string, number>();
  /** Days whose build is queued or running: never queued twice, however long one waits. */
  private readonly pending = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  /** Days this server built (tests). */
  built = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly onError: (err: unknown) => void = (err) => console.error(JSON.stringify({ level: 'warn', msg: 'coverage_base build failed', err: String(err) })),
    /** Elapsed time for RECHECK_MS: not `now`, which APP_NOW may pin. */
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

  /** The days a live view's coverage falls on now: today's and the same day of the previous quarter. */
  liveDays(): string[] {
    const now = this.now();
    return [shanghaiDate(now), shanghaiDate(samePointPreviousQuarter(now))];
  }

  /** A summary's two instants of coverage: its "as of", and the same point of the previous quarter. */
  wantSummary(ref: Date): void {
    this.want(ref, samePointPreviousQuarter(ref));
  }

  want(...instants: Date[]): void {
    const live = this.liveDays();
    for (const at of instants) {
      const day = shanghaiDate(at);
      if (!live.includes(day)) continue;
      const asked = this.askedAt.get(day);
      if (this.pending.has(day) || (asked !== undefined && this.elapsedMs() - asked < RECHECK_MS)) continue;
      this.askedAt.set(day, this.elapsedMs());
      this.pending.add(day);
      this.queue = this.queue.then(() => this.build(day)).finally(() => this.pending.delete(day));
    }
    // a map of the few live days, not of every day a server has lived through
    for (const day of this.askedAt.keys()) if (!live.includes(day)) this.askedAt.delete(day);
  }

  /** Resolves once every build asked for so far has finished (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async build(day: string): Promise<void> {
    try {
      // not the asking request's work: its deadline or its client going away must not cancel it
      const [r] = await outsideRequest(() => this.db.write(SYSTEM, (h) => h.query<{ built: boolean }>('SELECT coverage_base_build($1::date) AS built', [day])));
      if (r?.built) this.built++;
    } catch (err) {
      // asked again after RECHECK_MS (not at once: a failing build must not follow every request);
      // meanwhile the summary reads the rollups
      this.onError(err);
    }
  }
}
