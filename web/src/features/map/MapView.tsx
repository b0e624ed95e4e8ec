import type { Layer, PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBlock, Spinner } from '../../app/StatusViews.tsx';
import { coverageQuarter } from '../coverage/coverage-model.ts';
import { useSilentVillages } from '../coverage/useSilentVillages.ts';
import { countyWide } from '../filters/case-filter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { outageKindOf } from '../outage/outage-kind.ts';
import { isStale, StaleMark, Waiting } from '../outage/PanelStatus.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { rgbToHex } from './color-scales.ts';
import { markFirstDraw, markMapUnavailable } from './first-draw.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { Legend } from './Legend.tsx';
import { composeLayers } from './layers/compose-layers.ts';
import { fillAlphaOf } from './layers/unit-layers.ts';
import { type HoverState, hoverAt, MapTooltip } from './MapTooltip.tsx';
import { MAP_PALETTES } from './map-theme.ts';
import { colorScale, type Unit } from './metrics.ts';
import { villageHit } from './overlays/choropleth-overlay.tsx';
import type { EventsInput, LayerContext, LegendContext, MapContext } from './overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from './overlays/registry.ts';
import { useAggregationLayers } from './useAggregationLayers.ts';
import { useBasemapStyle } from './useBasemapStyle.ts';
import { useClickToSelect } from './useClickToSelect.ts';
import { type DeckMap, enableFloatTextures, useDeckMap } from './useDeckMap.ts';
import { useFrameSelection } from './useFrameSelection.ts';
import { useMapData } from './useMapData.ts';
import { useTypeScale } from './useTypeScale.ts';
import { useVillageTileColors, useVillageTiles, villageTileAt, villageTileSelection } from './useVillageTiles.ts';
import { nextRefreshes, type Refreshes, tileVillageProps, usesVillageTiles, villageTileTemplate } from './village-tiles.ts';
import './map.css';

