import type { Theme } from '../url-state/view-state.ts';
import type { RGBA } from './color-scales.ts';

/** Colours deck.gl draws with, per theme (CSS variables do not reach WebGL). */
export interface MapPalette {
  townshipLine: RGBA;
  villageLine: RGBA;
  contextFill: RGBA;
  neutralFill: RGBA;
  selected: RGBA;
  highlight: RGBA;
  label: RGBA;
  labelHalo: RGBA;
  mutedLabel: RGBA;
  pointStroke: RGBA;
  land: RGBA;
  river: RGBA;
  countyLine: RGBA;
  /** Alpha of choropleth fills, so a raster basemap still reads through. */
  fillAlpha: number;
  /** Alpha of the fills under a density layer (heatmap, hexbins), a faint context for it. */
  dimmedFillAlpha: number;
}

export const MAP_PALETTES: Record<Theme, MapPalette> = {
  light: {
    townshipLine: [70, 84, 102, 255],
    villageLine: [255, 255, 255, 220],
    contextFill: [226, 231, 237, 150],
    neutralFill: [214, 222, 232, 140],
    selected: [0, 87, 184, 255],
    highlight: [0, 87, 184, 70],
    label: [28, 36, 48, 255],
    labelHalo: [255, 255, 255, 235],
    mutedLabel: [92, 104, 120, 255],
    pointStroke: [255, 255, 255, 255],
    land: [251, 251, 248, 255],
    river: [96, 160, 220, 235],
    countyLine: [60, 72, 90, 255],
    fillAlpha: 225,
    dimmedFillAlpha: 101,
  },
  dark: {
    townshipLine: [150, 172, 200, 255],
    villageLine: [12, 22, 34, 220],
    contextFill: [30, 44, 62, 170],
    neutralFill: [40, 58, 82, 160],
    selected: [86, 196, 255, 255],
    highlight: [86, 196, 255, 80],
    label: [236, 242, 250, 255],
    labelHalo: [8, 14, 22, 235],
    mutedLabel: [160, 176, 196, 255],
    pointStroke: [10, 16, 24, 255],
    land: [19, 32, 47, 255],
    river: [64, 140, 210, 235],
    countyLine: [150, 176, 206, 255],
    fillAlpha: 240,
    dimmedFillAlpha: 108,
  },
};

/**
 * The wall's map: dark, with opaque fills under the heatmap as well. Its legend must show the
 * colour each class is painted, and a translucent fill has none of its own: over the land it is a
 * blend, over a raster basemap a different one in every pixel.
 */
export const WALL_PALETTE: MapPalette = { ...MAP_PALETTES.dark, fillAlpha: 255, dimmedFillAlpha: 255 };

/** Labels use the page's fonts: installed system CJK fonts, nothing downloaded. */
export const MAP_FONT_FAMILY = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** Event points appear from this zoom: below it thousands of dots are noise. */
export const POINTS_MIN_ZOOM = 11;

/**
 * A map of many villages draws them from tiles from this zoom (useVillageTiles), the townships
 * below it: a z9 tile holds about 900 of a province's villages, a z7 tile more than the 5,000 a
 * tile carries (TILE_MAX_FEATURES), and at 7 a village is a pixel or two anyway.
 */
export const VILLAGE_TILES_MIN_ZOOM = 9;

/** Every village in view is named from this zoom (a township fills a laptop screen at about 11). */
export const VILLAGE_NAMES_MIN_ZOOM = 12;

/** Room for the layer panel (top left) and the legend (bottom left) when framing a unit. */
export const FIT_PADDING = { top: 40, bottom: 40, left: 210, right: 40 };
