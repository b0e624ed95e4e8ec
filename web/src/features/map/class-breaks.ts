/**
 * Class breaks for the choropleth, from the units on screen (townships of the county, or villages
 * of one township), so a township's map is never one flat colour.
 *
 * The rule (README, "Map classes"): with at least MIN_DISTINCT distinct values, CLASSES classes
 * cut at "remaining quantiles" (each break splits the units not yet classed into equal shares of
 * the classes left, so a mass of zeros takes one class and the rest are still told apart); a
 * break is always a data value's own class start, so no class is ever empty; between the value
 * below and that value the roundest number is written, so the legend reads "5" not "4.87". With
 * fewer distinct values every value is its own class. Labels are written with as many decimals as
 * it takes for no two breaks (or values) to read the same.
 *
 * Given a `precision`, values are classed as they are shown (rounded as the tooltip and the
 * ranking write them): a village read as "7.2" is then in the class whose label holds 7.2, never
 * in "6.8–7.2" because its raw value was 7.18.
 */

/** Linear-interpolated quantile (type 7) of sorted values, p in 0..1. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** Below this many distinct values every value gets a class of its own. */
export const MIN_DISTINCT = 8;

/** Rounds to a multiple of `step` without binary noise (0.1 * 3 = 0.30000000000000004). */
export function roundToStep(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toFixed(decimalsOf(step) + 1));
}

/** Decimals a step needs: 0.05 -> 2, 0.1 -> 1, 5 -> 0. */
export function decimalsOf(step: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 12;
}

/**
 * The roundest number t with lo < t <= hi (a multiple of 1, 2 or 5 times a power of ten, the
 * coarsest that fits), so a break placed there classes every value exactly as `hi` would.
 * `integer` keeps it a whole number (counts), which `hi` then is.
 */
export function roundestBetween(lo: number, hi: number, integer: boolean): number {
  if (!(hi > lo)) return hi;
  const span = hi - lo;
  for (let e = Math.ceil(Math.log10(Math.max(Math.abs(hi), span))) + 1; e >= -12; e--) {
    if (integer && e < 0) break;
    for (const m of [5, 2, 1]) {
      const step = m * 10 ** e;
      if (integer && step < 1) continue;
      const t = roundToStep(Math.floor(hi / step + 1e-9) * step, step);
      if (t > lo && t <= hi) return t;
    }
  }
  return hi;
}

/** How a metric's values are written: decimals, of the percentage for a ratio shown as one. */
export interface Precision {
  decimals: number;
  percent?: boolean;
}

const writers = new Map<string, Intl.NumberFormat>();

/**
 * `x` as a reader sees it. Intl does the rounding, as it does on screen (half away from zero on
 * the double's exact value, percentages scaled exactly), so no value lands on the other side of
 * a break than the one its text says.
 */
