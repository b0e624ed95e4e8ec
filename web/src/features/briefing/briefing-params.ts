import type { RankingMetric } from '../../api/types.ts';
import type { MapMetric } from '../url-state/view-state.ts';

export interface BriefingParams {
  /** ISO week `YYYY-Www`; null = the API's default (last week). */
  week: string | null;
  township: string | null;
  metric: RankingMetric | null;
}

const RANKING: readonly RankingMetric[] = ['disputes', 'disputeRate', 'mediationSuccessRate', 'hazards', 'hazardsOpen', 'hazardsOverdue', 'coverageRate'];

/** /briefing?week=2026-W47&township=430421110&metric=disputeRate; an empty or malformed value is left to the API's default. */
export function parseBriefingParams(search: string): BriefingParams {
  const q = new URLSearchParams(search);
  const week = q.get('week');
  const township = q.get('township');
  const metric = q.get('metric') as RankingMetric | null;
  return {
    week: week && /^\d{4}-W\d{2}$/.test(week) ? week : null,
    township: township && /^\d{9}$/.test(township) ? township : null,
    metric: metric && RANKING.includes(metric) ? metric : null,
  };
}

/** The map colours by the dashboard metric that answers the same question as the ranking. */
export function mapMetricOf(metric: RankingMetric): MapMetric {
  switch (metric) {
    case 'mediationSuccessRate':
      return 'mediationSuccessRate';
    case 'hazards':
    case 'hazardsOpen':
      return 'hazardsOpen';
    case 'hazardsOverdue':
      return 'hazardsOverdue';
    case 'coverageRate':
      return 'coverage';
    default:
      return 'disputeRate';
  }
}

export const METRIC_LABEL: Record<RankingMetric, string> = {
  disputes: '矛盾纠纷数（件）',
  disputeRate: '每千人纠纷数',
  mediationSuccessRate: '调解成功率',
  hazards: '新报隐患（件）',
  hazardsOpen: '未办结隐患（件）',
  hazardsOverdue: '超期隐患（件）',
  coverageRate: '民警走访达标率',
};

/** "2026-W47" → "2026年第47周" */
export function weekTitle(week: string): string {
  return `${week.slice(0, 4)}年第${Number(week.slice(6))}周`;
}
