import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { type BasemapSpec, BUILTIN_BASEMAP } from '../runtime-config/runtime-config.ts';
import { basemapAttribution, basemapStyle } from './basemap-style.ts';
import { parseGcj02TileUrl } from './gcj02-tiles.ts';

const raster = (over: Partial<BasemapSpec>): BasemapSpec => ({
  ...BUILTIN_BASEMAP,
  provider: 'xyz',
  kind: 'raster',
  rasters: [{ id: 'xyz', tiles: ['http://10.0.0.5/tdt/{z}/{x}/{y}.png'] }],
  ...over,
});

describe('basemapStyle', () => {
  it.each(['light', 'dark'] as const)('%s built-in style fetches nothing', (theme) => {
    const style = basemapStyle({ theme, basemap: BUILTIN_BASEMAP });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(Object.keys(style.sources)).toEqual([]);
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('adds a WGS84 raster as it is, with the attribution on its source, and nothing else that fetches', () => {
    const style = basemapStyle({ theme: 'light', basemap: raster({ attribution: '天地图 · 审图号：GS(2024)1号' }) });
    expect(style.sources).toEqual({
      raster: { type: 'raster', tiles: ['http://10.0.0.5/tdt/{z}/{x}/{y}.png'], tileSize: 256, minzoom: 0, maxzoom: 18, attribution: '天地图 · 审图号：GS(2024)1号' },
    });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'raster']);
    expect(style.glyphs).toBeUndefined();
  });

  it('stacks Tianditu map and annotation, names kept brighter on the dark theme', () => {
    const tdt = raster({
      provider: 'tianditu',
      rasters: [
        { id: 'tianditu-vec', tiles: ['http://p/vec/{z}/{x}/{y}'] },
        { id: 'tianditu-cva', tiles: ['http://p/cva/{z}/{x}/{y}'] },
      ],
    });
    const style = basemapStyle({ theme: 'dark', basemap: tdt });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'raster', 'raster-tianditu-cva']);
    const opacity = (id: string) => (style.layers.find((l) => l.id === id) as { paint: { 'raster-opacity': number } }).paint['raster-opacity'];
    expect(opacity('raster-tianditu-cva')).toBeGreaterThan(opacity('raster'));
  });

  it('routes a GCJ-02 raster through the gcj02 protocol, its template intact', () => {
    const style = basemapStyle({
      theme: 'light',
      basemap: raster({ provider: 'amap', crs: 'gcj02', rasters: [{ id: 'amap', tiles: ['http://amap.intranet/t?x={x}&y={y}&z={z}'] }] }),
    });
    const [url] = (style.sources.raster as { tiles: string[] }).tiles;
    expect(url!.startsWith('gcj02://{z}/{x}/{y}?t=')).toBe(true);
    const parsed = parseGcj02TileUrl(url!.replace('{z}', '12').replace('{x}', '3336').replace('{y}', '1712'));
    expect(parsed).toEqual({ z: 12, x: 3336, y: 1712, template: 'http://amap.intranet/t?x={x}&y={y}&z={z}' });
  });

  it('uses a vector package style as served, its own paths made absolute for the worker', () => {
    const served: StyleSpecification = {
      version: 8,
      glyphs: '/api/basemap/glyphs/{fontstack}/{range}.pbf',
      sprite: '/api/basemap/sprites/light',
      sources: { protomaps: { type: 'vector', tiles: ['/api/basemap/tiles/{z}/{x}/{y}'] } },
      layers: [],
    };
    const style = basemapStyle({ theme: 'light', basemap: { ...BUILTIN_BASEMAP, provider: 'pmtiles', kind: 'vector', style: '/api/basemap/style.json' }, vectorStyle: served });
    expect(style.glyphs).toBe(`${location.origin}/api/basemap/glyphs/{fontstack}/{range}.pbf`);
    expect(style.sprite).toBe(`${location.origin}/api/basemap/sprites/light`);
    expect((style.sources.protomaps as { tiles: string[] }).tiles).toEqual([`${location.origin}/api/basemap/tiles/{z}/{x}/{y}`]);
  });

  it('themes differ in their background', () => {
    const bg = (theme: 'light' | 'dark') => basemapStyle({ theme, basemap: null }).layers[0];
    expect(bg('light')).not.toEqual(bg('dark'));
  });

  it('names the attribution of a configured basemap only', () => {
    expect(basemapAttribution(raster({ attribution: '高德地图' }))).toBe('高德地图');
    expect(basemapAttribution(BUILTIN_BASEMAP)).toBeNull();
  });
});
