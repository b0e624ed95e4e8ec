import type { Briefing } from '../../api/types.ts';
import { formatQuarter, formatShortDate } from '../i18n/format.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { comparisonLabels, formatShortDateTime } from '../kpis/period-label.ts';
import { METRICS, metricLabelKey, type Period } from '../map/metrics.ts';
import type { MapMetric } from '../url-state/view-state.ts';
import { METRIC_LABEL, mapMetricOf } from './briefing-params.ts';

const ZH = makeI18n('zh');

export type BriefingMapFacts = Pick<Briefing, 'metric' | 'from' | 'to' | 'partial' | 'asOf' | 'scope'> & {
  summary: Pick<Briefing['summary'], 'period' | 'previousPeriod'>;
  coverage: Pick<Briefing['coverage'], 'quarterStart' | 'quarterEnd'>;
};

/** What the briefing's map shows, every part naming the one quantity the map is coloured by. */
export interface BriefingMapLabels {
  /** The quantity the map is coloured by (the legend's scale is built from it). */
  metric: MapMetric;
  /** The period the colours cover: the week, or for coverage its quarter. */
  period: Period;
  /** "各乡镇每万人纠纷数": the same label the legend's title starts with. */
  heading: string;
  /** Said when the ranking's quantity is not the map's (the map has no colour for raw counts). */
  note: string | null;
  /** The legend's period line: the week's dates, up to when while it runs, or coverage's quarter. */
  legendPeriod: string;
}

/**
 * The map card's labels. The heading and the legend follow the metric the map is coloured by, not
 * the ranking's: metric=disputes used to be headed "矛盾纠纷数（件）" over a map and legend of
 * dispute rates. Counts are not drawn as a choropleth (a populous township would be dark for its
 * size), so disputes are mapped as the rate and the ranking's own quantity is named in a note.
 */
export function briefingMapLabels(b: BriefingMapFacts): BriefingMapLabels {
  const metric = mapMetricOf(b.metric);
  const week = { from: b.from, to: b.to };
  const period = metric === 'coverage' ? { from: b.coverage.quarterStart, to: b.coverage.quarterEnd } : week;
  const label = ZH.t(metricLabelKey(metric, week));
  const level = b.scope.level === 'county' ? '各乡镇' : '各村（社区）';
  const note = METRICS[metric].ranking === b.metric ? null : `地图按${label}着色；排名按${METRIC_LABEL[b.metric]}`;
  return { metric, period, heading: `${level}${label}`, note, legendPeriod: legendPeriod(b, metric) };
}

/** Up to when the figures count: now while the week runs, else the end of its Sunday. */
function asOfText(b: BriefingMapFacts): string {
  return b.partial ? formatShortDateTime(b.asOf, 'zh') : `${formatShortDate(b.to, 'zh')} 24:00`;
}

function legendPeriod(b: BriefingMapFacts, metric: MapMetric): string {
  // Coverage counts visits in the quarter of the week's end, up to the same instant as the week.
  if (metric === 'coverage') return `${quarterName(b.coverage.quarterStart)}（截至 ${asOfText(b)}）`;
  const running = comparisonLabels(b.summary, ZH).asOf;
  // The same words as the page header ("截至 12月2日 13:00（本周未完）"), so a running week's legend never
  // names a Sunday its figures have not reached.
  return running ? `${ZH.date(b.from)}起 · ${running}` : ZH.range(b.from, b.to);
}

/** "2026-10-01" → "2026年第4季度" */
export function quarterName(quarterStart: string): string {
  return formatQuarter(quarterStart, 'zh');
}
