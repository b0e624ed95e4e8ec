import { addDays, daysBetween } from '../../../../api/contract/calendar.ts';
import { type I18n, interpolate } from '../i18n/I18nProvider.tsx';
import type { DateRange } from '../period/presets.ts';
import type { Theme } from '../url-state/view-state.ts';
import { baseOption } from './chart-options.ts';
import { CHART_COLORS } from './chart-theme.ts';
import type { EChartsCoreOption } from './echarts-setup.ts';
import { trendText } from './messages.ts';

export interface TrendPoint {
  start: string;
  /** Last day of the bucket inside the period, when the API says. */
  end?: string;
  disputes: number;
  hazards: number;
  visits?: number;
}

/** Days of its week a bucket covers: a period rarely starts on a Monday or ends on a Sunday. */
export function daysCovered(p: Pick<TrendPoint, 'start' | 'end'>, asOf?: string): number {
  if (p.end) return daysBetween(p.start, p.end) + 1;
  if (asOf && asOf >= p.start) return Math.min(7, daysBetween(p.start, asOf) + 1);
  return 7;
}

/**
 * One series as two: whole weeks solid, partial weeks dashed (joined to their neighbours). A
 * partial last week otherwise reads as a sudden fall in cases, a classic misreading in briefings.
 */
export function splitPartial(values: readonly number[], partial: readonly boolean[]): { solid: (number | null)[]; dashed: (number | null)[] } {
  const solid = values.map((v, i) => (partial[i] ? null : v));
  const dashed = values.map((v, i) => (partial[i] || partial[i - 1] || partial[i + 1] ? v : null));
  // Between two whole weeks the dashed series has nothing to draw.
  for (let i = 0; i < values.length; i++) if (!partial[i] && !partial[i - 1] && !partial[i + 1]) dashed[i] = null;
  return { solid, dashed };
}

/** Which buckets share a day with the selected period (a bucket without `end` is a whole week). */
export function selectedBuckets(points: readonly Pick<TrendPoint, 'start' | 'end'>[], selected: DateRange | null | undefined): boolean[] {
  return points.map((p) => !!selected && p.start <= selected.to && (p.end ?? addDays(p.start, 6)) >= selected.from);
}

interface AxisParam {
  dataIndex: number;
  seriesName: string;
  value: number | null;
  color: string;
}

/**
 * Weekly lines of disputes and hazards (and visits for a village), partial weeks dashed. With
 * `selected`, the weeks of that period stand on a shaded band among the weeks shown around them.
 */
export function trendOption(
  points: readonly TrendPoint[],
  i18n: I18n,
  theme: Theme,
  opts: { withVisits?: boolean; asOf?: string; selected?: DateRange | null } = {},
): EChartsCoreOption {
  const c = CHART_COLORS[theme];
  const days = points.map((p) => daysCovered(p, opts.asOf));
  const partial = days.map((d) => d < 7);
  const inSelected = selectedBuckets(points, opts.selected);
  const highlight = inSelected.some(Boolean) && !inSelected.every(Boolean);
  const tt = (key: keyof (typeof trendText)['zh']) => interpolate(trendText[i18n.lang][key]);
  const series = [
    { name: i18n.t('series_disputes'), key: 'disputes' as const, color: c.disputes },
    { name: i18n.t('series_hazards'), key: 'hazards' as const, color: c.hazards },
    ...(opts.withVisits ? [{ name: i18n.t('series_visits'), key: 'visits' as const, color: c.visits }] : []),
  ];
  const tooltipFormatter = (params: AxisParam[]) => {
    const i = params[0]?.dataIndex ?? 0;
    const p = points[i];
    if (!p) return '';
    const head = `${i18n.t('weekOf', { d: i18n.shortDate(p.start) })}${partial[i] ? ` · ${i18n.t('partialWeek', { n: days[i]! })}` : ''}${highlight && inSelected[i] ? ` · ${tt('selectedWeek')}` : ''}`;
    const rows = series.map((s) => `<span style="color:${s.color}">●</span> ${s.name}：<b>${i18n.num(p[s.key] ?? 0)}</b>`);
    return [head, ...rows].join('<br/>');
  };
  return {
    ...baseOption(theme),
    tooltip: { ...(baseOption(theme).tooltip as object), formatter: tooltipFormatter },
    legend: { top: 0, right: 0, data: series.map((s) => s.name), textStyle: { color: c.muted }, itemWidth: 14, itemHeight: 8 },
    grid: { left: 8, right: 12, top: 28, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: points.map((p) => i18n.shortDate(p.start)),
      axisLabel: { color: c.muted, hideOverlap: true },
      axisLine: { lineStyle: { color: c.grid } },
      axisTick: { show: false },
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.grid } } },
      // The band's own axis, 0..1 and unseen, so the shading fills the chart's height whatever the counts.
      ...(highlight ? [{ type: 'value', min: 0, max: 1, show: false }] : []),
    ],
    series: [
      ...(highlight ? [selectionBand(inSelected, tt('selected'), c.muted)] : []),
      ...series.flatMap((s) => {
        const { solid, dashed } = splitPartial(
          points.map((p) => p[s.key] ?? 0),
          partial,
        );
        const common = { name: s.name, type: 'line', smooth: false, itemStyle: { color: s.color }, connectNulls: false };
        return [
          { ...common, data: solid, showSymbol: points.length <= 16, lineStyle: { width: 2, color: s.color } },
          { ...common, data: dashed, showSymbol: false, lineStyle: { width: 2, color: s.color, type: 'dashed', opacity: 0.7 }, tooltip: { show: false } },
        ];
      }),
    ],
  };
}

/**
 * The selected period's weeks as full-height bars behind the lines: a bar fills its week's whole
 * band on the category axis, where a markArea between two category centres would be zero wide for
 * a single week. Left out of the legend (which lists the measures by name) and of the tooltip.
 */
function selectionBand(inSelected: readonly boolean[], name: string, color: string) {
  return {
    name,
    type: 'bar',
    yAxisIndex: 1,
    data: inSelected.map((s) => (s ? 1 : null)),
    barWidth: '100%',
    barGap: '-100%',
    silent: true,
    z: 0,
    itemStyle: { color, opacity: 0.14 },
    label: { show: false },
    tooltip: { show: false },
    emphasis: { disabled: true },
  };
}
