import type { I18n } from '../i18n/I18nProvider.tsx';
import type { Theme } from '../url-state/view-state.ts';
import { CHART_COLORS, CHART_FONT } from './chart-theme.ts';
import type { EChartsCoreOption } from './echarts-setup.ts';

export function baseOption(theme: Theme): EChartsCoreOption {
  const c = CHART_COLORS[theme];
  return {
    textStyle: { fontFamily: CHART_FONT, color: c.text },
    animation: false,
    tooltip: { trigger: 'axis', backgroundColor: c.tooltipBg, borderColor: c.grid, textStyle: { color: c.text, fontFamily: CHART_FONT } },
  };
}

/** Horizontal bars, biggest category on top. */
export function categoryOption(rows: readonly { category: string; count: number }[], i18n: I18n, theme: Theme, color: 'disputes' | 'hazards'): EChartsCoreOption {
  const c = CHART_COLORS[theme];
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  return {
    ...baseOption(theme),
    tooltip: { ...(baseOption(theme).tooltip as object), trigger: 'item' },
    grid: { left: 8, right: 36, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: c.grid } } },
    yAxis: {
      type: 'category',
      data: sorted.map((r) => i18n.vocab(r.category)),
      axisLabel: { color: c.text },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: c.grid } },
    },
    series: [
      {
        type: 'bar',
        data: sorted.map((r) => r.count),
        barMaxWidth: 14,
        itemStyle: { color: c[color], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: c.muted, formatter: (p: { value: number }) => i18n.num(p.value) },
      },
    ],
  };
}
