import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { EventRow } from '../../../api/types.ts';
import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from '../../filters/api-filters.ts';
import type { EventKind } from '../../url-state/view-state.ts';
import { categoryColor, DENSITY_RAMP } from '../color-scales.ts';
import type { MapPalette } from '../map-theme.ts';
import { heatmapLayerClass } from './heatmap-layer.ts';

export type { EventRow };

/** The aggregation layers arrive in their own chunk, only when a user turns one on. */
export type AggregationModule = typeof import('@deck.gl/aggregation-layers');

export const CATEGORIES_OF: Record<EventKind, readonly string[]> = { dispute: DISPUTE_CATEGORIES, hazard: HAZARD_CATEGORIES };

export interface EventLayersInput {
  rows: readonly EventRow[];
  kind: EventKind;
  heat: boolean;
  hex: boolean;
  points: boolean;
  /** Points only when zoomed in; the layer stays built so toggling zoom is instant. */
  pointsVisible: boolean;
  /** Hexagon size in metres: smaller inside a township. */
  hexRadius: number;
  agg: AggregationModule | null;
  palette: MapPalette;
  dataKey: string;
  onHexDomain?: (domain: [number, number]) => void;
}

const position = (r: EventRow): [number, number] => [r.lng, r.lat];

/** Heatmap then hexbins: both wait for the aggregation module, which loads on demand. */
export function densityLayers(input: Omit<EventLayersInput, 'points' | 'pointsVisible' | 'palette'>): Layer[] {
  const { rows, kind, agg, dataKey } = input;
  const data = rows as EventRow[];
  const layers: Layer[] = [];
  if (agg && input.heat) {
    const HeatmapLayer = heatmapLayerClass(agg);
    layers.push(
      new HeatmapLayer<EventRow>({
        id: `events-heat-${kind}`,
        data,
        getPosition: position,
        radiusPixels: 36,
        intensity: 1.2,
        // Weak density stays transparent (and the palest colour is skipped) so the choropleth
        // under it still reads; only the concentrations are painted.
        threshold: 0.12,
        colorRange: DENSITY_RAMP.slice(1),
        opacity: 0.85,
        updateTriggers: { getPosition: dataKey },
      }),
    );
  }
  if (agg && input.hex) {
    layers.push(
      new agg.HexagonLayer<EventRow>({
        id: `events-hex-${kind}`,
        data,
        getPosition: position,
        radius: input.hexRadius,
        coverage: 0.92,
        extruded: false,
        opacity: 0.75,
        pickable: true,
        gpuAggregation: false,
        colorRange: DENSITY_RAMP,
        onSetColorDomain: input.onHexDomain,
        updateTriggers: { getPosition: dataKey },
      }),
    );
  }
  return layers;
}

/** One dot per event, coloured by category; built but hidden below the points zoom. */
export function pointLayers(input: Pick<EventLayersInput, 'rows' | 'kind' | 'points' | 'pointsVisible' | 'palette' | 'dataKey'>): Layer[] {
  const { rows, kind, palette, dataKey } = input;
  const data = rows as EventRow[];
  const layers: Layer[] = [];
  if (input.points) {
    const categories = CATEGORIES_OF[kind];
    layers.push(
      new ScatterplotLayer<EventRow>({
        id: `events-points-${kind}`,
        data,
        visible: input.pointsVisible,
        pickable: true,
        getPosition: position,
        getFillColor: (r) => categoryColor(r.category, categories),
        getLineColor: palette.pointStroke,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        radiusUnits: 'pixels',
        getRadius: 5,
        updateTriggers: { getFillColor: dataKey, getLineColor: [palette.pointStroke] },
      }),
    );
  }
  return layers;
}
