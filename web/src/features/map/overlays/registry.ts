import { silentOverlay } from '../../coverage/silent-overlay.tsx';
import { basemapLandOverlay, basemapRiverOverlay, countyBorderOverlay, labelsOverlay, referenceOverlay, seatsOverlay, selectionOverlay } from './base-overlays.ts';
import { choroplethOverlay } from './choropleth-overlay.tsx';
import { densityOverlay } from './density-overlay.tsx';
import { eventPointsOverlay } from './event-points-overlay.tsx';
import type { MapOverlay } from './overlay-spec.tsx';

/**
 * Every overlay of the map, bottom to top: this order is the drawing order and the legend's.
 * The reference frame (township outlines) sits over any basemap and the unit fills; its seat dots
 * sit over the density and the points too, or a heat blob would recolour them.
 * The basemap's land and lines, the selection outlines and the names are entries too, not a frame
 * around the registry: the river must sit over the unit fills but under the outlines, the county
 * border over the township outlines (its edge is theirs) but under the hatch and the selection, so
 * they interleave with the overlays. A new overlay is one file
 * exporting a `defineOverlay(...)` and one line here.
 */
export const MAP_OVERLAYS: readonly MapOverlay[] = [
  basemapLandOverlay,
  choroplethOverlay,
  basemapRiverOverlay,
  referenceOverlay,
  countyBorderOverlay,
  silentOverlay,
  selectionOverlay,
  densityOverlay,
  eventPointsOverlay,
  seatsOverlay,
  labelsOverlay,
];
