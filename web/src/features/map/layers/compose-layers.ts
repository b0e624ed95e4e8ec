import type { Layer } from '@deck.gl/core';
import type { Basemap } from '../../../../../api/queries/basemap.ts';
import type { ViewState } from '../../url-state/view-state.ts';
import type { MapPalette } from '../map-theme.ts';
import type { ColorScale } from '../metrics.ts';
import { basemapLayers } from './basemap-layers.ts';
import { eventLayers, type AggregationModule, type EventRow } from './event-layers.ts';
import { labelLayers } from './label-layers.ts';
import { unitLayers, type TownshipFeature, type VillageFeature } from './unit-layers.ts';
import { silentVillageLayers, type SilentLayersInput } from '../../coverage/silent-layers.ts';

export interface ComposeInput {
  view: Pick<ViewState, 'township' | 'village' | 'layers' | 'events'>;
  basemap: Basemap;
  /** A raster basemap is configured: the county's land is left transparent over it. */
  raster: boolean;
  townships: readonly TownshipFeature[];
  villages: readonly VillageFeature[];
  scale: ColorScale | null;
  colorKey: string;
  palette: MapPalette;
  /** Label size factor from the page's root font size. */
  typeScale?: number;
  events: { rows: readonly EventRow[]; dataKey: string; agg: AggregationModule | null; highZoom: boolean; onHexDomain: (d: [number, number]) => void } | null;
  /** "No information" villages, hatched over the choropleth so they never read as "no incidents". */
  silent?: SilentLayersInput | null;
}

/**
 * Every deck.gl layer of the view, bottom to top: land, unit fills, river and county border,
 * selection outlines, event density or points, names. Ids are stable so deck.gl diffs instead of
 * rebuilding.
 */
export function composeLayers({ view, basemap, raster, townships, villages, scale, colorKey, palette, typeScale = 1, events, silent }: ComposeInput): Layer[] {
  const base = basemapLayers(basemap, palette, !raster);
  // The basemap alone while townships load: its polygons and lines compile the very shaders the
  // townships need, while their request is still out (seconds saved on a software GPU).
  if (townships.length === 0) return [...base.below, ...base.above];
  const units = unitLayers({
    townships,
    villages,
    selectedTownship: view.township,
    selectedVillage: view.village,
    colorOf: scale ? scale.colorOf : null,
    colorKey,
    palette,
    dimFills: events !== null && events.agg !== null && (view.layers.includes('heat') || view.layers.includes('hex')),
  });
  const silentLayers = silent && scale ? silentVillageLayers(silent) : [];
  const layers: Layer[] = [...base.below, ...units.fills, ...base.above, ...silentLayers, ...units.outlines];
  if (events) {
    layers.push(
      ...eventLayers({
        rows: events.rows,
        kind: view.events,
        heat: view.layers.includes('heat'),
        hex: view.layers.includes('hex'),
        points: view.layers.includes('points'),
        pointsVisible: events.highZoom,
        hexRadius: view.township === null ? 1500 : 500,
        agg: events.agg,
        palette,
        dataKey: events.dataKey,
        onHexDomain: events.onHexDomain,
      }),
    );
  }
  if (view.layers.includes('labels')) {
    layers.push(...labelLayers({ townships, villages, selectedTownship: view.township, selectedVillage: view.village, palette, onChoropleth: scale !== null, sizeScale: typeScale }));
  }
  return layers;
}
