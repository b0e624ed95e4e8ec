import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { EChart } from './EChart.tsx';
import { type TrendPoint, trendOption } from './trend-option.ts';

/** A village's last 12 weeks; its own chunk, sharing ECharts with the other charts. */
export default function VillageTrendChart({ weekly, asOf }: { weekly: TrendPoint[]; asOf: string }) {
  const { view } = useView();
  const i18n = useI18n();
  const option = useMemo(() => trendOption(weekly, i18n, view.theme, { withVisits: true, asOf }), [weekly, i18n, view.theme, asOf]);
  return <EChart option={option} height="var(--chart-h)" label={i18n.t('weeklyTrend12')} testId="village-trend-chart" />;
}