export function shownValue(x: number, { decimals, percent = false }: Precision): number {
  if (!Number.isFinite(x)) return x;
  const key = `${decimals}:${percent}`;
  let w = writers.get(key);
  if (!w) {
    w = new Intl.NumberFormat('en-US', { style: percent ? 'percent' : 'decimal', useGrouping: false, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    writers.set(key, w);
  }
  const n = Number(w.format(x).replace('%', ''));
  // Back to a ratio as the double nearest its written decimal, not n / 100's binary neighbour.
  return percent ? Number((n / 100).toFixed(decimals + 2)) : n;
}

export interface Classification {
  /** Increasing thresholds: class i holds values in [t[i-1], t[i]). */
  thresholds: number[];
  /** One class per distinct value (fewer than MIN_DISTINCT of them): labels name the value. */
  perValue: boolean;
  /** The values classified, sorted (as shown, when classified at a precision). */
  sorted: number[];
  /** The precision the values were classed at; absent: as given. */
  precision?: Precision;
}

/**
 * Classes of `values` (nulls and non-finite values ignored): never an empty class, never two
 * breaks at the same value, `classes` classes when there are at least MIN_DISTINCT distinct
 * values (and at least `classes`), otherwise one class per distinct value.
 */
export function classify(values: readonly (number | null | undefined)[], opts: { classes?: number; integer?: boolean; precision?: Precision } = {}): Classification {
  const classes = opts.classes ?? 5;
  const integer = opts.integer ?? false;
  const { precision } = opts;
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const sorted = (precision ? finite.map((v) => shownValue(v, precision)) : finite).sort((a, b) => a - b);
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  const result = (thresholds: number[], perValue: boolean): Classification => ({ thresholds, perValue, sorted, ...(precision ? { precision } : {}) });
  if (distinct.length === 0) return result([], true);
  if (distinct.length < Math.max(MIN_DISTINCT, classes)) {
    // Each value its own class: a break exactly at every value after the first.
    return result(distinct.slice(1), true);
  }
  const thresholds: number[] = [];
  let at = 0; // index in `distinct` of the current class's first value
  let from = 0; // index in `sorted` of the first value not yet classed
  for (let i = 1; i < classes; i++) {
    const left = classes - i + 1; // classes still to fill, this one included
    const rest = sorted.slice(from);
    const q = rest[Math.min(rest.length - 1, Math.floor(rest.length / left))]!;
    // The first distinct value at or above the quantile, but past the current class's start and
    // leaving a distinct value for every class still to come.
    let j = distinct.findIndex((d) => d >= q);
    j = Math.max(j, at + 1);
    j = Math.min(j, distinct.length - (classes - i));
    thresholds.push(distinct[j]!);
    at = j;
    from = sorted.findIndex((v) => v >= distinct[j]!);
  }
  // Write each break as the roundest number between the value below it and itself.
  const nice = thresholds.map((t) => {
    const j = distinct.indexOf(t);
    return roundestBetween(distinct[j - 1]!, t, integer);
  });
  return result(nice, false);
}

/** Up to `classes - 1` thresholds (see `classify`); kept for callers that need only the breaks. */
export function quantileBreaks(values: readonly (number | null | undefined)[], classes: number, integer = false): number[] {
  if (classes < 2) return [];
  return classify(values, { classes, integer }).thresholds;
}

/** The class of a value: how many thresholds it reaches. */
export function classIndex(value: number, thresholds: readonly number[]): number {
  let i = 0;
  while (i < thresholds.length && value >= thresholds[i]!) i++;
  return i;
}

/** The class of a value as given (raw), read at the precision its classification was made at. */
export function classOf(c: Pick<Classification, 'thresholds' | 'precision'>, value: number): number {
  return classIndex(c.precision ? shownValue(value, c.precision) : value, c.thresholds);
}

/**
 * The fewest decimals, at least `min` and at most `max`, with which the given numbers all read
 * differently (so "7.2–7.3" never hides two breaks at 7.24 and 7.26 behind "7.2–7.2").
 */
export function distinctDecimals(numbers: readonly number[], min: number, max = 4): number {
  for (let d = min; d < max; d++) {
    const seen = new Set(numbers.map((n) => n.toFixed(d)));
    if (seen.size === new Set(numbers).size) return d;
  }
  return max;
}

/**
 * Legend text per class. Per-value classes name their value. Counts are whole numbers, so their
 * classes read as closed ranges ("3–5"); continuous values read as half-open ("< 2.5",
 * "2.5–4.0", "≥ 4.0").
 */
export function classLabels(c: Pick<Classification, 'thresholds' | 'perValue' | 'sorted'>, opts: { integer: boolean; format: (n: number) => string }): string[] {
  const f = opts.format;
  const { thresholds } = c;
  const min = c.sorted[0];
  if (min === undefined) return [];
  if (c.perValue) return [min, ...thresholds].map(f);
  const n = thresholds.length + 1;
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i === 0 ? undefined : thresholds[i - 1]!;
    const hi = i === n - 1 ? undefined : thresholds[i]!;
    if (opts.integer) {
      if (lo === undefined) {
        const top = hi! - 1;
        labels.push(min >= top ? f(top) : `${f(min)}–${f(top)}`);
      } else if (hi === undefined) labels.push(`≥ ${f(lo)}`);
      else labels.push(hi - 1 === lo ? f(lo) : `${f(lo)}–${f(hi - 1)}`);
    } else if (lo === undefined) labels.push(`< ${f(hi!)}`);
    else if (hi === undefined) labels.push(`≥ ${f(lo)}`);
    else labels.push(`${f(lo)}–${f(hi)}`);
  }
  return labels;
}
