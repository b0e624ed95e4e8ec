import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import type { ViewPatch } from '../url-state/useViewState.ts';
import type { TownshipFeature, VillageFeature } from './layers/unit-layers.ts';
import type { DeckMap } from './useDeckMap.ts';

/** What a click on the map at one point selects: the village under it, else the township. */
export function selectionAt(pick: { layerId: string; object: unknown } | null): ViewPatch | null {
  if (!pick) return null;
  if (pick.layerId === 'villages') {
    const p = (pick.object as VillageFeature).properties;
    return { township: p.townshipCode, village: p.code };
  }
  if (pick.layerId === 'townships') return { township: (pick.object as TownshipFeature).properties.code, village: null };
  return null;
}

/**
 * Clicks are taken from MapLibre (which owns the canvas and tells a click from a drag) and
 * resolved with a deck.gl pick of the unit layers only, so an event point or a hexagon on top
 * never hides the village under it. deck.gl's own tap detection drops clicks while the main
 * thread is busy (charts loading right after the first map), which a chief would feel as a dead map.
 */
export function useClickToSelect(instance: DeckMap | null, update: (patch: ViewPatch) => void): void {
  useEffect(() => {
    if (!instance) return;
    const onClick = (e: MapMouseEvent) => {
      const info = instance.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: ['villages', 'townships'] });
      const patch = selectionAt(info?.layer && info.object ? { layerId: info.layer.id, object: info.object } : null);
      if (patch) update(patch);
    };
    instance.map.on('click', onClick);
    return () => {
      instance.map.off('click', onClick);
    };
  }, [instance, update]);
}
