import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from '../../../api/types.ts';
import type { RGB } from '../color-scales.ts';
import type { MapPalette } from '../map-theme.ts';
import type { TownshipProps, Unit, VillageProps } from '../metrics.ts';

export type TownshipFeature = Feature<TownshipProps>;
export type VillageFeature = Feature<VillageProps>;

export interface UnitLayersInput {
  townships: readonly TownshipFeature[];
  /** Villages of the selected township (empty at county scope). */
  villages: readonly VillageFeature[];
  selectedTownship: string | null;
  selectedVillage: string | null;
  /** Colour of a unit by the chosen metric, or null when the choropleth is off. */
  colorOf: ((u: Unit) => RGB) | null;
  /** Changes whenever `colorOf` colours differently (metric, breaks, theme). */
  colorKey: string;
  palette: MapPalette;
  /** A density layer (heatmap, hexbins) is on: fills step back to a faint context under it. */
  dimFills?: boolean;
  /** The villages are drawn from vector tiles under the townships (county scope of a large map): townships are outlines. */
  villageTiles?: boolean;
}

const rgba = (c: RGB, a: number): [number, number, number, number] => [c[0], c[1], c[2], a];

/** The alpha unit fills are drawn with: a legend that composites its swatches needs the same. */
export const fillAlphaOf = (palette: MapPalette, dimmed = false): number => (dimmed ? palette.dimmedFillAlpha : palette.fillAlpha);

/**
 * Townships and villages as deck.gl layers. At county scope the townships carry the choropleth;
 * once a township is chosen its villages do, and the other townships stay as a pale, clickable
 * context so a chief can hop to a neighbour.
 */
export function unitFillLayers(input: UnitLayersInput): Layer[] {
  const { townships, villages, selectedTownship, colorOf, colorKey, palette } = input;
  const alpha = fillAlphaOf(palette, input.dimFills);
  const countyScope = selectedTownship === null;
  const overTiles = countyScope && input.villageTiles === true;
  const layers: Layer[] = [
    new GeoJsonLayer<TownshipProps>({
      id: 'townships',
      data: townships as TownshipFeature[],
      pickable: true,
      // Over village tiles the pointer names a village: a township lit under it would say otherwise.
      autoHighlight: !overTiles,
      highlightColor: palette.highlight,
      filled: true,
      stroked: true,
      getFillColor: (f) => {
        if (!countyScope) return f.properties.code === selectedTownship ? [0, 0, 0, 0] : palette.contextFill;
        if (overTiles) return [0, 0, 0, 0];
        return colorOf ? rgba(colorOf({ kind: 'township', props: f.properties }), alpha) : palette.neutralFill;
      },
      getLineColor: palette.townshipLine,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [colorKey, selectedTownship, countyScope, alpha, overTiles] },
    }),
  ];
  if (!countyScope) {
    layers.push(
      new GeoJsonLayer<VillageProps>({
        id: 'villages',
        data: villages as VillageFeature[],
        pickable: true,
        autoHighlight: true,
        highlightColor: palette.highlight,
        filled: true,
        stroked: true,
        getFillColor: (f) => (colorOf ? rgba(colorOf({ kind: 'village', props: f.properties }), alpha) : palette.neutralFill),
        getLineColor: palette.villageLine,
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        updateTriggers: { getFillColor: [colorKey, alpha] },
      }),
    );
  }
  return layers;
}

/** The chosen township's and village's outlines, drawn over the river so a selection always reads. */
export function selectionOutlineLayers({
  townships,
  villages,
  selectedTownship,
  selectedVillage,
  palette,
}: Pick<UnitLayersInput, 'townships' | 'villages' | 'selectedTownship' | 'selectedVillage' | 'palette'>): Layer[] {
  const outlines: Layer[] = [];
  const selectedTownshipFeature = townships.filter((f) => f.properties.code === selectedTownship);
  if (selectedTownshipFeature.length) {
    outlines.push(
      new GeoJsonLayer<TownshipProps>({
        id: 'selected-township',
        data: selectedTownshipFeature as TownshipFeature[],
        filled: false,
        stroked: true,
        getLineColor: palette.selected,
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        updateTriggers: { getLineColor: [palette.selected] },
      }),
    );
  }
  const selectedVillageFeature = villages.filter((f) => f.properties.code === selectedVillage);
  if (selectedVillageFeature.length) {
    outlines.push(
      new GeoJsonLayer<VillageProps>({
        id: 'selected-village',
        data: selectedVillageFeature as VillageFeature[],
        filled: false,
        stroked: true,
        getLineColor: palette.selected,
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        updateTriggers: { getLineColor: [palette.selected] },
      }),
    );
  }
  return outlines;
}
