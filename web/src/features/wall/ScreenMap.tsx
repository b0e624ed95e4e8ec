import type { Layer } from '@deck.gl/core';
import { useQuery } from '@tanstack/react-query';
import { ScaleControl } from 'maplibre-gl';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { BBox } from '../map/geometry.ts';
import { composeLayers } from '../map/layers/compose-layers.ts';
import type { EventRow } from '../map/layers/event-layers.ts';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { MAP_PALETTES, type MapPalette } from '../map/map-theme.ts';
import type { ColorScale } from '../map/metrics.ts';
import { rowOf } from '../map/overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from '../map/overlays/registry.ts';
import { basemapQuery } from '../map/queries.ts';
import { useAggregationLayers } from '../map/useAggregationLayers.ts';
import { useBasemapStyle } from '../map/useBasemapStyle.ts';
import { enableFloatTextures, useDeckMap } from '../map/useDeckMap.ts';
import { useFrameSelection } from '../map/useFrameSelection.ts';
import { useTypeScale } from '../map/useTypeScale.ts';
import type { Theme } from '../url-state/view-state.ts';
import { scalePixels, useMapScreen, useScreenFrame } from './screen-frame.ts';
import type { MapScreen } from './wall-labels.ts';
import './screen-map.css';

export interface ScreenMapProps {
  testId: string;
  label: string;
  theme: Theme;
  /** Colours to draw with instead of the theme's (the wall's opaque fills). */
  palette?: MapPalette;
  township: string | null;
  townships: readonly TownshipFeature[];
  villages: readonly VillageFeature[];
  scale: ColorScale | null;
  /** Changes whenever `scale` colours differently. */
  colorKey: string;
  /** Dispute heatmap rows; null for no heatmap. */
  heat?: { rows: readonly EventRow[]; key: string } | null;
  /** Drawn over everything (alerts). */
  extraLayers?: readonly Layer[];
  /** Where the map opens: the county when null. */
  initialBounds?: BBox | null;
  /** A click on a township (or outside any: null). */
  onSelect?: (township: string | null) => void;
  /** Identity of the data on screen: `onDrawn(drawKey)` fires once after deck.gl has drawn it. */
  drawKey?: string;
  onDrawn?: (drawKey: string, canvas: HTMLCanvasElement) => void;
  /** Frame the opening view with this padding (px) instead of the dashboard's, which leaves room for its panels. */
  fitPadding?: { top: number; bottom: number; left: number; right: number };
  /** Metric scale bar (MapLibre's own control), for printed maps. */
  scaleBar?: boolean;
  /**
   * Names of the caller's own, placed on the settled view (drawn on top), instead of the
   * dashboard's label layers. Called again after every move and resize.
   */
  labels?: (screen: MapScreen) => readonly Layer[];
  /**
   * Dot the township seats (the default). The wall does not: its names stand on the seats, and a
   * dot shows only where a name moved off one, which changes with the view and the alerts, so a
   * legend entry for it would come and go (and the legend's height with it, and the map's).
   */
  seats?: boolean;
  /** Frame the county and a township with this padding (px) on every side, instead of the dashboard's framing. */
  framePadding?: number;
  /** The shared layers' pixel widths and radii times this (the wall's screen scale); 1 when absent. */
  pixelScale?: number;
  /** The settled view after each move and resize (only with `labels`). */
  onView?: (screen: MapScreen) => void;
  children?: ReactNode;
}

const WITHOUT_SEATS = MAP_OVERLAYS.filter((o) => o.id !== 'seats');

/**
 * A presentation map for the wall and the briefing: the dashboard's layers (same colours, same
 * basemap, one WebGL context with a kept drawing buffer so exports are never blank), without the
 * dashboard's controls and URL state.
 */
