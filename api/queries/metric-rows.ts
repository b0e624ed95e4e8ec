import type { Handle } from '../db/index.ts';
import type { CoverageStatus } from '../contract/enums.ts';
import { metricParams, type MetricContext } from './context.ts';
import { sqlFile } from './sql.ts';

const METRIC_ROWS = sqlFile(import.meta.url, 'metric-rows.sql');

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

export function villageMetricRows(h: Handle, ctx: MetricContext): Promise<VillageMetricRow[]> {
  return h.query<VillageMetricRow>(METRIC_ROWS, metricParams(ctx));
}