/** The map: basemap in MapLibre, data in deck.gl, drill-down by clicking. */
export function MapView() {
  const { update } = useView();
  const i18n = useI18n();
  const { view, period, basemap, config, townships, villages, villageFeatures, events, wantsEvents, filter } = useMapData();
  const container = useRef<HTMLDivElement>(null);
  const palette = MAP_PALETTES[view.theme];
  const typeScale = useTypeScale();
  const requiredVisits = config.data?.coverageVisitsPerQuarter ?? 3;

  const { style: basemapStyle, basemap: basemapSpec, attribution } = useBasemapStyle(view.theme);
  const style = basemap.data ? basemapStyle : null;
  // "First map": MapLibre has loaded and deck.gl has drawn the townships with data, in whichever
  // order the two happen; marked from their callbacks, not a React render, so it is not delayed.
  const firstDraw = useRef({ done: false, deckDrew: false, mapLoaded: false });
  const maybeMarkFirstDraw = useRef(() => {
    const f = firstDraw.current;
    if (f.done || !f.deckDrew || !f.mapLoaded) return;
    f.done = true;
    markFirstDraw(container.current);
  });
  const {
    instance,
    loaded,
    error: mapError,
    highZoom,
    villageNames,
    tileZoom,
  } = useDeckMap(container, style, basemap.data?.bbox ?? null, () => {
    firstDraw.current.mapLoaded = true;
    maybeMarkFirstDraw.current();
  });
  const aggModule = useAggregationLayers(view.layers.includes('heat') || view.layers.includes('hex'));
  const agg = instance && aggModule ? aggModule : null;
  useEffect(() => {
    if (instance && aggModule) enableFloatTextures(instance.overlay);
  }, [instance, aggModule]);
  const [hover, setHover] = useState<HoverState | null>(null);
  const [hexDomain, setHexDomain] = useState<[number, number] | null>(null);

  const townshipFeatures = townships.data?.features ?? [];
  const countyScope = view.township === null;
  const choropleth = view.layers.includes('choropleth');
  // A map of many villages (a city's, a province's) draws them at county scope from vector tiles,
  // zoomed in far enough (the townships below VILLAGE_TILES_MIN_ZOOM).
  const labels = useMemo(() => new Map((basemap.data?.villageLabels ?? []).map((l) => [l.code, l.position] as const)), [basemap.data]);
  const villageTiles =
    countyScope && tileZoom && basemap.data !== undefined && config.data !== undefined && usesVillageTiles(basemap.data.villageLabels.length, config.data.mapTilesAboveVillages);
  const tileTemplate = useMemo(() => (filter ? villageTileTemplate(countyWide(filter)) : ''), [filter]);
  const refreshes = useRef<Refreshes | null>(null);
  refreshes.current = nextRefreshes(refreshes.current, tileTemplate, townships.dataUpdatedAt, townships.isPlaceholderData);
  const tileUnits = useVillageTiles(instance, {
    enabled: villageTiles && tileTemplate !== '',
    template: tileTemplate,
    revision: refreshes.current.count,
    labels,
    palette,
    // as the GeoJSON fills: a faint context under a heatmap or hexbins
    alpha: fillAlphaOf(palette, agg !== null && (view.layers.includes('heat') || view.layers.includes('hex'))),
  });
  const units: Unit[] = useMemo(
    () =>
      villageTiles
        ? tileUnits
        : countyScope
          ? townshipFeatures.map((f) => ({ kind: 'township' as const, props: f.properties }))
          : villageFeatures.map((f) => ({ kind: 'village' as const, props: f.properties })),
    [villageTiles, tileUnits, countyScope, townshipFeatures, villageFeatures],
  );
  // Coverage counts visits per quarter whatever the header's period: the legend states its quarter.
  // Keyed on the dates: usePeriod gives a new object each render.
  const [periodFrom, periodTo] = [period?.from, period?.to];
  const scale = useMemo(() => {
    if (!choropleth || !units.length) return null;
    const p = periodFrom && periodTo ? { from: periodFrom, to: periodTo } : null;
    return colorScale(view.metric, units, i18n, { requiredVisits, period: p, coveragePeriod: p && coverageQuarter(p) });
  }, [choropleth, units, view.metric, i18n, requiredVisits, periodFrom, periodTo]);
  const colorKey = `${view.metric}|${view.theme}|${scale?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? 'off'}`;
  useVillageTileColors(instance, villageTiles, units, scale?.colorOf ?? null, colorKey);
  const silent = useSilentVillages(townshipFeatures, villageFeatures, choropleth);

  const onHexDomain = useCallback((d: [number, number]) => setHexDomain((prev) => (prev && prev[0] === d[0] && prev[1] === d[1] ? prev : d)), []);
  const eventsInput: EventsInput | null = useMemo(
    () => (wantsEvents ? { rows: events.data?.rows ?? [], dataKey: `${events.dataUpdatedAt}`, agg, highZoom, onHexDomain } : null),
    [wantsEvents, events.data, events.dataUpdatedAt, agg, highZoom, onHexDomain],
  );
  const silentInput = useMemo(() => ({ features: silent.features, segments: silent.segments, theme: view.theme }), [silent.features, silent.segments, view.theme]);
  const raster = basemapSpec !== null && basemapSpec.kind !== 'none';
  // What every overlay draws from (see overlays/registry.ts); null until the basemap is known.
  const layerCtx: LayerContext | null = useMemo(
    () =>
      basemap.data
        ? {
            view,
            basemap: basemap.data,
            raster,
            villageNames,
            townships: townshipFeatures,
            villages: villageFeatures,
            villageTiles,
            scale,
            colorKey,
            palette,
            typeScale,
            events: eventsInput,
            silent: silentInput,
          }
        : null,
    [view, basemap.data, raster, villageNames, townshipFeatures, villageFeatures, villageTiles, scale, colorKey, palette, typeScale, eventsInput, silentInput],
  );
  const layers: Layer[] = useMemo(() => (layerCtx ? composeLayers(layerCtx) : []), [layerCtx]);
  const silence = useMemo(() => ({ count: silent.count, weeks: silent.weeks }), [silent.count, silent.weeks]);
  const legendCtx: LegendContext = { view, scale, events: eventsInput, silence, hexDomain, villageTiles };
  const mapCtx: MapContext | null = layerCtx && { ...layerCtx, view, silence, hexDomain, requiredVisits };
  // Under deck.gl's overlays, the village tiles (MapLibre's): asked for what lies under the pointer.
  const tileHoverAt = useCallback(
    (map: DeckMap['map'], x: number, y: number) => {
      const tiled = villageTileAt(map, x, y);
      const props = tiled && tileVillageProps(tiled, labels.get(String(tiled.code)));
      return props ? villageHit(props) : null;
    },
    [labels],
  );
  // The hover handler stays with deck.gl across renders and reads the rows on screen when called.
  const latestCtx = useRef(mapCtx);
  latestCtx.current = mapCtx;

  // Hand the layers and the pointer handlers to deck.gl.
  useEffect(() => {
    // The drawn layers' ids, for browser tests: WebGL pixels alone cannot say which layer drew them.
    container.current?.setAttribute('data-layers', layers.map((l) => l.id).join(','));
    container.current?.setAttribute('data-village-tiles', villageTiles ? 'on' : 'off');
    if (!instance) return;
    instance.overlay.setProps({
      layers,
      onHover: (info: PickingInfo) => {
        const ctx = latestCtx.current;
        const hit = ctx && (hoverAt(info, ctx) ?? (ctx.villageTiles ? tileHoverAt(instance.map, info.x, info.y) : null));
        setHover(hit ? { x: info.x, y: info.y, hit } : null);
      },
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => {
        if (firstDraw.current.deckDrew || !layers.some((l) => l.id === 'townships')) return;
        firstDraw.current.deckDrew = true;
        performance.mark('deck-drew-data');
        maybeMarkFirstDraw.current();
      },
    });
  }, [instance, layers, villageTiles, tileHoverAt]);

  useFrameSelection(instance, basemap.data, view, townshipFeatures, villageFeatures);
  useClickToSelect(instance, update, layerCtx, MAP_OVERLAYS, villageTileSelection);
  useEffect(() => {
    // A tooltip belongs to the spot under the pointer: once the map moves it points at nothing.
    if (!instance) return;
    const clear = () => setHover(null);
    instance.map.on('movestart', clear);
    return () => void instance.map.off('movestart', clear);
  }, [instance]);

  const size = { width: container.current?.clientWidth ?? 0, height: container.current?.clientHeight ?? 0 };
  // Only data the map never had is an error here; a failed refresh leaves the last map drawn.
  const loadError = (basemap.data ? null : basemap.error) ?? (townships.data ? null : townships.error);
  const staleBy = [townships, ...(view.township !== null ? [villages] : []), ...(wantsEvents ? [events] : [])].find(isStale);
  const cannotDraw = mapError !== null || loadError !== null;
  useEffect(() => {
    if (cannotDraw) markMapUnavailable();
  }, [cannotDraw]);
  const initialLoading = !mapError && !loadError && (!loaded || townships.isPending);
  const refreshing = !initialLoading && (townships.isFetching || events.isFetching || (view.township !== null && villageFeatures.length === 0));

  return (
    <div className="map-wrap">
      {/* biome-ignore lint/a11y/useSemanticElements: MapLibre fills this box with its own canvas and controls; the role only names it */}
      <div ref={container} className="map-canvas" data-testid="map" role="region" aria-label={i18n.t('mapLabel')} />
      {refreshing && <div className="map-progress" role="progressbar" aria-label={i18n.t('loading')} />}
      <div className="map-overlay-top-left">
        <LayerPanel />
      </div>
      <div className="map-overlay-bottom-left">
        <Legend ctx={legendCtx} />
      </div>
      {attribution && (
        <div className="map-attribution" data-testid="map-attribution">
          {attribution}
        </div>
      )}
      {townships.data?.meta.boundaryNote && (
        <div className="map-note" title={townships.data.meta.boundaryNote}>
          {i18n.t('boundaryNote')}
        </div>
      )}
      {events.data?.truncated && <div className="map-note map-note-top">{i18n.t('truncated', { n: i18n.num(events.data.cap) })}</div>}
      {staleBy && (
        <div className="map-stale">
          <StaleMark query={staleBy} />
        </div>
      )}
      {hover && mapCtx && <MapTooltip hover={hover} ctx={mapCtx} size={size} />}
      {initialLoading && (
        <div className="map-status">
          <Spinner label={i18n.t('loadingMap')} />
        </div>
      )}
      {!mapError && outageKindOf(loadError) && (
        <div className="map-status">
          <Waiting />
        </div>
      )}
      {(mapError || (loadError && !outageKindOf(loadError))) && (
        <div className="map-status">
          <ErrorBlock
            title={i18n.t('mapErrorTitle')}
            error={mapError ? new Error(i18n.t('mapErrorWebgl')) : loadError}
            onRetry={mapError ? () => window.location.reload() : () => void Promise.all([basemap.refetch(), townships.refetch()])}
          />
        </div>
      )}
    </div>
  );
}