export function ScreenMap(props: ScreenMapProps) {
  const { theme, township, townships, villages, scale, colorKey, heat, extraLayers, onSelect, labels } = props;
  const withSeats = props.seats !== false;
  const container = useRef<HTMLDivElement>(null);
  const basemap = useQuery(basemapQuery());
  const { style: basemapStyle, basemap: basemapSpec, attribution } = useBasemapStyle(theme);
  const typeScale = useTypeScale();
  const palette = props.palette ?? MAP_PALETTES[theme];
  const style = basemap.data ? basemapStyle : null;
  const withBasemap = basemapSpec !== null && basemapSpec.kind !== 'none';
  const { instance, loaded } = useDeckMap(container, style, props.initialBounds ?? basemap.data?.bbox ?? null);
  const aggModule = useAggregationLayers(Boolean(heat));
  const agg = instance && aggModule ? aggModule : null;
  useEffect(() => {
    if (instance && aggModule) enableFloatTextures(instance.overlay);
  }, [instance, aggModule]);

  const screen = useMapScreen(instance, labels !== undefined);
  const onView = props.onView;
  useEffect(() => {
    if (screen) onView?.(screen);
  }, [screen, onView]);
  const layers = useMemo(() => {
    if (!basemap.data) return [];
    const own = labels ? [] : (['labels'] as const);
    const base = composeLayers(
      {
        view: { township, village: null, layers: heat ? ['choropleth', 'heat', ...own] : ['choropleth', ...own], events: 'dispute' },
        basemap: basemap.data,
        raster: withBasemap,
        townships,
        villages,
        scale,
        colorKey,
        palette,
        typeScale,
        events: heat ? { rows: heat.rows, dataKey: heat.key, agg, highZoom: false, onHexDomain: () => {} } : null,
      },
      withSeats ? MAP_OVERLAYS : WITHOUT_SEATS,
    );
    const k = props.pixelScale ?? 1;
    return [...base.map((l) => scalePixels(l, k)), ...(extraLayers ?? []), ...(labels && screen ? labels(screen) : [])];
  }, [basemap.data, withBasemap, township, townships, villages, scale, colorKey, palette, typeScale, heat, agg, extraLayers, labels, screen, props.pixelScale, withSeats]);

  // Fire onDrawn from deck.gl's own render callback: the canvas then holds the frame for sure.
  const drawn = useRef<{ key: string | null }>({ key: null });
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    if (!instance) return;
    const hasData = layers.some((l) => l.id === 'townships') && (township === null || villages.length > 0) && (!heat || agg !== null);
    instance.overlay.setProps({
      layers,
      onAfterRender: () => {
        const { drawKey, onDrawn } = latest.current;
        if (!loaded || !hasData || drawKey === undefined || drawn.current.key === drawKey) return;
        // A copy (the briefing's) must hold the basemap too: wait for its tiles (a later frame comes when they arrive).
        if (withBasemap && !instance.map.areTilesLoaded()) return;
        drawn.current.key = drawKey;
        container.current?.setAttribute('data-map-ready', 'true');
        onDrawn?.(drawKey, instance.map.getCanvas());
      },
    });
    // A frame with the new layers: onAfterRender above sees `loaded` only through this effect.
    instance.map.triggerRepaint();
  }, [instance, layers, loaded, township, villages.length, heat, agg, withBasemap]);

  const ownFrame = props.framePadding !== undefined;
  useFrameSelection(ownFrame ? null : instance, basemap.data, { township, village: null }, townships, villages);
  useScreenFrame(ownFrame ? instance : null, basemap.data?.bbox ?? null, township, townships, props.framePadding);

  const opening = props.initialBounds ?? basemap.data?.bbox ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the opening view, once per map instance; later moves are the selection's
  useEffect(() => {
    if (instance && props.fitPadding && opening && !ownFrame) instance.map.fitBounds(opening, { padding: props.fitPadding, duration: 0 });
  }, [instance]);

  useEffect(() => {
    if (!instance || !onSelect) return;
    const onClick = (e: { point: { x: number; y: number } }) => {
      const info = instance.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: ['townships'] });
      onSelect(info ? (rowOf(townships, info, 'townships')?.properties.code ?? null) : null);
    };
    instance.map.on('click', onClick);
    return () => void instance.map.off('click', onClick);
  }, [instance, onSelect, townships]);

  useEffect(() => {
    if (!instance || !props.scaleBar) return;
    const control = new ScaleControl({ unit: 'metric', maxWidth: 160 });
    instance.map.addControl(control, 'bottom-right');
    return () => void instance.map.removeControl(control);
  }, [instance, props.scaleBar]);

  return (
    <div className="screen-map">
      <div ref={container} className="screen-map-canvas" data-testid={props.testId} role="img" aria-label={props.label} />
      {props.children}
      {attribution && (
        <div className="screen-map-attribution" data-testid="map-attribution">
          {attribution}
        </div>
      )}
    </div>
  );
}
