import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RankingRow } from '../../api/types.ts';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MessageKeyOf } from '../map/metric-labels.ts';
import { METRICS, metricUnitKey, showsUnit } from '../map/metrics.ts';
import { StaleMark, usePanelShow, Waiting } from '../outage/PanelStatus.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { rankingQuery } from './queries.ts';
import { shownValue } from './ranking-values.ts';
import './ranking.css';

/**
 * Townships of the county, or villages of a township, ranked by the map's metric with the units
 * needing attention first. Rows are buttons: choosing one selects it on the map too. The dispute
 * rate is shown raw in the period's unit, as on the map (see `shownValue`), and ordered by the
 * API's smoothed rate, which the footnote says and each row's title gives.
 */
export function RankingList() {
  const { view, update } = useView();
  const i18n = useI18n();
  const { t, num, paren } = i18n;
  const level = view.township ? 'village' : 'township';
  const def = METRICS[view.metric];
  const filter = useCaseFilter();
  const period = filter ? { from: filter.from, to: filter.to } : null;
  const ranking = useQuery(rankingQuery(filter, { metric: def.ranking, level, order: def.direction === 'highIsBad' ? 'desc' : 'asc' }));
  const show = usePanelShow(ranking);
  const selected = view.village ?? (level === 'township' ? view.township : null);
  const list = useRef<HTMLOListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect reads the DOM; selected and ranking.data are what move or render the current row, so they decide when to scroll
  useEffect(() => {
    // A selection made on the map brings its row into view, scrolling the list only (not the page
    // or the panel, which scrollIntoView would also move).
    const box = list.current;
    const row = box?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!box || !row) return;
    const offset = row.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (offset < 0 || offset + row.offsetHeight > box.clientHeight) box.scrollTop += offset - box.clientHeight / 2 + row.offsetHeight / 2;
  }, [selected, ranking.data]);

  const select = (r: RankingRow) => (level === 'township' ? update({ township: r.code, village: null }) : update({ township: r.townshipCode, village: r.code }));
  const rows = (ranking.data?.rows ?? []).map((r) => ({ row: r, shown: shownValue(view.metric, r, i18n, period) }));
  const max = Math.max(0, ...rows.map((r) => r.shown.value ?? 0));

  return (
    <section className="panel-section ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title" className="section-title">
        {t(level === 'township' ? 'rankingTownships' : 'rankingVillages')}
        <span className="section-sub">
          {t(MessageKeyOf(view.metric, period))}
          {showsUnit(view.metric) ? paren(t(metricUnitKey(view.metric, period))) : ''}
        </span>
        <StaleMark query={ranking} />
      </h2>
      {view.metric === 'disputeRate' && (
        <p className="footnote" data-testid="ranking-note">
          {level === 'township'
            ? t('rankingSmoothedNoteTownships', { label: t(MessageKeyOf(view.metric, period)) })
            : t('rankingSmoothedNote', { label: t(MessageKeyOf(view.metric, period)), parent: t('rankingParentTownship') })}
        </p>
      )}
      {show === 'loading' ? (
        <Skeleton lines={6} />
      ) : show === 'waiting' ? (
        <Waiting />
      ) : show === 'error' ? (
        <ErrorBlock error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty">{t('noData')}</p>
      ) : (
        <ol className="ranking-list" ref={list} data-testid="ranking">
          {rows.map(({ row: r, shown }) => (
            <li key={r.code}>
              <button type="button" className="ranking-row" aria-current={r.code === selected ? 'true' : undefined} onClick={() => select(r)} data-code={r.code}>
                <span className="rank">{num(r.rank)}</span>
                <span className="name">{r.name}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${max > 0 ? Math.max(2, ((shown.value ?? 0) / max) * 100) : 0}%` }} />
                </span>
                <span className="value" title={shown.title}>
                  {shown.text}
                </span>
                {r.lowCount ? (
                  <span className="badge low-count" title={t('lowCountTitle')}>
                    {t('lowCount')}
                  </span>
                ) : (
                  <span className="badge-spacer" />
                )}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
