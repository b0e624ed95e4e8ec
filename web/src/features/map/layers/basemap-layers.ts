import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Basemap, BasemapFeature } from '../../../../../api/queries/basemap.ts';
import type { MapPalette } from '../map-theme.ts';

export interface BasemapLayers {
  /** Under the units: the county's land. */
  below: Layer[];
  /** Over the units' fills: the river and the county border stay readable on any colour. */
  above: Layer[];
}

/** The offline basemap from GET /api/basemap: county land and border, the Xiang River. */
export function basemapLayers(basemap: Basemap, palette: MapPalette, withLand: boolean): BasemapLayers {
  const county = basemap.features.filter((f) => f.properties.layer === 'county');
  const river = basemap.features.filter((f) => f.properties.layer === 'river');
  const below: Layer[] = withLand
    ? [new GeoJsonLayer<BasemapFeature['properties']>({ id: 'basemap-land', data: county as never, filled: true, stroked: false, getFillColor: palette.land, updateTriggers: { getFillColor: [palette.land] } })]
    : [];
  return {
    below,
    above: [
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
      new GeoJsonLayer<BasemapFeature['properties']>({
        id: 'basemap-county-border',
        data: county as never,
        filled: false,
        stroked: true,
        getLineColor: palette.countyLine,
        getLineWidth: 2.5,
        lineWidthUnits: 'pixels',
        updateTriggers: { getLineColor: [palette.countyLine] },
      }),
    ],
  };
}
