import { useEffect, useState } from 'react';
import type { AggregationModule } from './layers/event-layers.ts';

let loading: Promise<AggregationModule> | null = null;

/**
 * @deck.gl/aggregation-layers (heatmap, hexbins) is fetched the first time either is turned on:
 * most sessions never use it, and it is a large part of deck.gl.
 */
export function useAggregationLayers(wanted: boolean): AggregationModule | null {
  const [mod, setMod] = useState<AggregationModule | null>(null);
  useEffect(() => {
    if (!wanted || mod) return;
    let live = true;
    loading ??= import('@deck.gl/aggregation-layers');
    loading.then(
      (m) => live && setMod(m),
      () => {
        loading = null; // let a later toggle try again
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, mod]);
  return mod;
}
