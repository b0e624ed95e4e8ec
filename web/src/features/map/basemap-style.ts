import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapSpec } from '../runtime-config/runtime-config.ts';
import type { Theme } from '../url-state/view-state.ts';
import { gcj02TileUrl } from './gcj02-tiles.ts';

export const BACKGROUND: Record<Theme, string> = { light: '#e3e7ec', dark: '#08101a' };

export interface BasemapStyleInput {
  theme: Theme;
  /** The configured basemap (runtime config); the built-in one when null. */
  basemap: BasemapSpec | null;
  /** A vector package's style, as GET /api/basemap/style.json answered it for this theme. */
  vectorStyle?: StyleSpecification | null;
}

/** Resolves this server's paths (/api/basemap/...) against the page, for MapLibre's worker. */
const absolute = (url: string) => (url.startsWith('/') && typeof location !== 'undefined' ? `${location.origin}${url}` : url);

/**
 * The MapLibre style. Built-in: a plain background, no `glyphs`, no `sprite`, no symbol layers; our
 * own geometry (county, rivers, townships, villages) and every label are deck.gl layers over it,
 * sharing deck.gl's compiled shaders. A raster provider adds its layers (Tianditu: map, then
 * annotation), wrapped by the GCJ-02 protocol when its tiles are in GCJ-02. A vector package is
 * its own style (this server's tiles, glyphs and sprites only).
 */
export function basemapStyle({ theme, basemap, vectorStyle }: BasemapStyleInput): StyleSpecification {
  if (basemap?.kind === 'vector' && vectorStyle) return absoluteUrls(vectorStyle);
  const style: StyleSpecification = {
    version: 8,
    name: `hengyang-${theme}`,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND[theme] } }],
  };
  if (basemap?.kind !== 'raster') return style;
  basemap.rasters.forEach((layer, i) => {
    const id = i === 0 ? 'raster' : `raster-${layer.id}`;
    style.sources[id] = {
      type: 'raster',
      tiles: layer.tiles.map((t) => (basemap.crs === 'gcj02' ? gcj02TileUrl(absolute(t)) : t)),
      tileSize: 256,
      minzoom: basemap.minZoom,
      maxzoom: basemap.maxZoom,
      // One attribution line for the whole basemap, on its first source.
      ...(i === 0 && basemap.attribution ? { attribution: basemap.attribution } : {}),
    };
    // The map dimmed on the dark theme; its annotation (names) kept legible.
    const opacity = i === 0 ? (theme === 'dark' ? 0.55 : 0.9) : theme === 'dark' ? 0.8 : 1;
    style.layers.push({ id, type: 'raster', source: id, paint: { 'raster-opacity': opacity } });
  });
  return style;
}

function absoluteUrls(style: StyleSpecification): StyleSpecification {
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, s]) => [id, 'tiles' in s && Array.isArray(s.tiles) ? { ...s, tiles: s.tiles.map(absolute) } : s]),
  ) as StyleSpecification['sources'];
  return {
    ...style,
    sources,
    ...(style.glyphs ? { glyphs: absolute(style.glyphs) } : {}),
    ...(typeof style.sprite === 'string' ? { sprite: absolute(style.sprite) } : {}),
  };
}

/** The basemap's attribution (with its 审图号) as the map, the exports and the briefing show it. */
export function basemapAttribution(basemap: BasemapSpec | null | undefined): string | null {
  return basemap && basemap.kind !== 'none' ? basemap.attribution : null;
}
