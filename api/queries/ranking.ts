import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, type VillageMetricRow, villageMetricRows } from './metric-rows.ts';
import { rate } from './sql.ts';

export const RANKING_METRICS = ['disputes', 'disputeRate', 'mediationSuccessRate', 'hazards', 'hazardsOpen', 'hazardsOverdue', 'coverageRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];
export type RankingLevel = 'township' | 'village';

/** Residents of prior weight when smoothing a unit's dispute rate toward its parent's. */
export const SMOOTHING_RESIDENTS = 2000;
/** Below this many cases a rate is flagged as resting on few cases. */
export const LOW_COUNT = 5;

export interface RankingRow {
  rank: number;
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  population: number;
  /** The ranked value: a count, a rate per 1,000 residents, or a ratio 0..1. */
  value: number | null;
  /** The count the value rests on (cases, or villages for coverage). */
  count: number;
  /** For disputeRate: the unsmoothed rate per 1,000 residents. */
  rawValue?: number | null;
  /**
   * For coverageRate: visits made in the quarter so far (summed over a township's villages). A
   * village's rate is 0 or 1, so among equals the fewest visits rank worst, and a list can show "0/3".
   */
  visits?: number;
  lowCount: boolean;
}

export interface Ranking {
  metric: RankingMetric;
  level: RankingLevel;
  order: 'asc' | 'desc';
  rows: RankingRow[];
}

/** Sums of a unit (a village, or a township's villages). */
interface Unit {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  population: number;
  disputes: number;
  concluded: number;
  successful: number;
  hazards: number;
  hazardsOpen: number;
  hazardsOverdue: number;
  villages: number;
  met: number;
  visits: number;
}

function unitOf(r: VillageMetricRow, level: RankingLevel): Unit {
  const township = level === 'township';
  return {
    code: township ? r.township_code : r.village_code,
    name: township ? r.township_name : r.name,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    population: r.population,
    disputes: r.disputes,
    concluded: r.disputes_concluded,
    successful: r.disputes_successful,
    hazards: r.hazards,
    hazardsOpen: r.hazards_open,
    hazardsOverdue: r.hazards_overdue,
    villages: 1,
    met: r.coverage_status === 'met' ? 1 : 0,
    visits: r.visits_quarter,
  };
}

function add(a: Unit, b: Unit): Unit {
  return {
    ...a,
    population: a.population + b.population,
    disputes: a.disputes + b.disputes,
    concluded: a.concluded + b.concluded,
    successful: a.successful + b.successful,
    hazards: a.hazards + b.hazards,
    hazardsOpen: a.hazardsOpen + b.hazardsOpen,
    hazardsOverdue: a.hazardsOverdue + b.hazardsOverdue,
    villages: a.villages + b.villages,
    met: a.met + b.met,
    visits: a.visits + b.visits,
  };
}

function group(units: Unit[], key: (u: Unit) => string): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (const u of units) {
    const k = key(u);
    const prev = out.get(k);
    out.set(k, prev ? add(prev, u) : u);
  }
  return out;
}

/**
 * Dispute rate per 1,000 residents, shrunk toward the parent's rate (township for villages, county
 * for townships) with a prior of SMOOTHING_RESIDENTS residents, so a small village with two cases
 * does not top the list on noise.
 */
export function smoothedRate(cases: number, population: number, parentPer1000: number): number {
  return ((cases + (SMOOTHING_RESIDENTS / 1000) * parentPer1000) / (population + SMOOTHING_RESIDENTS)) * 1000;
}

function metricValue(metric: RankingMetric, u: Unit, parent: Unit): { value: number | null; count: number; raw?: number | null } {
  switch (metric) {
    case 'disputes':
      return { value: u.disputes, count: u.disputes };
    case 'disputeRate': {
      const parentRate = parent.population > 0 ? (parent.disputes / parent.population) * 1000 : 0;
      const raw = u.population > 0 ? (u.disputes / u.population) * 1000 : null;
      return { value: smoothedRate(u.disputes, u.population, parentRate), count: u.disputes, raw };
    }
    case 'mediationSuccessRate':
      return { value: rate(u.successful, u.concluded), count: u.concluded };
    case 'hazards':
      return { value: u.hazards, count: u.hazards };
    case 'hazardsOpen':
      return { value: u.hazardsOpen, count: u.hazardsOpen };
    case 'hazardsOverdue':
      return { value: u.hazardsOverdue, count: u.hazardsOverdue };
    case 'coverageRate':
      return { value: rate(u.met, u.villages), count: u.villages };
  }
}

/** Ranks units by a metric; ties keep code order; units without a value go last. */
export function rank(rows: readonly VillageMetricRow[], metric: RankingMetric, level: RankingLevel, order: 'asc' | 'desc'): RankingRow[] {
  const villages = rows.map((r) => unitOf(r, level));
  if (villages.length === 0) return [];
  const units = [...group(villages, (u) => u.code).values()];
  const townships = group(villages, (u) => u.townshipCode);
  const county = villages.reduce(add, {
    ...villages[0]!,
    population: 0,
    disputes: 0,
    concluded: 0,
    successful: 0,
    hazards: 0,
    hazardsOpen: 0,
    hazardsOverdue: 0,
    villages: 0,
    met: 0,
    visits: 0,
  });
  const ranked = units.map((u) => {
    const parent = level === 'village' ? townships.get(u.townshipCode)! : county;
    const v = metricValue(metric, u, parent);
    const row: RankingRow = {
      rank: 0,
      code: u.code,
      name: u.name,
      townshipCode: u.townshipCode,
      townshipName: u.townshipName,
      population: u.population,
      value: v.value,
      count: v.count,
      lowCount: metric === 'coverageRate' ? false : v.count < LOW_COUNT,
    };
    if (v.raw !== undefined) row.rawValue = v.raw;
    if (metric === 'coverageRate') row.visits = u.visits;
    return row;
  });
  const sign = order === 'desc' ? -1 : 1;
  // Coverage ties (every village short of the rule is 0) go by visits, in the same direction.
  const tie = (a: RankingRow, b: RankingRow) => (metric === 'coverageRate' ? sign * ((a.visits ?? 0) - (b.visits ?? 0)) : 0);
  ranked.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.code.localeCompare(b.code) : a.value === null ? 1 : -1;
    return sign * (a.value - b.value) || tie(a, b) || a.code.localeCompare(b.code);
  });
  for (const [i, r] of ranked.entries()) r.rank = i + 1;
  return ranked;
}

export async function ranking(
  h: Handle,
  f: CaseFilter,
  s: MetricSettings,
  q: { metric: RankingMetric; level: RankingLevel; order: 'asc' | 'desc'; limit: number },
): Promise<Ranking> {
  const rows = await villageMetricRows(h, f, s);
  return { metric: q.metric, level: q.level, order: q.order, rows: rank(rows, q.metric, q.level, q.order).slice(0, q.limit) };
}
