import type { Totals } from '../../api/types.ts';

export type { Totals };

export const KPI_IDS = ['disputes', 'successRate', 'hazardsOpen', 'hazardsOverdue', 'coverage'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** good/bad from the county's point of view: more disputes is bad, more coverage is good. */
export type Tone = 'good' | 'bad' | 'flat' | 'none';

export interface Kpi {
  id: KpiId;
  value: number | null;
  previous: number | null;
  /** value - previous; for ratios, in ratio units (0.012 = 1.2 points). */
  delta: number | null;
  /** Whether value is a ratio 0..1 (shown as %; change in points). */
  ratio: boolean;
  tone: Tone;
}

const HIGHER_IS_BETTER: Record<KpiId, boolean> = {
  disputes: false,
  successRate: true,
  hazardsOpen: false,
  hazardsOverdue: false,
  coverage: true,
};

/** A change smaller than this reads as "no change" (half a point for ratios, nothing for counts). */
const FLAT: Record<'ratio' | 'count', number> = { ratio: 0.005, count: 0 };

/**
 * The colour of a change by what it means, not by its sign: a rise of something bad (disputes,
 * open or overdue hazards) is 'bad' (red), a rise of something good (mediation success, coverage)
 * is 'good' (green). One rule for the dashboard's KPIs, the wall's and the briefing's.
 */
export function toneByMeaning(higherIsBetter: boolean, delta: number | null, ratio: boolean): Tone {
  if (delta === null || !Number.isFinite(delta)) return 'none';
  if (Math.abs(delta) <= FLAT[ratio ? 'ratio' : 'count']) return 'flat';
  return delta > 0 === higherIsBetter ? 'good' : 'bad';
}

export function toneOf(id: KpiId, delta: number | null, ratio: boolean): Tone {
  return toneByMeaning(HIGHER_IS_BETTER[id], delta, ratio);
}

function kpi(id: KpiId, value: number | null, previous: number | null, ratio: boolean): Kpi {
  const delta = value !== null && previous !== null ? value - previous : null;
  return { id, value, previous, delta, ratio, tone: toneOf(id, delta, ratio) };
}

/** The five headline numbers of a scope and period, each against the previous period. */
export function kpisOf(current: Totals, previous: Totals): Kpi[] {
  return [
    kpi('disputes', current.disputes.total, previous.disputes.total, false),
    kpi('successRate', current.disputes.successRate, previous.disputes.successRate, true),
    kpi('hazardsOpen', current.hazards.open, previous.hazards.open, false),
    kpi('hazardsOverdue', current.hazards.overdue, previous.hazards.overdue, false),
    kpi('coverage', current.coverage.rate, previous.coverage.rate, true),
  ];
}

/**
 * Under a campaign the case figures count its tags: a previous period that ended before the campaign
 * began had none, so "+35 较上期" would say nothing. Coverage is every visit's and still compares.
 */
export function comparedUnderCampaign(id: KpiId, previousTo: string, campaignStart: string | null): boolean {
  return id === 'coverage' || campaignStart === null || previousTo >= campaignStart;
}
