import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapPalette } from '../map-theme.ts';
import type { TownshipFeature } from './unit-layers.ts';

/**
 * The reference frame every basemap gets from our own data, so even the built-in one answers
 * "where": township outlines with a halo, legible over any basemap colour, light or dark theme.
 * The seat dots (seatLayers) belong to the frame too but are drawn higher up (see the registry).
 */
export function referenceLayers(townships: readonly TownshipFeature[], palette: MapPalette): Layer[] {
  return [
    new GeoJsonLayer({
      id: 'reference-township-halo',
      data: townships as TownshipFeature[],
      filled: false,
      stroked: true,
      getLineColor: palette.labelHalo,
      getLineWidth: 4,
      lineWidthUnits: 'pixels',
      lineJointRounded: true,
      updateTriggers: { getLineColor: [palette.labelHalo] },
    }),
    new GeoJsonLayer({
      id: 'reference-township-lines',
      data: townships as TownshipFeature[],
      filled: false,
      stroked: true,
      getLineColor: palette.townshipLine,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      lineJointRounded: true,
      updateTriggers: { getLineColor: [palette.townshipLine] },
    }),
  ];
}

/**
 * A dot at each township seat, which the township names sit above (label-layers.ts). It is drawn
 * over the density layers and event points: a heat blob over the seat would turn the dot another
 * colour than the legend's.
 */
export function seatLayers(townships: readonly TownshipFeature[], palette: MapPalette): Layer[] {
  return [
    new ScatterplotLayer<TownshipFeature>({
      id: 'reference-seats',
      data: townships as TownshipFeature[],
      getPosition: (f) => f.properties.seat,
      getRadius: SEAT_RADIUS,
      radiusUnits: 'pixels',
      getFillColor: palette.label,
      stroked: true,
      getLineColor: palette.labelHalo,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [palette.label], getLineColor: [palette.labelHalo] },
    }),
  ];
}

/** The seat dot's radius in pixels; township names are lifted clear of it. */
export const SEAT_RADIUS = 3.5;
