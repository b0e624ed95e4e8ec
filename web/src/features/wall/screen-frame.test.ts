import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { scalePixels } from './screen-frame.ts';

describe('the shared layers at the wall scale', () => {
  it('doubles pixel line widths and the pixel bounds of metre widths on a 4K wall', () => {
    const townships = scalePixels(new GeoJsonLayer({ id: 't', data: [], getLineWidth: 1.5, lineWidthUnits: 'pixels' }), 2);
    expect(townships.props).toMatchObject({ id: 't', getLineWidth: 3 });
    const river = scalePixels(new GeoJsonLayer({ id: 'r', data: [], getLineWidth: 120, lineWidthUnits: 'meters', lineWidthMinPixels: 2, lineWidthMaxPixels: 8 }), 2);
    expect(river.props).toMatchObject({ getLineWidth: 120, lineWidthMinPixels: 4, lineWidthMaxPixels: 16 });
  });

  it('scales a heatmap radius (any layer with radiusPixels)', () => {
    const FakeHeat = class extends ScatterplotLayer {
      static override defaultProps = { ...ScatterplotLayer.defaultProps, radiusPixels: 36 };
    };
    expect((scalePixels(new FakeHeat({ id: 'h', data: [] }), 2).props as unknown as { radiusPixels: number }).radiusPixels).toBe(72);
  });

  it('leaves a 1080p wall and per-feature widths as they are', () => {
    const layer = new GeoJsonLayer({ id: 't', data: [], getLineWidth: 1.5, lineWidthUnits: 'pixels' });
    expect(scalePixels(layer, 1)).toBe(layer);
    const perFeature = new GeoJsonLayer({ id: 'f', data: [], getLineWidth: () => 2, lineWidthUnits: 'pixels' });
    expect(scalePixels(perFeature, 2)).toBe(perFeature);
  });
});
