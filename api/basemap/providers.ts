import type { Config } from '../config.ts';

/** The datum a basemap's tiles are drawn in. Tianditu's CGCS2000 is WGS84 within a metre here. */
export type BasemapCrs = 'wgs84' | 'gcj02';

/** One raster layer of a basemap, bottom to top (Tianditu: the map, then its annotation). */
export interface RasterLayerSpec {
  id: string;
  tiles: string[];
}

/**
 * What the page needs to draw the configured basemap: raster templates, or the URL of a vector
 * style served by this API. 'none' is the built-in basemap (our own outlines and rivers).
 */
export interface BasemapSpec {
  provider: Config['BASEMAP'];
  kind: 'none' | 'raster' | 'vector';
  crs: BasemapCrs;
  rasters: RasterLayerSpec[];
  /** A MapLibre style (vector packages), served by this API. */
  style: string | null;
  /** Attribution as shown on the map, the exports and the briefing, 审图号 included. */
  attribution: string | null;
  minZoom: number;
  maxZoom: number;
}

/** The package's tile routes; `{z}/{x}/{y}` with no extension, its content type says what it is. */
export const PACKAGE_TILES = '/api/basemap/tiles/{z}/{x}/{y}';
export const PACKAGE_STYLE = '/api/basemap/style.json';

/** Public defaults; an intranet sets BASEMAP_URL to its proxy of the same service. */
export const DEFAULT_TEMPLATES: Partial<Record<Config['BASEMAP'], string>> = {
  // Tianditu's DataServer form: T = layer and tile matrix set (vec_w: vector, Web Mercator).
  tianditu: 'https://t0.tianditu.gov.cn/DataServer?T={layer}_w&x={x}&y={y}&l={z}&tk={tk}',
  // AMap's road map with labels (style 8), GCJ-02.
  amap: 'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
};

const DEFAULT_ATTRIBUTION: Partial<Record<Config['BASEMAP'], string>> = {
  tianditu: '© 天地图 (国家地理信息公共服务平台)',
  amap: '© 高德地图 (AutoNavi)',
};

/** Tianditu's annotation layer for each of its base layers (vector, imagery, terrain). */
const TIANDITU_ANNOTATION = { vec: 'cva', img: 'cia', ter: 'cta' } as const;

/** The basemap's attribution line: the site's own text (or the provider's), then the 审图号. */
export function attributionOf(config: Config): string | null {
  const text = config.BASEMAP_ATTRIBUTION || DEFAULT_ATTRIBUTION[config.BASEMAP] || '';
  const review = config.BASEMAP_REVIEW_NUMBER ? `审图号：${config.BASEMAP_REVIEW_NUMBER}` : '';
  const line = [text, review].filter(Boolean).join(' · ');
  return line || null;
}

/** Every raster template the page will load tiles from (for the CSP and the client config). */
export function rasterLayers(config: Config): RasterLayerSpec[] {
  const template = config.BASEMAP_URL ?? DEFAULT_TEMPLATES[config.BASEMAP];
  switch (config.BASEMAP) {
    case 'xyz':
    case 'amap':
      return template ? [{ id: config.BASEMAP, tiles: [template] }] : [];
    case 'tianditu': {
      if (!template) return [];
      const withKey = template.replaceAll('{tk}', encodeURIComponent(config.BASEMAP_TIANDITU_TK ?? ''));
      const base = config.BASEMAP_TIANDITU_LAYER;
      return [
        { id: `tianditu-${base}`, tiles: [withKey.replaceAll('{layer}', base)] },
        { id: `tianditu-${TIANDITU_ANNOTATION[base]}`, tiles: [withKey.replaceAll('{layer}', TIANDITU_ANNOTATION[base])] },
      ];
    }
    default:
      return [];
  }
}

/** The CRS a provider draws in unless BASEMAP_CRS says otherwise. */
export function crsOf(config: Config): BasemapCrs {
  return config.BASEMAP_CRS ?? (config.BASEMAP === 'amap' ? 'gcj02' : 'wgs84');
}

/** The spec of a tile-URL provider, or of the built-in basemap; a package's comes from its header (package.ts). */
export function templateBasemap(config: Config): BasemapSpec {
  const rasters = rasterLayers(config);
  return {
    provider: config.BASEMAP,
    kind: rasters.length ? 'raster' : 'none',
    crs: crsOf(config),
    rasters,
    style: null,
    attribution: rasters.length ? attributionOf(config) : null,
    minZoom: 0,
    maxZoom: 18,
  };
}
