import { describe, expect, it, vi } from 'vitest';
import { heatmapLayerClass, withoutWeightsTexture } from './heatmap-layer.ts';

describe('withoutWeightsTexture', () => {
  it.each([
    [
      'drops the texture from the weight module',
      { weight: { radiusPixels: 36, weightsTexture: 'T' }, project: { viewport: 1 } },
      { weight: { radiusPixels: 36 }, project: { viewport: 1 } },
    ],
    ['leaves props without it alone', { weight: { radiusPixels: 36 } }, { weight: { radiusPixels: 36 } }],
    ['leaves other modules alone', { maxWeight: { inTexture: 'T' } }, { maxWeight: { inTexture: 'T' } }],
  ])('%s', (_label, input, expected) => {
    expect(withoutWeightsTexture(input)).toEqual(expected);
  });
});

describe('heatmapLayerClass', () => {
  it('is deck.gl HeatmapLayer whose weight-map pass never sets a weightsTexture binding', async () => {
    const agg = await import('@deck.gl/aggregation-layers');
    const Heatmap = heatmapLayerClass(agg);
    expect(heatmapLayerClass(agg)).toBe(Heatmap);
    expect(new Heatmap({ id: 'h', data: [] })).toBeInstanceOf(agg.HeatmapLayer);

    // Stand-ins for the GPU side: the transform's shader inputs, and deck.gl's own pass, which
    // (9.4.0) hands its render target over as `weight.weightsTexture`.
    const received: unknown[] = [];
    const shaderInputs = { setProps: (p: unknown) => received.push(p) };
    const upstream = vi.spyOn(agg.HeatmapLayer.prototype, '_updateWeightmap').mockImplementation(function (this: { state: any }) {
      this.state.weightsTransform.model.shaderInputs.setProps({ weight: { radiusPixels: 36, weightsTexture: { id: 'target' } } });
    });
    try {
      const layer = new Heatmap({ id: 'h', data: [] });
      (layer as unknown as { state: unknown }).state = { weightsTransform: { model: { shaderInputs } } };
      layer._updateWeightmap();
      expect(upstream).toHaveBeenCalledTimes(1);
      expect(received).toEqual([{ weight: { radiusPixels: 36 } }]);
      // The shader inputs are left as they were.
      shaderInputs.setProps({ weight: { weightsTexture: 1 } });
      expect(received[1]).toEqual({ weight: { weightsTexture: 1 } });
    } finally {
      upstream.mockRestore();
    }
  });
});
