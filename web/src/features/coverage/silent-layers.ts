import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { VillageFeature } from '../map/layers/unit-layers.ts';
import type { VillageProps } from '../map/metrics.ts';
import type { Theme } from '../url-state/view-state.ts';
import { hatchMultiPolygon, type Segment } from './hatch.ts';

export const SILENT_WASH_ID = 'silent-villages';
export const SILENT_HATCH_ID = 'silent-villages-hatch';

type RGBA = [number, number, number, number];

/**
 * Grey on every choropleth: a wash that mutes the metric's colour, a hatch and a grey outline.
 * Neither layer is pickable, so hover and click still reach the village underneath.
 */
const SILENT_STYLE: Record<Theme, { wash: RGBA; hatch: RGBA; outline: RGBA }> = {
  light: { wash: [110, 116, 126, 90], hatch: [70, 76, 86, 220], outline: [70, 76, 86, 255] },
  dark: { wash: [150, 160, 175, 70], hatch: [205, 212, 222, 220], outline: [205, 212, 222, 255] },
};

/** CSS for the legend swatch, the same hatch as the map's. */
export const SILENT_SWATCH_CSS: Record<Theme, string> = {
  light: 'repeating-linear-gradient(135deg, #464c56 0 1.5px, #c4c7cc 1.5px 5px)',
  dark: 'repeating-linear-gradient(135deg, #cdd4de 0 1.5px, #3b4656 1.5px 5px)',
};

/** Hatch step in degrees: about 10 px apart at the zoom each scope is seen at. */
export const HATCH_SPACING = { county: 0.008, township: 0.0025 } as const;

export function silentHatch(features: readonly VillageFeature[], spacing: number): Segment[] {
  const lat0 = features[0]?.properties.labelPoint[1] ?? 27;
  return features.flatMap((f) => hatchMultiPolygon(f.geometry.coordinates, spacing, lat0));
}

export interface SilentLayersInput {
  features: readonly VillageFeature[];
  segments: readonly Segment[];
  theme: Theme;
}

export function silentVillageLayers({ features, segments, theme }: SilentLayersInput): Layer[] {
  if (features.length === 0) return [];
  const style = SILENT_STYLE[theme];
  return [
    new GeoJsonLayer<VillageProps>({
      id: SILENT_WASH_ID,
      data: features as VillageFeature[],
      pickable: false,
      filled: true,
      stroked: true,
      getFillColor: style.wash,
      getLineColor: style.outline,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [theme], getLineColor: [theme] },
    }),
    new PathLayer<Segment>({
      id: SILENT_HATCH_ID,
      data: segments as Segment[],
      pickable: false,
      getPath: (s) => s,
      getColor: style.hatch,
      getWidth: 1.25,
      widthUnits: 'pixels',
      updateTriggers: { getColor: [theme] },
    }),
  ];
}
