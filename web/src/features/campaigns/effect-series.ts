import type { CampaignEffect } from '../../api/types.ts';

export type EffectWeek = CampaignEffect['weeks'][number];
export type Phase = EffectWeek['phase'];
export const PHASES: readonly Phase[] = ['before', 'during', 'after'];

export interface Totals {
  targeted: number;
  other: number;
}

/** The weekly counts summed by phase: what the sentences and the chart's bands say. */
export function phaseTotals(weeks: readonly EffectWeek[]): Record<Phase, Totals> {
  const out: Record<Phase, Totals> = { before: { targeted: 0, other: 0 }, during: { targeted: 0, other: 0 }, after: { targeted: 0, other: 0 } };
  for (const w of weeks) {
    out[w.phase].targeted += w.targeted;
    out[w.phase].other += w.other;
  }
  return out;
}

export interface Box {
  width: number;
  height: number;
  /** Room for the axis labels (left) and the week labels (bottom), in the same pixels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface Bar {
  weekStart: string;
  /** Days of the week inside its phase (a phase's first or last week may be short). */
  days: number;
  phase: Phase;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface EffectChartModel {
  bars: Bar[];
  /**
   * The other categories scaled to the targeted ones' level before the campaign (other x
   * T_before / O_before): where the bars would be had they moved like everything else. Null when
   * there was nothing of the other categories before (no scale).
   */
  reference: { x: number; y: number; value: number }[] | null;
  bands: { phase: Phase; x0: number; x1: number; weeks: number }[];
  ticks: { y: number; value: number }[];
  max: number;
}

/** A "nice" top of the axis at or above `n`: 1, 2 or 5 times a power of ten. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].map((m) => m * p).find((v) => v >= n) ?? 10 * p) as number;
}

/**
 * The before/during/after chart in the box's pixels: one bar per week of the targeted
 * categories, the bands of the three phases behind them, and the other categories' reference
 * line. Pure, so a test can check where a bar lands.
 */
export function effectChartModel(weeks: readonly EffectWeek[], box: Box): EffectChartModel {
  const totals = phaseTotals(weeks);
  const scale = totals.before.other > 0 ? totals.before.targeted / totals.before.other : null;
  const refValues = scale === null ? [] : weeks.map((w) => w.other * scale);
  const max = niceMax(Math.max(0, ...weeks.map((w) => w.targeted), ...refValues));
  const plotW = Math.max(0, box.width - box.left - box.right);
  const plotH = Math.max(0, box.height - box.top - box.bottom);
  const slot = weeks.length > 0 ? plotW / weeks.length : 0;
  const barW = Math.max(1, slot * 0.7);
  const yOf = (v: number) => box.top + plotH - (v / max) * plotH;
  const bars = weeks.map((w, i) => {
    const y = yOf(w.targeted);
    return { weekStart: w.weekStart, days: w.days, phase: w.phase, value: w.targeted, x: box.left + i * slot + (slot - barW) / 2, y, w: barW, h: box.top + plotH - y };
  });
  const reference = scale === null ? null : refValues.map((value, i) => ({ x: box.left + (i + 0.5) * slot, y: yOf(value), value }));
  const bands: EffectChartModel['bands'] = [];
  weeks.forEach((w, i) => {
    const last = bands.at(-1);
    if (last && last.phase === w.phase) {
      last.x1 = box.left + (i + 1) * slot;
      last.weeks += 1;
    } else bands.push({ phase: w.phase, x0: box.left + i * slot, x1: box.left + (i + 1) * slot, weeks: 1 });
  });
  const ticks = [0, 0.5, 1].map((k) => ({ value: max * k, y: yOf(max * k) }));
  return { bars, reference, bands, ticks, max };
}
