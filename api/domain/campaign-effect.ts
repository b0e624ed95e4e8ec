import { addDays, daysBetween } from '../contract/calendar.ts';

/**
 * What a campaign changed, as far as counts can say: the cases of its targeted categories before
 * it (a window as long as the campaign so far) and during it, compared with the cases of the other
 * categories over the same windows. Pure, so the arithmetic is tested against hand-made series.
 *
 * The estimate is a difference-in-differences on log ratios:
 *   value = log(T_during / T_before) - log(O_during / O_before) = log((T_d/T_b) / (O_d/O_b))
 * i.e. how much more (value > 0) or less (value < 0) the targeted categories changed than the
 * others did. Each count is taken as Poisson, so the variance of the log of a count is about
 * 1 / count, and var(value) = 1/T_b + 1/T_d + 1/O_b + 1/O_d (delta method); the interval is
 * value ± z·sqrt(var) at the stated level, and `ratio` is exp of the three. With a count under
 * the minimum there is no estimate (`insufficient_cases`); under the small-count threshold the
 * estimate is given and flagged `small`.
 */

export interface EffectCounts {
  targetedBefore: number;
  targetedDuring: number;
  otherBefore: number;
  otherDuring: number;
}

export interface EffectSettings {
  /** Any of the four counts below this flags the estimate (and a township's change) as small. */
  smallCount: number;
  /** Any of the four counts below this: no estimate at all. */
  minCases: number;
}

export const EFFECT_LEVEL = 0.9;
/** The standard normal quantile for a two-sided 90% interval. */
const Z_90 = 1.6448536269514722;

export interface Estimate {
  kind: 'did_log_ratio';
  value: number | null;
  low: number | null;
  high: number | null;
  level: number;
  small: boolean;
  note: 'insufficient_cases' | null;
}

export interface Ratio {
  value: number | null;
  low: number | null;
  high: number | null;
}

export function didEstimate(c: EffectCounts, s: EffectSettings): { estimate: Estimate; ratio: Ratio } {
  const counts = [c.targetedBefore, c.targetedDuring, c.otherBefore, c.otherDuring];
  const small = counts.some((n) => n < s.smallCount);
  if (counts.some((n) => n < Math.max(1, s.minCases))) {
    return {
      estimate: { kind: 'did_log_ratio', value: null, low: null, high: null, level: EFFECT_LEVEL, small, note: 'insufficient_cases' },
      ratio: { value: null, low: null, high: null },
    };
  }
  const value = Math.log(c.targetedDuring / c.targetedBefore) - Math.log(c.otherDuring / c.otherBefore);
  const se = Math.sqrt(counts.reduce((a, n) => a + 1 / n, 0));
  const low = value - Z_90 * se;
  const high = value + Z_90 * se;
  return {
    estimate: { kind: 'did_log_ratio', value, low, high, level: EFFECT_LEVEL, small, note: null },
    ratio: { value: Math.exp(value), low: Math.exp(low), high: Math.exp(high) },
  };
}

export interface Window {
  from: string;
  to: string;
}

export interface EffectWindows {
  before: Window;
  during: Window;
  after: Window | null;
}

/**
 * The windows of a campaign seen on `today` (Asia/Shanghai), whole days only (today is still
 * running and is left out): during = its start to its end or yesterday; before = as many days just
 * before the start; after = from the day after its end, as many days, up to yesterday (null until
 * a day has passed since it ended). Null while no whole day of the campaign has passed.
 */
export function effectWindows(start: string, end: string, today: string): EffectWindows | null {
  const yesterday = addDays(today, -1);
  const duringTo = end < yesterday ? end : yesterday;
  if (duringTo < start) return null;
  const days = daysBetween(start, duringTo) + 1;
  const before = { from: addDays(start, -days), to: addDays(start, -1) };
  const afterFrom = addDays(end, 1);
  const afterTo = [addDays(end, days), yesterday].sort()[0]!;
  return { before, during: { from: start, to: duringTo }, after: afterFrom <= afterTo ? { from: afterFrom, to: afterTo } : null };
}

export type Phase = 'before' | 'during' | 'after';

export interface EffectWeek {
  weekStart: string;
  /** Days of the week inside its phase's window (the first week before and the last ones may be short). */
  days: number;
  phase: Phase;
  targeted: number;
  other: number;
}

/**
 * Seven-day blocks counted from the campaign's start (backwards for "before") and from the day
 * after its end (for "after"), so no block mixes two phases. `block` numbers them as the SQL does:
 * before -1, -2, ... (the week just before the start is -1), during and after 0, 1, ...
 */
export function weekOf(w: EffectWindows, phase: Phase, block: number): { weekStart: string; days: number } {
  const win = phase === 'after' ? w.after : w[phase];
  if (!win) throw new Error('no after window');
  const anchor = phase === 'after' ? win.from : w.during.from;
  const from = addDays(anchor, 7 * block);
  // ISO dates compare as strings: the later of the two starts, the earlier of the two ends.
  const start = [from, win.from].sort()[1]!;
  const end = [addDays(from, 6), win.to].sort()[0]!;
  return { weekStart: start, days: daysBetween(start, end) + 1 };
}

/** Every week of the windows, in order, with zero counts: the series has no gaps. */
export function emptyWeeks(w: EffectWindows): (EffectWeek & { block: number })[] {
  const out: (EffectWeek & { block: number })[] = [];
  const span = (win: Window, anchor: string) => ({ first: Math.floor(daysBetween(anchor, win.from) / 7), last: Math.floor(daysBetween(anchor, win.to) / 7) });
  const phases: [Phase, Window | null, string][] = [
    ['before', w.before, w.during.from],
    ['during', w.during, w.during.from],
    ['after', w.after, w.after?.from ?? ''],
  ];
  for (const [phase, win, anchor] of phases) {
    if (!win) continue;
    const { first, last } = span(win, anchor);
    for (let block = first; block <= last; block++) out.push({ ...weekOf(w, phase, block), block, phase, targeted: 0, other: 0 });
  }
  return out;
}

/** A township's change during against before: null with nothing before; small under the threshold. */
export function townshipChange(before: number, during: number, s: Pick<EffectSettings, 'smallCount'>): { changeRate: number | null; small: boolean } {
  return { changeRate: before > 0 ? (during - before) / before : null, small: before < s.smallCount || during < s.smallCount };
}
