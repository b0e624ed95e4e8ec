import type { FillLayerSpecification, LineLayerSpecification, Map as MaplibreMap, VectorTileSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { type RGB, rgbToHex } from './color-scales.ts';
import type { MapPalette } from './map-theme.ts';
import { VILLAGE_TILES_MIN_ZOOM } from './map-theme.ts';
import type { Unit } from './metrics.ts';
import type { DeckMap } from './useDeckMap.ts';
import { unitsOfTiles, VILLAGE_TILE_FILL, VILLAGE_TILE_LAYER, VILLAGE_TILE_LINE, VILLAGE_TILE_SOURCE } from './village-tiles.ts';

export interface VillageTilesInput {
  /** County scope of a map with more villages than MAP_TILES_ABOVE_VILLAGES. */
  enabled: boolean;
  /** The filter's tile URL template (village-tiles.ts). */
  template: string;
  /** Changes when the data was refreshed: the tiles are fetched again. */
  revision: number;
  /** Label points by village code (the basemap's), for the units' properties. */
  labels: ReadonlyMap<string, [number, number]>;
  palette: MapPalette;
  /** The unit fills' alpha (0-255). */
  alpha: number;
}

/** Deepest zoom asked for: deeper, MapLibre draws these tiles larger (the map's own limit is 16). */
const TILE_MAX_ZOOM = 14;
/**
 * deck.gl's first layer in MapLibre's order (interleaved, deck.gl adds its layers as custom ones,
 * grouped): the tiles go under it, so the townships' outlines, the hatches and the labels stay on
 * top. None yet: deck.gl adds its group after, on top.
 */
function firstDeckLayer(map: MaplibreMap): string | undefined {
  return map.getLayersOrder().find((id) => map.getLayer(id)?.type === 'custom');
}

/** A layer of the village tiles, added once and after that only repainted and shown again. */
function putLayer(map: MaplibreMap, layer: FillLayerSpecification | LineLayerSpecification, before: string | undefined): void {
  if (!map.getLayer(layer.id)) return void map.addLayer(layer, before);
  for (const [k, v] of Object.entries(layer.paint ?? {})) map.setPaintProperty(layer.id, k as Parameters<MaplibreMap['setPaintProperty']>[1], v);
  map.setLayoutProperty(layer.id, 'visibility', 'visible');
}

function ensure(map: MaplibreMap, template: string, palette: MapPalette, alpha: number): void {
  const source = map.getSource(VILLAGE_TILE_SOURCE) as VectorTileSource | undefined;
  if (!source) {
    map.addSource(VILLAGE_TILE_SOURCE, {
      type: 'vector',
      tiles: [template],
      minzoom: VILLAGE_TILES_MIN_ZOOM,
      maxzoom: TILE_MAX_ZOOM,
      promoteId: { [VILLAGE_TILE_LAYER]: 'code' },
    });
  } else if (source.tiles?.[0] !== template) {
    source.setTiles([template]);
  }
  const before = firstDeckLayer(map);
  const [r, g, b, a] = palette.neutralFill;
  const [lr, lg, lb, la] = palette.villageLine;
  const tiles = { source: VILLAGE_TILE_SOURCE, 'source-layer': VILLAGE_TILE_LAYER };
  putLayer(
    map,
    {
      id: VILLAGE_TILE_FILL,
      type: 'fill',
      ...tiles,
      paint: {
        // uncoloured (no feature state yet, or the choropleth off): the neutral fill
        'fill-color': ['coalesce', ['feature-state', 'fill'], rgbToHex([r, g, b])],
        'fill-opacity': ['case', ['==', ['feature-state', 'fill'], null], a / 255, alpha / 255],
      },
    },
    before,
  );
  putLayer(map, { id: VILLAGE_TILE_LINE, type: 'line', ...tiles, paint: { 'line-color': rgbToHex([lr, lg, lb]), 'line-opacity': la / 255, 'line-width': 0.6 } }, before);
}

/**
 * Hidden, not removed: MapLibre loads no tile for a source whose layers are all hidden, and the
 * source keeps its feature state, so a map zoomed out past VILLAGE_TILES_MIN_ZOOM and back, or a
 * township chosen and left, is coloured at once. The tiles are asked for again: the API's answers
 * are no-store, so MapLibre keeps none it stopped showing.
 */
function hide(map: MaplibreMap): void {
  if (!map.style) return;
  for (const id of [VILLAGE_TILE_LINE, VILLAGE_TILE_FILL]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
}

/**
 * The village layer from vector tiles while `enabled` (hidden, not removed, while not): a MapLibre
 * source and its fill and outline under deck.gl's layers, put back after a style change, fetched
 * again on a new template or `revision`. Returns the villages drawn in view (each once), for the scale and the legend.
 */
export function useVillageTiles(instance: DeckMap | null, input: VillageTilesInput): Unit[] {
  const { enabled, template, revision, labels, palette, alpha } = input;
  const [units, setUnits] = useState<Unit[]>([]);
  const latest = useRef({ template, revision, palette, alpha, labels });
  latest.current = { template, revision, palette, alpha, labels };
  // What the units were collected from, and what the source was last asked for.
  const shown = useRef('');
  const asked = useRef({ template: '', revision: -1 });

  useEffect(() => {
    if (!instance) return;
    const { map } = instance;
    if (!enabled) {
      hide(map);
      shown.current = '';
      setUnits([]);
      return;
    }
    // Puts the source and layers in place, shown, where they are not (the first time, after a style
    // change dropped them, after hiding); a repaint is the theme effect's.
    const put = () => {
      const l = latest.current;
      const before = (map.getSource(VILLAGE_TILE_SOURCE) as VectorTileSource | undefined)?.tiles?.[0];
      const shownNow = map.getLayer(VILLAGE_TILE_FILL) && map.getLayer(VILLAGE_TILE_LINE) && map.getLayoutProperty(VILLAGE_TILE_FILL, 'visibility') !== 'none';
      if (shownNow && before === l.template) return;
      try {
        ensure(map, l.template, l.palette, l.alpha);
      } catch {
        // MapLibre takes no source while a style is still being set (a theme switch): the next
        // styledata or idle puts it back.
        return;
      }
      if (before !== l.template) {
        // A new source (the first, or one a style change dropped) holds no feature state: the
        // villages are collected and coloured again once it has drawn.
        asked.current = { template: l.template, revision: l.revision };
        shown.current = '';
      }
    };
    // The villages drawn once the map settles: each pan or zoom brings other villages into view.
    const collect = () => {
      put();
      if (!map.getLayer(VILLAGE_TILE_FILL)) return;
      const features = map.queryRenderedFeatures({ layers: [VILLAGE_TILE_FILL] });
      const next = unitsOfTiles(features, latest.current.labels);
      const key = `${latest.current.template}|${next.map((u) => u.props.code).join(',')}`;
      if (key === shown.current) return;
      shown.current = key;
      setUnits(next);
    };
    put();
    map.on('styledata', put);
    map.on('idle', collect);
    return () => {
      map.off('styledata', put);
      map.off('idle', collect);
    };
  }, [instance, enabled]);

  // A new filter or newer data: the same source, its tiles asked for again (once: the source just
  // put in place already asks for the template it was made with).
  useEffect(() => {
    if (!instance || !enabled) return;
    const source = instance.map.getSource(VILLAGE_TILE_SOURCE) as VectorTileSource | undefined;
    if (!source || (asked.current.template === template && asked.current.revision === revision)) return;
    asked.current = { template, revision };
    shown.current = '';
    source.setTiles([template]);
  }, [instance, enabled, template, revision]);

  // A theme switch: the same tiles in the other palette.
  useEffect(() => {
    if (instance && enabled && instance.map.getLayer(VILLAGE_TILE_FILL)) ensure(instance.map, latest.current.template, palette, alpha);
  }, [instance, enabled, palette, alpha]);

  return enabled ? units : [];
}

/**
 * The tiles' villages coloured by `colorOf` through feature state, keyed by the village code
 * (promoteId); `colorKey` changes whenever `colorOf` colours differently.
 */
export function useVillageTileColors(instance: DeckMap | null, enabled: boolean, units: readonly Unit[], colorOf: ((u: Unit) => RGB) | null, colorKey: string): void {
  const latestColorOf = useRef(colorOf);
  latestColorOf.current = colorOf;
  // biome-ignore lint/correctness/useExhaustiveDependencies: colorKey says when colorOf colours differently
  useEffect(() => {
    if (!instance || !enabled || !instance.map.getSource(VILLAGE_TILE_SOURCE)) return;
    const { map } = instance;
    const paint = latestColorOf.current;
    map.removeFeatureState({ source: VILLAGE_TILE_SOURCE, sourceLayer: VILLAGE_TILE_LAYER });
    if (!paint) return;
    for (const u of units) map.setFeatureState({ source: VILLAGE_TILE_SOURCE, sourceLayer: VILLAGE_TILE_LAYER, id: u.props.code }, { fill: rgbToHex(paint(u)) });
  }, [instance, enabled, units, colorKey]);
}

/** The village tile feature under a canvas point, if any (the hover of the tile layer). */
export function villageTileAt(map: MaplibreMap, x: number, y: number): Record<string, unknown> | null {
  if (!map.getLayer(VILLAGE_TILE_FILL)) return null;
  const [hit] = map.queryRenderedFeatures([x, y], { layers: [VILLAGE_TILE_FILL] });
  return (hit?.properties as Record<string, unknown> | undefined) ?? null;
}

/** A click on a village of the tiles selects it, in its township (as a click on a GeoJSON village does). */
export function villageTileSelection(map: MaplibreMap, x: number, y: number): { township: string; village: string } | null {
  const p = villageTileAt(map, x, y);
  const code = typeof p?.code === 'string' ? p.code : null;
  const township = typeof p?.townshipCode === 'string' ? p.townshipCode : null;
  return code && township ? { township, village: code } : null;
}
