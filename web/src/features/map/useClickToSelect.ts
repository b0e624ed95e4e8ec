import type { PickingInfo } from '@deck.gl/core';
import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { ViewPatch } from '../url-state/useViewState.ts';
import type { LayerContext, MapOverlay } from './overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from './overlays/registry.ts';
import type { DeckMap } from './useDeckMap.ts';

/** What a click on the map at one pick selects: the first overlay whose click answers it. */
export function selectionAt(info: PickingInfo | null, ctx: LayerContext, overlays: readonly MapOverlay[] = MAP_OVERLAYS): ViewPatch | null {
  if (!info) return null;
  for (const o of overlays) {
    const patch = o.click?.select(info, ctx) ?? null;
    if (patch) return patch;
  }
  return null;
}

/**
 * Clicks are taken from MapLibre (which owns the canvas and tells a click from a drag) and
 * resolved with a deck.gl pick of the overlays' clickable layers only (the units), so an event
 * point or a hexagon on top never hides the village under it. deck.gl's own tap detection drops
 * clicks while the main thread is busy (charts loading right after the first map), which a chief
 * would feel as a dead map.
 */
export function useClickToSelect(
  instance: DeckMap | null,
  update: (patch: ViewPatch) => void,
  ctx: LayerContext | null,
  overlays: readonly MapOverlay[] = MAP_OVERLAYS,
  /** What a click selects in MapLibre's own layers (the village tiles), asked before deck.gl's. */
  mapSelection?: (map: DeckMap['map'], x: number, y: number) => ViewPatch | null,
): void {
  // The listener stays attached across renders and reads the rows on screen at click time.
  const latest = useRef(ctx);
  latest.current = ctx;
  useEffect(() => {
    if (!instance) return;
    const layerIds = overlays.flatMap((o) => o.click?.layerIds ?? []);
    const onClick = (e: MapMouseEvent) => {
      const current = latest.current;
      if (!current) return;
      const own = mapSelection?.(instance.map, e.point.x, e.point.y) ?? null;
      if (own) return update(own);
      const info = instance.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds });
      const patch = selectionAt(info, current, overlays);
      if (patch) update(patch);
    };
    instance.map.on('click', onClick);
    return () => {
      instance.map.off('click', onClick);
    };
  }, [instance, update, overlays, mapSelection]);
}
