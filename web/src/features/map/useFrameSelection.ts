import { useEffect, useRef } from 'react';
import type { Basemap } from '../../api/types.ts';
import { type BBox, bboxOfCoordinates } from './geometry.ts';
import type { TownshipFeature, VillageFeature } from './layers/unit-layers.ts';
import { FIT_PADDING } from './map-theme.ts';
import type { DeckMap } from './useDeckMap.ts';

/**
 * Frames the selection: the county, a township, or a village. Only when the selection changes
 * (not on every refetch), so a user's own panning survives a period change; a unit whose
 * geometry is still loading is framed when it arrives.
 */
export function useFrameSelection(
  instance: DeckMap | null,
  basemap: Basemap | undefined,
  selection: { township: string | null; village: string | null },
  townships: readonly TownshipFeature[],
  villages: readonly VillageFeature[],
): void {
  const framed = useRef<string | null>(null);
  const { township, village } = selection;
  useEffect(() => {
    if (!instance || !basemap) return;
    const key = `${township ?? ''}|${village ?? ''}`;
    if (framed.current === key) return;
    let bbox: BBox | null;
    if (village) bbox = bboxOfCoordinates(villages.find((f) => f.properties.code === village)?.geometry.coordinates);
    else if (township) bbox = bboxOfCoordinates(townships.find((f) => f.properties.code === township)?.geometry.coordinates);
    else bbox = basemap.bbox;
    if (!bbox) return;
    const first = framed.current === null;
    framed.current = key;
    if (first && key === '|') return; // the map was created on the county's bounds
    // A village keeps some of its neighbours in view; a first frame (a pasted link) jumps.
    instance.map.fitBounds(bbox, { padding: FIT_PADDING, duration: first ? 0 : 700, maxZoom: village ? 12 : 12.5 });
  }, [instance, basemap, township, village, townships, villages]);
}
