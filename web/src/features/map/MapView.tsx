import type { Layer, PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBlock, Spinner } from '../../app/StatusViews.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { basemapStyle } from './basemap-style.ts';
import { composeLayers } from './layers/compose-layers.ts';
import type { EventRow } from './layers/event-layers.ts';
import type { TownshipFeature, VillageFeature } from './layers/unit-layers.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { Legend } from './Legend.tsx';
import { MAP_PALETTES } from './map-theme.ts';
import { MapTooltip, type HoverState } from './MapTooltip.tsx';
import { colorScale, type Unit } from './metrics.ts';
import { markFirstDraw } from './first-draw.ts';
import { useAggregationLayers } from './useAggregationLayers.ts';
import { enableFloatTextures, useDeckMap } from './useDeckMap.ts';
import { useClickToSelect } from './useClickToSelect.ts';
import { useFrameSelection } from './useFrameSelection.ts';
import { useMapData } from './useMapData.ts';
import { useTypeScale } from './useTypeScale.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { rgbToHex } from './color-scales.ts';
import { useSilentVillages } from '../coverage/useSilentVillages.ts';

/** The map: basemap in MapLibre, data in deck.gl, drill-down by clicking. */
export function MapView() {
  const { update } = useView();
  const i18n = useI18n();
  const { view, basemap, config, townships, villageFeatures, events, wantsEvents } = useMapData();
  const container = useRef<HTMLDivElement>(null);
  const palette = MAP_PALETTES[view.theme];
  const typeScale = useTypeScale();
  const requiredVisits = config.data?.coverageVisitsPerQuarter ?? 3;

  const style = useMemo(
    () =>
      basemap.data && !config.isPending
        ? basemapStyle({ theme: view.theme, rasterUrl: config.data?.basemapUrl ?? null, rasterAttribution: config.data?.basemapAttribution })
        : null,
    [basemap.data, config.isPending, config.data, view.theme],
  );
  // "First map": MapLibre has loaded and deck.gl has drawn the townships with data, in whichever
  // order the two happen; marked from their callbacks, not a React render, so it is not delayed.
  const firstDraw = useRef({ done: false, deckDrew: false, mapLoaded: false });
  const maybeMarkFirstDraw = useRef(() => {
    const f = firstDraw.current;
    if (f.done || !f.deckDrew || !f.mapLoaded) return;
    f.done = true;
    markFirstDraw(container.current);
  });
  const { instance, loaded, error: mapError, highZoom } = useDeckMap(container, style, basemap.data?.bbox ?? null, () => {
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
  const units: Unit[] = useMemo(
    () =>
      countyScope
        ? townshipFeatures.map((f) => ({ kind: 'township' as const, props: f.properties }))
        : villageFeatures.map((f) => ({ kind: 'village' as const, props: f.properties })),
    [countyScope, townshipFeatures, villageFeatures],
  );
  const choropleth = view.layers.includes('choropleth');
  const scale = useMemo(() => (choropleth && units.length ? colorScale(view.metric, units, i18n, requiredVisits) : null), [choropleth, units, view.metric, i18n, requiredVisits]);
  const colorKey = `${view.metric}|${view.theme}|${scale?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? 'off'}`;
  const silent = useSilentVillages(townshipFeatures, villageFeatures, choropleth);

  const eventRows = useMemo(() => (wantsEvents ? (events.data?.rows ?? []) : []), [wantsEvents, events.data]);
  const onHexDomain = useCallback((d: [number, number]) => setHexDomain((prev) => (prev && prev[0] === d[0] && prev[1] === d[1] ? prev : d)), []);
  const layers: Layer[] = useMemo(
    () =>
      basemap.data
        ? composeLayers({
            view,
            basemap: basemap.data,
            raster: Boolean(config.data?.basemapUrl),
            townships: townshipFeatures,
            villages: villageFeatures,
            scale,
            colorKey,
            palette,
            typeScale,
            events: wantsEvents ? { rows: eventRows, dataKey: `${events.dataUpdatedAt}`, agg, highZoom, onHexDomain } : null,
            silent: { features: silent.features, segments: silent.segments, theme: view.theme },
          })
        : [],
    [view, basemap.data, config.data, townshipFeatures, villageFeatures, scale, colorKey, palette, typeScale, wantsEvents, eventRows, events.dataUpdatedAt, agg, highZoom, onHexDomain, silent.features, silent.segments],
  );

  // Hand the layers and the pointer handlers to deck.gl.
  useEffect(() => {
    // The drawn layers' ids, for browser tests: WebGL pixels alone cannot say which layer drew them.
    container.current?.setAttribute('data-layers', layers.map((l) => l.id).join(','));
    if (!instance) return;
    instance.overlay.setProps({
      layers,
      onHover: (info: PickingInfo) => setHover(hoverOf(info, view.township)),
      getCursor: ({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => {
        if (firstDraw.current.deckDrew || !layers.some((l) => l.id === 'townships')) return;
        firstDraw.current.deckDrew = true;
        performance.mark('deck-drew-data');
        maybeMarkFirstDraw.current();
      },
    });
  }, [instance, layers, update, view.township]);

  useFrameSelection(instance, basemap.data, view, townshipFeatures, villageFeatures);
  useClickToSelect(instance, update);
  useEffect(() => {
    // A tooltip belongs to the spot under the pointer: once the map moves it points at nothing.
    if (!instance) return;
    const clear = () => setHover(null);
    instance.map.on('movestart', clear);
    return () => void instance.map.off('movestart', clear);
  }, [instance]);
  const villageName = useCallback((code: string) => villageFeatures.find((f) => f.properties.code === code)?.properties.name ?? null, [villageFeatures]);

  const size = { width: container.current?.clientWidth ?? 0, height: container.current?.clientHeight ?? 0 };
  const loadError = basemap.error ?? townships.error;
  const initialLoading = !mapError && !loadError && (!loaded || townships.isPending);
  const refreshing = !initialLoading && (townships.isFetching || events.isFetching || (view.township !== null && villageFeatures.length === 0));

  return (
    <div className="map-wrap">
      <div ref={container} className="map-canvas" data-testid="map" role="region" aria-label={i18n.t('mapLabel')} />
      {refreshing && <div className="map-progress" role="progressbar" aria-label={i18n.t('loading')} />}
      <div className="map-overlay-top-left">
        <LayerPanel />
      </div>
      <div className="map-overlay-bottom-left">
        <Legend
          metric={view.metric}
          scale={scale}
          unitLevel={countyScope ? 'township' : 'village'}
          silent={{ count: silent.count, weeks: silent.weeks }}
          events={
            wantsEvents
              ? { kind: view.events, heat: view.layers.includes('heat'), hex: view.layers.includes('hex'), points: view.layers.includes('points'), hexDomain }
              : null
          }
        />
      </div>
      {townships.data?.meta.boundaryNote && (
        <div className="map-note" title={townships.data.meta.boundaryNote}>
          {i18n.t('boundaryNote')}
        </div>
      )}
      {events.data?.truncated && <div className="map-note map-note-top">{i18n.t('truncated', { n: i18n.num(events.data.cap) })}</div>}
      {hover && <MapTooltip hover={hover} metric={view.metric} requiredVisits={requiredVisits} size={size} villageName={villageName} silenceWeeks={silent.weeks} />}
      {initialLoading && (
        <div className="map-status">
          <Spinner label={i18n.t('loadingMap')} />
        </div>
      )}
      {(mapError || loadError) && (
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

function hoverOf(info: PickingInfo, selectedTownship: string | null): HoverState | null {
  if (!info.object || !info.layer) return null;
  const id = info.layer.id;
  const at = { x: info.x, y: info.y };
  if (id === 'townships') {
    const feature = info.object as TownshipFeature;
    // Inside the chosen township its villages answer; its own (transparent) polygon stays quiet.
    return feature.properties.code === selectedTownship ? null : { ...at, target: { kind: 'township', feature } };
  }
  if (id === 'villages') return { ...at, target: { kind: 'village', feature: info.object as VillageFeature } };
  if (id.startsWith('events-points')) return { ...at, target: { kind: 'event', row: info.object as EventRow } };
  if (id.startsWith('events-hex')) return { ...at, target: { kind: 'hex', count: (info.object as { count: number }).count } };
  return null;
}
