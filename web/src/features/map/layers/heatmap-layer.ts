import type { AggregationModule } from './event-layers.ts';

type ShaderProps = Record<string, Record<string, unknown> | undefined>;

/**
 * The `weight` shader-module props without `weightsTexture`. deck.gl 9.4.0's
 * HeatmapLayer._updateWeightmap passes the weights texture (the transform's own render target)
 * among the props of the `weight` uniform module; luma.gl 9.4 files every non-uniform prop as a
 * binding, and the weights shader declares no such binding, so every weight-map update warned
 * "Binding weightsTexture not set: Not found in shader layout." The texture is the target, never
 * an input of that pass: dropping it changes nothing drawn.
 */
export function withoutWeightsTexture(props: ShaderProps): ShaderProps {
  const weight = props.weight;
  if (!weight || !('weightsTexture' in weight)) return props;
  const { weightsTexture: _target, ...rest } = weight;
  return { ...props, weight: rest };
}

type HeatmapClass = AggregationModule['HeatmapLayer'];
const classes = new WeakMap<AggregationModule, HeatmapClass>();

/**
 * deck.gl's HeatmapLayer, except that the weight-map pass is not given the texture it renders
 * into as a binding (see withoutWeightsTexture). One class per loaded module, so deck.gl matches
 * layers across renders.
 */
export function heatmapLayerClass(agg: AggregationModule): HeatmapClass {
  let cls = classes.get(agg);
  if (!cls) {
    cls = class HeatmapLayerWithoutStrayBinding<DataT = unknown, ExtraPropsT extends object = object> extends agg.HeatmapLayer<DataT, ExtraPropsT> {
      static override layerName = 'HeatmapLayer';
      override _updateWeightmap(): void {
        const inputs = this.state.weightsTransform?.model.shaderInputs as { setProps(p: ShaderProps): void } | undefined;
        if (!inputs) {
          super._updateWeightmap();
          return;
        }
        const setProps = inputs.setProps;
        inputs.setProps = (p) => setProps.call(inputs, withoutWeightsTexture(p));
        try {
          super._updateWeightmap();
        } finally {
          inputs.setProps = setProps;
        }
      }
    } as HeatmapClass;
    classes.set(agg, cls);
  }
  return cls;
}
