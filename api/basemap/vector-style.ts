import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { layers, namedFlavor } from '@protomaps/basemaps';
import type { StyleSpecification } from 'maplibre-gl';
import type { PackageInfo } from './package.ts';
import { PACKAGE_TILES } from './providers.ts';

export type StyleTheme = 'light' | 'dark';

/** The first CJK range (一 U+4E00 lies in 19968-20223): a fonts folder with it serves CJK glyphs itself. */
export const CJK_PROBE_RANGE = '19968-20223.pbf';
const FONT = 'Noto Sans Regular';

/**
 * The MapLibre style of a vector package in the Protomaps schema, from @protomaps/basemaps (its
 * light or dark flavour, names in simplified Chinese). Glyphs and sprites come from this API when
 * BASEMAP_ASSETS holds them; without glyphs MapLibre draws every label from the browser's fonts,
 * without sprites the icons (POIs, shields) are left out. Nothing is fetched from elsewhere.
 */
export function vectorStyle(info: PackageInfo, theme: StyleTheme, assets: string | undefined, attribution: string | null): StyleSpecification {
  const fonts = assets ? join(assets, 'fonts') : null;
  const hasGlyphs = fonts !== null && existsSync(join(fonts, FONT));
  const hasSprite = assets !== undefined && existsSync(join(assets, 'sprites', `${theme}.json`));
  const style: StyleSpecification = {
    version: 8,
    name: `hengyang-package-${theme}`,
    metadata: { 'hengyang:cjk-glyphs': hasGlyphs && fonts !== null && existsSync(join(fonts, FONT, CJK_PROBE_RANGE)) },
    sources: {
      protomaps: {
        type: 'vector',
        tiles: [PACKAGE_TILES],
        minzoom: info.minZoom,
        maxzoom: info.maxZoom,
        bounds: info.bounds,
        ...(attribution ? { attribution } : {}),
      },
    },
    layers: layers('protomaps', namedFlavor(theme), { lang: 'zh-Hans' }) as StyleSpecification['layers'],
  };
  if (hasGlyphs) style.glyphs = '/api/basemap/glyphs/{fontstack}/{range}.pbf';
  if (hasSprite) style.sprite = `/api/basemap/sprites/${theme}`;
  return style;
}
