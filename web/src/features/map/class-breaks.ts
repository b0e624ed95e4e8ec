/**
 * Class breaks for the choropleth: quantiles of the units on screen, rounded to a step a reader
 * can say aloud ("2.5 per thousand"), so each colour holds roughly the same number of units and
 * the legend shows round numbers. Breaks follow the units on screen (townships of the county, or
 * villages of one township), so a township's map is never one flat colour.
 */

/** Linear-interpolated quantile (type 7) of sorted values, p in 0..1. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** Rounds to a multiple of `step` without binary noise (0.1 * 3 = 0.30000000000000004). */
export function roundToStep(x: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + (step.toString().includes('5') ? 1 : 0));
  return Number((Math.round(x / step) * step).toFixed(Math.min(decimals + 1, 10)));
}

/**
 * Up to `classes - 1` increasing thresholds: class i holds values in [t[i-1], t[i]). Thresholds
 * never sit at or below the minimum (the first class would be empty) nor above the maximum.
 */
export function quantileBreaks(values: readonly (number | null | undefined)[], classes: number, step: number): number[] {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0 || classes < 2) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    let t = roundToStep(quantile(sorted, i / classes), step);
    if (t <= min) t = roundToStep(min + step, step);
    if (t > max) continue;
    if (out.length === 0 || t > out[out.length - 1]!) out.push(t);
  }
  // Skewed data (most villages at 0 overdue) collapses quantiles; the classes left over split the
  // tail evenly so the few high values are still told apart.
  const missing = classes - 1 - out.length;
  if (missing > 0) {
    const base = out.length ? out[out.length - 1]! : min;
    for (let k = 1; k <= missing; k++) {
      const t = roundToStep(base + ((max - base) * k) / (missing + 1), step);
      if (t > base && t <= max && !out.includes(t)) out.push(t);
    }
    out.sort((a, b) => a - b);
  }
  return out;
}

/** The class of a value: how many thresholds it reaches. */
export function classIndex(value: number, thresholds: readonly number[]): number {
  let i = 0;
  while (i < thresholds.length && value >= thresholds[i]!) i++;
  return i;
}

/**
 * Legend text per class. Counts are whole numbers, so their classes read as closed ranges
 * ("3–5"); continuous values read as half-open ("< 2.5", "2.5–4.0", "≥ 4.0").
 */
export function classLabels(thresholds: readonly number[], opts: { integer: boolean; min?: number; format: (n: number) => string }): string[] {
  const f = opts.format;
  const n = thresholds.length + 1;
  if (thresholds.length === 0) return [opts.min !== undefined ? `≥ ${f(opts.min)}` : ''];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i === 0 ? undefined : thresholds[i - 1]!;
    const hi = i === n - 1 ? undefined : thresholds[i]!;
    if (opts.integer) {
      if (lo === undefined) {
        const top = hi! - 1;
        labels.push(opts.min !== undefined && opts.min >= top ? f(top) : `≤ ${f(top)}`);
      } else if (hi === undefined) labels.push(`≥ ${f(lo)}`);
      else labels.push(hi - 1 === lo ? f(lo) : `${f(lo)}–${f(hi - 1)}`);
    } else if (lo === undefined) labels.push(`< ${f(hi!)}`);
    else if (hi === undefined) labels.push(`≥ ${f(lo)}`);
    else labels.push(`${f(lo)}–${f(hi)}`);
  }
  return labels;
}
