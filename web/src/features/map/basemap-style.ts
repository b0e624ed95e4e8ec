import type { StyleSpecification } from 'maplibre-gl';
import type { Theme } from '../url-state/view-state.ts';

export const BACKGROUND: Record<Theme, string> = { light: '#e3e7ec', dark: '#08101a' };

export interface BasemapStyleInput {
  theme: Theme;
  /** Raster tile template from the runtime config, or null for the offline basemap. */
  rasterUrl: string | null;
  rasterAttribution?: string | null;
}

/**
 * The MapLibre style: a plain background, optionally under a site's raster tiles. No `glyphs`
 * and no `sprite`, hence no symbol layers: MapLibre would fetch fonts from a URL and the intranet
 * has none. Our own geometry (county outline, Xiang River, townships, villages) and every label
 * are deck.gl layers over it: they share deck.gl's already compiled shaders, where MapLibre would
 * compile its own fill/line/clipping programs, a second or more on a software-rendered GPU.
 */
export function basemapStyle({ theme, rasterUrl, rasterAttribution }: BasemapStyleInput): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: `hengyang-${theme}`,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND[theme] } }],
  };
  if (rasterUrl) {
    style.sources.raster = {
      type: 'raster',
      tiles: [rasterUrl],
      tileSize: 256,
      ...(rasterAttribution ? { attribution: rasterAttribution } : {}),
    };
    style.layers.push({ id: 'raster', type: 'raster', source: 'raster', paint: { 'raster-opacity': theme === 'dark' ? 0.55 : 0.9 } });
  }
  return style;
}
