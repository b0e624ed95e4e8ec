import { addDays, quarterStart, shanghaiDate, startOfDay } from '../contract/calendar.ts';
import { samePointPreviousQuarter } from '../domain/period.ts';

/**
 * Random but repeatable query windows for the tests that hold two answers to each other (rollups
 * against raw rows, totals against per-village sums): the same periods on every run and database.
 */
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Window {
  from: Date;
  to: Date;
  ref: Date;
  township: string | null;
}

/**
 * Periods as the API makes them: from local midnight, to a midnight or a cut instant, ref at most now;
 * about three in ten narrowed to one of `townships`.
 */
export function windows(n: number, now: Date, townships: readonly string[], seed = 16): Window[] {
  const r = random(seed);
  const midnight = (d: Date) => new Date(Math.floor((d.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000);
  return Array.from({ length: n }, (_, i) => {
    const from = new Date(midnight(now).getTime() - Math.floor(r() * 1000) * DAY);
    const days = [1, 7, 30, 31, 92, 365, 400][i % 7]!;
    const aligned = new Date(from.getTime() + days * DAY);
    // every third window ends at an instant inside a day: the comparison period of a running one
    const to = i % 3 === 2 ? new Date(aligned.getTime() - DAY + Math.floor(r() * DAY)) : aligned;
    // every fourth reads "as of" an instant inside the period: cases concluded after it do not count
    const ref = i % 4 === 3 ? new Date(from.getTime() + r() * (to.getTime() - from.getTime())) : new Date(Math.min(to.getTime() - 1, now.getTime()));
    const township = r() < 0.3 ? townships[Math.floor(r() * townships.length)]! : null;
    return { from, to, ref, township };
  });
}

/**
 * The days a test of the kept coverage days builds (migrations 015, 016): today, the comparison's
 * day, an ordinary day, a quarter's first day (its quarter is empty before midnight) and a quarter's last.
 */
export function keptDays(now: Date): string[] {
  const today = shanghaiDate(now);
  const quarterFirst = quarterStart(today);
  return [...new Set([today, shanghaiDate(samePointPreviousQuarter(now)), addDays(today, -45), quarterFirst, addDays(quarterFirst, -1)])];
}

/** Instants of a day at its edges: its midnight, a millisecond after, one drawn from `r`, its last millisecond. */
export function instantsOf(day: string, r: () => number): Date[] {
  const d0 = startOfDay(day).getTime();
  return [d0, d0 + 1, d0 + Math.floor(r() * DAY), d0 + DAY - 1].map((x) => new Date(x));
}
