import { describe, expect, it } from 'vitest';
import { basemapStyle } from './basemap-style.ts';

describe('basemapStyle', () => {
  it.each(['light', 'dark'] as const)('%s offline style fetches nothing', (theme) => {
    const style = basemapStyle({ theme, rasterUrl: null });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(Object.keys(style.sources)).toEqual([]);
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
  });

  it('adds the configured raster and nothing else that fetches', () => {
    const style = basemapStyle({ theme: 'light', rasterUrl: 'http://10.0.0.5/tdt/{z}/{x}/{y}.png', rasterAttribution: '天地图' });
    expect(style.sources).toEqual({ raster: { type: 'raster', tiles: ['http://10.0.0.5/tdt/{z}/{x}/{y}.png'], tileSize: 256, attribution: '天地图' } });
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'raster']);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('themes differ in their background', () => {
    const bg = (theme: 'light' | 'dark') => basemapStyle({ theme, rasterUrl: null }).layers[0];
    expect(bg('light')).not.toEqual(bg('dark'));
  });
});
