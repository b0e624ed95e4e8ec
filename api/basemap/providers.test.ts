import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { basemapOrigin } from '../security-headers.ts';
import { attributionOf, rasterLayers, templateBasemap } from './providers.ts';

describe('basemap providers by name', () => {
  it.each([
    [{}, 'builtin', 'none', 'wgs84', 0],
    [{ BASEMAP: '', BASEMAP_URL: '', BASEMAP_PMTILES: '', BASEMAP_CRS: '' }, 'builtin', 'none', 'wgs84', 0],
    [{ BASEMAP_URL: '/tiles/{z}/{x}/{y}.png' }, 'xyz', 'raster', 'wgs84', 1],
    [{ BASEMAP: 'xyz', BASEMAP_URL: 'http://gaode-proxy/{z}/{x}/{y}', BASEMAP_CRS: 'gcj02' }, 'xyz', 'raster', 'gcj02', 1],
    [{ BASEMAP: 'amap', BASEMAP_REVIEW_NUMBER: 'GS(2024)0001号' }, 'amap', 'raster', 'gcj02', 1],
    [{ BASEMAP: 'tianditu', BASEMAP_TIANDITU_TK: 'k1', BASEMAP_REVIEW_NUMBER: 'GS(2024)0002号' }, 'tianditu', 'raster', 'wgs84', 2],
  ])('%j: provider %s, kind %s, CRS %s, %i raster layers', (env, provider, kind, crs, n) => {
    const spec = templateBasemap(loadConfig(env as Record<string, string>));
    expect(spec).toMatchObject({ provider, kind, crs });
    expect(spec.rasters).toHaveLength(n);
  });

  it('Tianditu: its map and annotation layers through the intranet proxy, key filled in, 审图号 in the attribution', () => {
    const c = loadConfig({
      BASEMAP: 'tianditu',
      BASEMAP_URL: 'http://10.0.0.8/tdt/{layer}_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}',
      BASEMAP_TIANDITU_TK: 'a b',
      BASEMAP_TIANDITU_LAYER: 'img',
      BASEMAP_REVIEW_NUMBER: 'GS(2024)0650号',
    });
    expect(rasterLayers(c).map((l) => l.tiles[0])).toEqual([
      'http://10.0.0.8/tdt/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=a%20b',
      'http://10.0.0.8/tdt/cia_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=a%20b',
    ]);
    expect(attributionOf(c)).toBe('© 天地图 (国家地理信息公共服务平台) · 审图号：GS(2024)0650号');
    expect(basemapOrigin(rasterLayers(c)[0]!.tiles[0])).toBe('http://10.0.0.8');
  });

  it('a site attribution replaces the provider default', () => {
    expect(attributionOf(loadConfig({ BASEMAP: 'amap', BASEMAP_ATTRIBUTION: '高德地图 (内网代理)', BASEMAP_REVIEW_NUMBER: 'GS(2024)1号' }))).toBe(
      '高德地图 (内网代理) · 审图号：GS(2024)1号',
    );
    expect(attributionOf(loadConfig({}))).toBeNull();
  });

  it.each([
    [{ BASEMAP: 'xyz' }, /BASEMAP_URL: BASEMAP=xyz needs/],
    [{ BASEMAP: 'pmtiles' }, /BASEMAP_PMTILES: BASEMAP=pmtiles needs/],
    [{ BASEMAP_PMTILES: '/no/such/area.pmtiles' }, /BASEMAP_PMTILES: no such file/],
    [{ BASEMAP: 'amap' }, /BASEMAP_REVIEW_NUMBER: .*审图号/],
    [{ BASEMAP: 'tianditu', BASEMAP_REVIEW_NUMBER: 'x' }, /BASEMAP_TIANDITU_TK/],
    [{ BASEMAP: 'tianditu', BASEMAP_REVIEW_NUMBER: 'x', BASEMAP_TIANDITU_TK: 'k', BASEMAP_URL: 'http://p/{z}/{x}/{y}' }, /needs \{layer\}/],
    [{ BASEMAP: 'google' }, /BASEMAP/],
    [{ BASEMAP_CRS: 'bd09' }, /BASEMAP_CRS/],
  ])('refuses %j, naming the key', (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
  });
});
