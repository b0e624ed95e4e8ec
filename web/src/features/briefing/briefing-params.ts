import type { RankingMetric } from '../../api/types.ts';
import type { MapMetric } from '../url-state/view-state.ts';

export interface BriefingParams {
  /** ISO week `YYYY-Www`; null = the API's default (last week). */
  week: string | null;
  township: string | null;
  metric: RankingMetric | null;
  /** The briefing is published in Chinese only: `lang` absent, `zh` or `zh-CN`. */
  lang: 'zh';
  /** Parameters given but not honoured, each with why (zh / en): the page shows these instead of a briefing. */
  refused: string[];
}

const RANKING: readonly RankingMetric[] = ['disputes', 'disputeRate', 'mediationSuccessRate', 'hazards', 'hazardsOpen', 'hazardsOverdue', 'coverageRate'];

/**
 * /briefing?week=2026-W47&township=430421110&metric=disputeRate&lang=zh. An absent or empty value is
 * the default (last week, the county, disputeRate, Chinese); a value given but not understood is
 * refused with a message, never silently replaced by the default (a malformed week used to show
 * last week's briefing under the wrong title).
 */
export function parseBriefingParams(search: string): BriefingParams {
  const q = new URLSearchParams(search);
  const week = q.get('week') || null;
  const township = q.get('township') || null;
  const metric = (q.get('metric') || null) as RankingMetric | null;
  const lang = q.get('lang') || null;
  const refused: string[] = [];
  if (week !== null && !/^\d{4}-W\d{2}$/.test(week)) refused.push(`week=${week}：应为 ISO 周，如 2026-W47（expected an ISO week like 2026-W47）`);
  if (township !== null && !/^\d{9}$/.test(township)) refused.push(`township=${township}：应为 9 位乡镇代码（expected a 9-digit township code）`);
  if (metric !== null && !RANKING.includes(metric)) refused.push(`metric=${metric}：可选 ${RANKING.join('、')}（expected one of ${RANKING.join(', ')}）`);
  if (lang !== null && lang !== 'zh' && lang !== 'zh-CN') refused.push(`lang=${lang}：周报仅提供中文版（the briefing is published in Chinese only: lang=zh）`);
  return {
    week: week && /^\d{4}-W\d{2}$/.test(week) ? week : null,
    township: township && /^\d{9}$/.test(township) ? township : null,
    metric: metric && RANKING.includes(metric) ? metric : null,
    lang: 'zh',
    refused,
  };
}

/** An answer of the API that refuses the briefing, as the page shows it under `data-briefing-error`. */
export interface Refusal {
  /** The API's code (`week_not_started`, `invalid_request`, `forbidden`, ...). */
  code: string;
  lines: string[];
}

/**
 * Why the API refused the briefing, or null when `error` is no refusal. Every 4xx with the API's
 * error body is one (a week before 2000, an unknown township, a week not started, a scope not
 * allowed): it will not change on a retry, and the CLI waits for the marker to report it. A 401 is
 * the sign-in gate's; a 5xx or a network failure is a fault, not a refusal.
 */
export function apiRefusal(
  error: { status: number; code: string | null; message: string; body: { fields?: Record<string, string> } } | null | undefined,
  params: Pick<BriefingParams, 'week' | 'township' | 'metric'>,
): Refusal | null {
  if (!error || error.status < 400 || error.status >= 500 || error.status === 401 || !error.code) return null;
  const fields = error.body.fields ?? {};
  if (error.code === 'week_not_started') return { code: error.code, lines: [`${params.week ?? ''} 尚未开始，没有周报（${fields.week ?? 'the week has not started yet'}）`] };
  const given: Record<string, string | null> = { week: params.week, township: params.township, metric: params.metric };
  const lines = Object.entries(fields).map(([field, why]) => `${given[field] != null ? `${field}=${given[field]}` : field}：${why}`);
  return { code: error.code, lines: lines.length ? lines : [`${error.message}（HTTP ${error.status}）`] };
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
