import type { Layer } from '@deck.gl/core';
import { useEffect, useRef, useState } from 'react';
import type { BBox } from '../map/geometry.ts';
import { bboxOfCoordinates } from '../map/geometry.ts';
import type { TownshipFeature } from '../map/layers/unit-layers.ts';
import type { DeckMap } from '../map/useDeckMap.ts';
import type { MapScreen } from './wall-labels.ts';

/**
 * Frames the county or a township with the same padding on every side, in screen pixels the
 * caller scales: the dashboard's framing keeps room on the left for its panels, which the wall
 * does not have, and a fixed pixel margin would be half as wide on a 4K wall. Nobody pans a wall,
 * so a resized map (the legend under it changing height) is framed again at once.
 */
export function useScreenFrame(instance: DeckMap | null, county: BBox | null, township: string | null, townships: readonly TownshipFeature[], padding: number | undefined): void {
  const framed = useRef<{ key: string; bbox: BBox } | null>(null);
  useEffect(() => {
    if (!instance || !county || padding === undefined) return;
    const key = `${township ?? ''}|${padding}`;
    if (framed.current?.key === key) return;
    const bbox = township ? bboxOfCoordinates(townships.find((f) => f.properties.code === township)?.geometry.coordinates) : county;
    if (!bbox) return;
    const first = framed.current === null;
    framed.current = { key, bbox };
    instance.map.fitBounds(bbox, { padding, duration: first ? 0 : 700, maxZoom: 12.5 });
  }, [instance, county, township, townships, padding]);
  useEffect(() => {
    if (!instance || padding === undefined) return;
    const refit = () => framed.current && instance.map.fitBounds(framed.current.bbox, { padding, duration: 0, maxZoom: 12.5 });
    instance.map.on('resize', refit);
    return () => void instance.map.off('resize', refit);
  }, [instance, padding]);
}

/**
 * The map's size and projection after each move and resize, for placing names in screen space;
 * null until the map exists. `version` changes with every settled view.
 */
export function useMapScreen(instance: DeckMap | null, enabled: boolean): (MapScreen & { version: number }) | null {
  const [screen, setScreen] = useState<(MapScreen & { version: number }) | null>(null);
  useEffect(() => {
    if (!instance || !enabled) return;
    const { map } = instance;
    let version = 0;
    const update = () => {
      const box = map.getContainer();
      version += 1;
      setScreen({
        width: box.clientWidth,
        height: box.clientHeight,
        project: ([lng, lat]) => {
          const p = map.project([lng, lat]);
          return [p.x, p.y];
        },
        bounds: map.getBounds().toArray().flat() as [number, number, number, number],
        version,
      });
    };
    update();
    map.on('moveend', update);
    map.on('resize', update);
    return () => {
      map.off('moveend', update);
      map.off('resize', update);
    };
  }, [instance, enabled]);
  return screen;
}

type PixelProps = {
  lineWidthUnits?: string;
  getLineWidth?: unknown;
  lineWidthMinPixels?: number;
  lineWidthMaxPixels?: number;
  radiusPixels?: number;
};

/**
 * A layer of the shared registry with its screen-pixel sizes times `k`: line widths given in
 * pixels, the pixel bounds of widths given in metres (the river) and the heatmap's radius. The
 * registry sizes them for a laptop; the wall's screen scale must reach them too, or a 4K wall
 * shows hairlines and half-size heat where a 1080p one shows lines and blobs. Widths given per
 * feature (functions) are left alone: none of the wall's layers has one.
 */
export function scalePixels(layer: Layer, k: number): Layer {
  if (k === 1) return layer;
  const p = layer.props as PixelProps;
  const next: PixelProps = {};
  if (p.lineWidthUnits === 'pixels' && typeof p.getLineWidth === 'number') next.getLineWidth = p.getLineWidth * k;
  if (typeof p.lineWidthMinPixels === 'number' && p.lineWidthMinPixels > 0) next.lineWidthMinPixels = p.lineWidthMinPixels * k;
  // deck.gl's default maximum is MAX_SAFE_INTEGER, "no bound": only a real bound is scaled.
  if (typeof p.lineWidthMaxPixels === 'number' && p.lineWidthMaxPixels < Number.MAX_SAFE_INTEGER) next.lineWidthMaxPixels = p.lineWidthMaxPixels * k;
  if (typeof p.radiusPixels === 'number') next.radiusPixels = p.radiusPixels * k;
  return Object.keys(next).length ? layer.clone(next as never) : layer;
}
