import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { hasFilters } from '../filters/api-filters.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { StaleMark, usePanelShow, Waiting } from '../outage/PanelStatus.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { EVENT_KINDS } from '../url-state/view-state.ts';
import { categorySource } from './category-source.ts';
import { categoryOption } from './chart-options.ts';
import { EChart } from './EChart.tsx';
import { trendText } from './messages.ts';
import { trendOption } from './trend-option.ts';
import { weeksTouched } from './trend-window.ts';
import { useTrend } from './useTrend.ts';

function TrendSection() {
  const { view } = useView();
  const i18n = useI18n();
  const tt = useLocalText(trendText);
  const trend = useTrend();
  const selected = trend.window?.selected ?? null;
  const option = useMemo(() => (trend.buckets ? trendOption(trend.buckets, i18n, view.theme, { selected }) : null), [trend.buckets, i18n, view.theme, selected]);
  const panel = { ...trend, data: trend.buckets };
  const show = usePanelShow(panel);
  return (
    <section className="panel-section" aria-labelledby="trend-title">
      <h2 id="trend-title" className="section-title">
        {i18n.t('trendTitle')}
        {trend.filtered && <span className="chip">{i18n.t('filteredByCategory')}</span>}
        <StaleMark query={panel} />
      </h2>
      {selected && trend.window && (
        <p className="section-sub trend-context" data-testid="trend-context">
          {tt('contextSub', { range: i18n.range(selected.from, selected.to), n: i18n.num(trend.window.contextWeeks), total: i18n.num(weeksTouched(trend.window)) })}
        </p>
      )}
      {option ? (
        <EChart option={option} height="var(--chart-h)" label={i18n.t('trendTitle')} testId="trend-chart" />
      ) : show === 'waiting' ? (
        <Waiting />
      ) : show === 'error' ? (
        <ErrorBlock error={trend.error} onRetry={trend.refetch} />
      ) : (
        <Skeleton lines={4} height="1.6rem" />
      )}
    </section>
  );
}

function CategorySection() {
  const { view, update } = useView();
  const i18n = useI18n();
  const kind = view.events;
  const breakdown = useQuery(categorySource(useCaseFilter(), kind));
  const show = usePanelShow(breakdown);
  const option = useMemo(
    () => (breakdown.data ? categoryOption(breakdown.data.rows, i18n, view.theme, kind === 'dispute' ? 'disputes' : 'hazards') : null),
    [breakdown.data, i18n, view.theme, kind],
  );
  return (
    <section className="panel-section" aria-labelledby="category-title">
      <h2 id="category-title" className="section-title">
        {i18n.t('categoryTitle')}
        <span className="segmented small" role="radiogroup" aria-label={i18n.t('eventType')}>
          {EVENT_KINDS.map((k) => (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control of styled buttons; native radio inputs would change its look and keyboard use (arrow keys, one tab stop)
            <button key={k} type="button" role="radio" aria-checked={kind === k} className={kind === k ? 'on' : ''} onClick={() => update({ events: k })}>
              {i18n.t(`event_${k}`)}
            </button>
          ))}
        </span>
        {hasFilters(view) && <span className="chip">{i18n.t('filteredByCategory')}</span>}
        <StaleMark query={breakdown} />
      </h2>
      {option ? (
        <EChart option={option} height="var(--chart-cat-h)" label={i18n.t('categoryTitle')} testId="category-chart" />
      ) : show === 'waiting' ? (
        <Waiting />
      ) : show === 'error' ? (
        <ErrorBlock error={breakdown.error} onRetry={() => void breakdown.refetch()} />
      ) : (
        <Skeleton lines={5} />
      )}
    </section>
  );
}

/** The charts of the county or township panel; its own chunk, with ECharts. */
export default function ChartsPanel() {
  return (
    <>
      <TrendSection />
      <CategorySection />
    </>
  );
}
