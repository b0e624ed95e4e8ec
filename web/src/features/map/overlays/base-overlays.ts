import { basemapCountyBorderLayers, basemapLandLayers, basemapRiverLayers } from '../layers/basemap-layers.ts';
import { labelLayers } from '../layers/label-layers.ts';
import { referenceLayers, seatLayers } from '../layers/reference-layers.ts';
import { selectionOutlineLayers } from '../layers/unit-layers.ts';
import { defineOverlay } from './overlay-spec.tsx';

// The fixed parts of every map: no legend, no tooltip, nothing to click. They are registry entries
// like the overlays (not a frame around them) because they interleave with them in the drawing order.

export const basemapLandOverlay = defineOverlay({
  id: 'basemap-land',
  base: true,
  // Over village tiles none either: MapLibre draws them under every deck.gl layer, and the villages
  // cover the county's land themselves.
  layers: (ctx) => basemapLandLayers(ctx.basemap, ctx.palette, !ctx.raster && ctx.villageTiles !== true),
});

export const basemapRiverOverlay = defineOverlay({
  id: 'basemap-river',
  base: true,
  layers: (ctx) => basemapRiverLayers(ctx.basemap, ctx.palette),
});

export const countyBorderOverlay = defineOverlay({
  id: 'basemap-county-border',
  base: true,
  layers: (ctx) => basemapCountyBorderLayers(ctx.basemap, ctx.palette),
});

/** Township outlines over any basemap and the unit fills (layers/reference-layers.ts). */
export const referenceOverlay = defineOverlay({
  id: 'reference',
  layers: (ctx) => referenceLayers(ctx.townships, ctx.palette),
});

/** Township seat dots, over the density and the event points, under the names. */
export const seatsOverlay = defineOverlay({
  id: 'seats',
  layers: (ctx) => seatLayers(ctx.townships, ctx.palette),
});

export const selectionOverlay = defineOverlay({
  id: 'selection',
  layers: (ctx) =>
    selectionOutlineLayers({ townships: ctx.townships, villages: ctx.villages, selectedTownship: ctx.view.township, selectedVillage: ctx.view.village, palette: ctx.palette }),
});

export const labelsOverlay = defineOverlay({
  id: 'labels',
  layers: (ctx) =>
    ctx.view.layers.includes('labels')
      ? labelLayers({
          townships: ctx.townships,
          villages: ctx.villages,
          // Zoomed in, every village in view is named, from the basemap's label points.
          otherVillages: ctx.villageNames ? ctx.basemap.villageLabels : [],
          selectedTownship: ctx.view.township,
          selectedVillage: ctx.view.village,
          palette: ctx.palette,
          onChoropleth: ctx.scale !== null,
          sizeScale: ctx.typeScale ?? 1,
        })
      : [],
});
