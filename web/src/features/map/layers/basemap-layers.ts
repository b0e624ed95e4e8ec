import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Basemap, BasemapFeature } from '../../../api/types.ts';
import type { MapPalette } from '../map-theme.ts';

// The offline basemap from GET /api/basemap: county land and border, the Xiang River.
const countyOf = (basemap: Basemap) => basemap.features.filter((f) => f.properties.layer === 'county');

/** Under the units: the county's land (none over a raster basemap, which shows through). */
export function basemapLandLayers(basemap: Basemap, palette: MapPalette, withLand: boolean): Layer[] {
  if (!withLand) return [];
  return [
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: 'basemap-land',
      data: countyOf(basemap) as never,
      filled: true,
      stroked: false,
      getFillColor: palette.land,
      updateTriggers: { getFillColor: [palette.land] },
    }),
  ];
}

/** Over the units' fills, under the township outlines: the river stays readable on any colour. */
export function basemapRiverLayers(basemap: Basemap, palette: MapPalette): Layer[] {
  const river = basemap.features.filter((f) => f.properties.layer === 'river');
  return [
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: 'basemap-river',
      data: river as never,
      stroked: true,
      filled: false,
      getLineColor: palette.river,
      getLineWidth: 120,
      lineWidthUnits: 'meters',
      lineWidthMinPixels: 2,
      lineWidthMaxPixels: 8,
      lineCapRounded: true,
      lineJointRounded: true,
      updateTriggers: { getLineColor: [palette.river] },
    }),
  ];
}

/**
 * Over the township outlines: the county's edge is also its outer townships' edge, and a township
 * line drawn over it left only the border's blended fringe, a colour the legend does not show.
 */
export function basemapCountyBorderLayers(basemap: Basemap, palette: MapPalette): Layer[] {
  return [
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: 'basemap-county-border',
      data: countyOf(basemap) as never,
      filled: false,
      stroked: true,
      getLineColor: palette.countyLine,
      getLineWidth: 2.5,
      lineWidthUnits: 'pixels',
      updateTriggers: { getLineColor: [palette.countyLine] },
    }),
  ];
}
