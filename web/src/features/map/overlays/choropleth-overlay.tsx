import type { PickingInfo } from '@deck.gl/core';
import { useQuery } from '@tanstack/react-query';
import { TownshipCoverageRows, VillageCoverageRows } from '../../coverage/CoverageTooltipRows.tsx';
import { useCaseFilter } from '../../filters/useCaseFilter.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLocalText } from '../../i18n/local-messages.ts';
import { summaryQuery } from '../../kpis/queries.ts';
import { rgbToHex } from '../color-scales.ts';
import { type TownshipFeature, unitFillLayers, type VillageFeature } from '../layers/unit-layers.ts';
import { legendText } from '../legend-messages.ts';
import { legendPeriodText } from '../legend-period.ts';
import { MessageKeyOf } from '../metric-labels.ts';
import type { VillageProps } from '../metrics.ts';
import { formatMetric, metricUnitKey, showsUnit } from '../metrics.ts';
import { defineOverlay, type HoverHit, type LayerContext, type LegendContext, type MapContext, rowOf } from './overlay-spec.tsx';

export type UnitHit = { kind: 'township'; feature: TownshipFeature } | { kind: 'village'; feature: VillageFeature };
/** What a unit's tooltip reads: its properties (a village of the vector tiles has no GeoJSON feature). */
type UnitRow = { kind: 'township'; feature: Pick<TownshipFeature, 'properties'> } | { kind: 'village'; feature: Pick<VillageFeature, 'properties'> };

/** The unit under a pick: a village, else a township (the chosen one only where `withSelected`). */
function unitAt(info: PickingInfo, ctx: Pick<LayerContext, 'townships' | 'villages' | 'view' | 'villageTiles'>, withSelected: boolean): UnitHit | null {
  const village = rowOf(ctx.villages, info, 'villages');
  if (village) return { kind: 'village', feature: village };
  const township = rowOf(ctx.townships, info, 'townships');
  // Inside the chosen township its villages answer a hover; its own (transparent) polygon stays quiet,
  // as do the townships over the village tiles (their villages answer: MapView, villageTileAt).
  if (!township || (!withSelected && (township.properties.code === ctx.view.township || ctx.villageTiles === true))) return null;
  return { kind: 'township', feature: township };
}

function ChoroplethLegend({ ctx, children }: { ctx: LegendContext; children?: React.ReactNode }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const lt = useLocalText(legendText);
  const { scale, view } = ctx;
  // The KPIs' own summary query (same key, no second request): up to when the colours count.
  const filter = useCaseFilter();
  const summary = useQuery(summaryQuery(filter)).data;
  // A summary kept from the previous dates while new ones load says nothing about these colours.
  const sameDates = summary && summary.period.from === filter?.from && summary.period.to === filter?.to;
  const periodText = scale ? legendPeriodText(view.metric, scale.period ?? null, sameDates ? summary : undefined, i18n) : null;
  if (!scale) return null;
  // The choropleth's units: townships at county scope (villages where they come as tiles).
  const counted = lt(view.township === null && !ctx.villageTiles ? 'countTownships' : 'countVillages');
  const range = scale.range ?? null;
  return (
    <div className="legend-block">
      <div className="legend-title">
        {t(MessageKeyOf(view.metric, range))}
        {!scale.categorical && showsUnit(view.metric) && <span className="legend-unit">{i18n.paren(t(metricUnitKey(view.metric, range)))}</span>}
        {periodText && (
          <span className="legend-period" data-testid="legend-period">
            {' '}
            {periodText}
          </span>
        )}
      </div>
      <ul className="legend-classes">
        {scale.classes.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a class is its rank in the scale; two may share a label
          <li key={i}>
            <span className="swatch" style={{ background: rgbToHex(c.color) }} aria-hidden="true" />
            <span className="legend-label">{c.label}</span>
            <span className="legend-count" title={counted}>
              {num(c.count)}
            </span>
          </li>
        ))}
        {children}
      </ul>
    </div>
  );
}

function UnitTooltip({ row, ctx }: { row: UnitRow; ctx: MapContext }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const metric = ctx.view.metric;
  const range = ctx.scale?.range ?? null;
  const p = row.feature.properties;
  const unit = row.kind === 'township' ? { kind: 'township' as const, props: row.feature.properties } : { kind: 'village' as const, props: row.feature.properties };
  return (
    <>
      <div className="tt-title">{p.name}</div>
      {row.kind === 'village' && <div className="tt-sub">{row.feature.properties.townshipName}</div>}
      <div className="tt-row">
        <span>{t(MessageKeyOf(metric, range))}</span>
        <b>{formatMetric(metric, unit, i18n, ctx.requiredVisits, range)}</b>
      </div>
      <div className="tt-row">
        <span>{t('tooltipPopulation')}</span>
        <span>{num(p.population)}</span>
      </div>
      <div className="tt-row">
        <span>{t('tooltipDisputes')}</span>
        <span>{num(p.disputes)}</span>
      </div>
      {row.kind === 'village' ? (
        <VillageCoverageRows p={row.feature.properties} weeks={ctx.silence?.weeks ?? 4} required={ctx.requiredVisits} />
      ) : (
        <TownshipCoverageRows p={row.feature.properties} />
      )}
    </>
  );
}

/**
 * Townships (county scope) or the chosen township's villages filled by the metric; with the
 * choropleth off they keep a neutral fill, so they still answer hovers and clicks.
 */
export const choroplethOverlay = defineOverlay<UnitHit>({
  id: 'choropleth',
  layers: (ctx) =>
    unitFillLayers({
      townships: ctx.townships,
      villages: ctx.villages,
      selectedTownship: ctx.view.township,
      selectedVillage: ctx.view.village,
      colorOf: ctx.scale ? ctx.scale.colorOf : null,
      villageTiles: ctx.villageTiles === true,
      colorKey: ctx.colorKey,
      palette: ctx.palette,
      dimFills: ctx.events !== null && ctx.events.agg !== null && (ctx.view.layers.includes('heat') || ctx.view.layers.includes('hex')),
    }),
  legend: { placement: 'block', shown: (ctx) => ctx.scale !== null, Entry: ChoroplethLegend },
  pick: (info, ctx) => unitAt(info, ctx, false),
  Tooltip: UnitTooltip,
  click: {
    // Only the units answer a click, so an event point or a hexagon on top never hides the village under it.
    layerIds: ['villages', 'townships'],
    select(info, ctx) {
      const hit = unitAt(info, ctx, true);
      if (!hit) return null;
      return hit.kind === 'village'
        ? { township: hit.feature.properties.townshipCode, village: hit.feature.properties.code }
        : { township: hit.feature.properties.code, village: null };
    },
  },
});

/** The tooltip of a village drawn from the vector tiles (MapView asks MapLibre what lies under the pointer). */
export function villageHit(props: VillageProps): HoverHit {
  return { render: (c) => <UnitTooltip row={{ kind: 'village', feature: { properties: props } }} ctx={c} /> };
}
