import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Skeleton } from '../../app/StatusViews.tsx';
import { CampaignChip, CampaignPanel } from '../campaigns/CampaignPanel.tsx';
import { CoveragePanel } from '../coverage/CoveragePanel.tsx';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KpiCards } from '../kpis/KpiCards.tsx';
import { useAfterFirstMap } from '../map/first-draw.ts';
import { townshipsQuery, villagesQuery } from '../map/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { RankingList } from '../ranking/RankingList.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { VillagePanel } from './VillagePanel.tsx';
import './panels.css';

// ECharts is the heaviest dependency after the map: its chunk loads after the first paint.
const ChartsPanel = lazy(() => import('../charts/ChartsPanel.tsx'));

/** Numbers beside the map for the current scope: county, township or village. */
export function SidePanel() {
  const { view } = useView();
  const i18n = useI18n();
  const { t, num, range } = i18n;
  const period = usePeriod();
  const filter = useCaseFilter();
  const chartsMayLoad = useAfterFirstMap();
  // Both are already in the cache from the map; here they only give names to the breadcrumbs.
  const townships = useQuery(townshipsQuery(filter));
  const villages = useQuery({ ...villagesQuery(filter), enabled: view.township !== null });
  const township = townships.data?.features.find((f) => f.properties.code === view.township)?.properties ?? null;
  const village = villages.data?.features.find((f) => f.properties.code === view.village)?.properties ?? null;

  return (
    <aside className="side-panel" data-testid="side-panel" aria-label={t('appTitle')}>
      <Breadcrumbs names={{ township: township?.name ?? null, village: village?.name ?? null }} />
      {view.village ? (
        <>
          <VillagePanel code={view.village} />
          <RankingList />
        </>
      ) : (
        <>
          <header className="scope-header">
            <h1 className="scope-title" data-testid="scope-title">
              {view.township ? (township?.name ?? '…') : t('county')}
            </h1>
            <p className="muted">
              {period ? range(period.from, period.to) : ''}
              {township ? ` · ${t('villagesCount', { n: township.villageCount })} · ${t('population')} ${num(township.population)}` : ''}
            </p>
            <CampaignChip />
            {!view.township && <p className="hint">{t('selectHint')}</p>}
          </header>
          <KpiCards />
          <CampaignPanel />
          {chartsMayLoad ? (
            <Suspense fallback={<Skeleton lines={6} height="1.4rem" />}>
              <ChartsPanel />
            </Suspense>
          ) : (
            <Skeleton lines={6} height="1.4rem" />
          )}
          <CoveragePanel />
          <RankingList />
        </>
      )}
    </aside>
  );
}
