import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { campaignText } from '../campaigns/messages.ts';
import { useViewCampaign } from '../campaigns/queries.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { interpolate, useI18n } from '../i18n/I18nProvider.tsx';
import { summaryQuery } from '../kpis/queries.ts';
import { MessageKeyOf } from '../map/metric-labels.ts';
import { townshipsQuery, villagesQuery } from '../map/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { ExportButton, type ExportSource } from './ExportButton.tsx';
import { composeFigure, type FigureFacts, figureAsOf, noteInLanguage, retireFigure } from './ExportFigure.ts';
import { exportText } from './messages.ts';
import { CONTROLS } from './rasterize-dom.ts';

/**
 * The dashboard's "导出图片": a composed figure (title with the metric, scope, period, as-of time,
 * the map, its legend and the boundary note), not a copy of the screen with its buttons. The as-of
 * time is up to when the period counts: its end once closed, now only while it runs.
 */
export function DashboardExportButton() {
  const { view } = useView();
  const i18n = useI18n();
  const period = usePeriod();
  const filter = useCaseFilter();
  // The campaign the map counts (a code the account does not see is dropped, as the map drops it).
  const { campaign } = useViewCampaign(view.campaign);
  // Both are in the cache already: the map and the side panel read them.
  const townships = useQuery(townshipsQuery(filter));
  const villages = useQuery({ ...villagesQuery(filter), enabled: view.township !== null });
  // The header's: whether the period runs, and until when it counts.
  const summary = useQuery(summaryQuery(filter));

  const source = useCallback((): ExportSource => {
    const { t, lang } = i18n;
    const text = exportText[lang];
    const township = townships.data?.features.find((f) => f.properties.code === view.township)?.properties.name ?? null;
    const village = villages.data?.features.find((f) => f.properties.code === view.village)?.properties.name ?? null;
    const choropleth = view.layers.includes('choropleth');
    const now = new Date().toISOString();
    // Without the summary (it failed), the map's answers are at most as old as the oldest of them.
    const fetchedAt = () =>
      t('asOf', { d: i18n.dateTime(new Date(Math.min(...[townships.dataUpdatedAt, view.township ? villages.dataUpdatedAt : 0].filter((x) => x > 0), Date.now())).toISOString()) });
    const note = townships.data?.meta.boundaryNote;
    const filters = [
      ...(campaign ? [interpolate(campaignText[lang].chipTagged, { name: campaign.name })] : []),
      ...[...view.categories, ...view.statuses].map((v) => i18n.vocab(v)),
    ];
    const facts: FigureFacts = {
      lang,
      title: choropleth ? `${text.figureTitle} · ${t(MessageKeyOf(view.metric, period))}` : text.figureTitle,
      scope: [t('county'), township, village].filter(Boolean).join(' / '),
      period: period ? i18n.range(period.from, period.to) : '—',
      asOf: summary.data ? figureAsOf(summary.data, i18n) : fetchedAt(),
      filters: filters.length ? filters.join('、') : null,
      boundaryNote: note ? noteInLanguage(note, lang) : t('boundaryNote'),
      // As the map shows it (MapView): the same basemap, so the same credit.
      basemapAttribution: document.querySelector('[data-testid="map-attribution"]')?.textContent ?? null,
    };
    const node = composeFigure(
      facts,
      {
        map: document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas'),
        legend: document.querySelector<HTMLElement>('[data-testid="legend"]'),
        exportedAt: i18n.dateTime(now),
      },
      (key, params) => interpolate(text[key], params),
    );
    // The copied legend has no controls already; leaving them out here as well keeps any that a
    // future legend adds out of the picture.
    return { node, pixelRatio: 1, leaveOut: CONTROLS, done: () => retireFigure(node) };
  }, [i18n, view, campaign, period, townships.data, townships.dataUpdatedAt, villages.data, villages.dataUpdatedAt, summary.data]);

  return <ExportButton lang={view.lang} stem="dashboard" source={source} />;
}
