import type { Config } from '../config.ts';
import type { CoverageStatus } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { sqlFile } from './sql.ts';

/** Exported for queries that build on the metric rows (the village tiles): they follow its parameters. */
export const METRIC_ROWS = sqlFile(import.meta.url, 'metric-rows.sql');

export interface VillageMetricRow {
  village_code: string;
  name: string;
  township_code: string;
  township_name: string;
  population: number;
  disputes: number;
  disputes_concluded: number;
  disputes_successful: number;
  disputes_open: number;
  hazards: number;
  hazards_open: number;
  hazards_overdue: number;
  hazards_open_s1: number;
  hazards_open_s2: number;
  hazards_open_s3: number;
  hazards_open_s4: number;
  visits_quarter: number;
  coverage_status: CoverageStatus;
  expected_visits: number;
  officer_id: string | null;
  last_visit_at: string | null;
  last_report_at: string | null;
  silent: boolean;
}

/** What the metric queries take from the configuration, beside the filter. */
export interface MetricSettings {
  /** Visits per village per quarter that count as covered. */
  requiredVisits: number;
  /** Days without report or visit after which a village is silent. */
  silenceDays: number;
}

export function metricSettings(config: Pick<Config, 'COVERAGE_VISITS_PER_QUARTER' | 'SILENCE_WEEKS'>): MetricSettings {
  return { requiredVisits: config.COVERAGE_VISITS_PER_QUARTER, silenceDays: config.SILENCE_WEEKS * 7 };
}

/**
 * The parameters $1..$9 of the `.sql` files that call `village_metrics(p_from => $1, p_to => $2,
 * p_ref => $3, p_required => $4, p_township => $5, p_silence_days => $6, p_categories => $7,
 * p_statuses => $8, p_campaign => $9)`.
 */
export function villageMetricArgs(f: CaseFilter, s: MetricSettings): unknown[] {
  const p = f.period;
  return [p.start.toISOString(), p.end.toISOString(), p.ref.toISOString(), s.requiredVisits, f.township, s.silenceDays, f.categories, f.statuses, f.campaign];
}

export function villageMetricRows(h: Handle, f: CaseFilter, s: MetricSettings): Promise<VillageMetricRow[]> {
  return h.query<VillageMetricRow>(METRIC_ROWS, villageMetricArgs(f, s));
}
