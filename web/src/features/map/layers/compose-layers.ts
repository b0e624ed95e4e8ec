import type { Layer } from '@deck.gl/core';
import type { LayerContext } from '../overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from '../overlays/registry.ts';

export type ComposeInput = LayerContext;

/**
 * Every deck.gl layer of the view, in the registry's order: land, unit fills, river and county
 * border, "no information" hatch, selection outlines, event density or points, names.
 */
export function composeLayers(ctx: ComposeInput, overlays: readonly Pick<(typeof MAP_OVERLAYS)[number], 'base' | 'layers'>[] = MAP_OVERLAYS): Layer[] {
  // The basemap alone while townships load (see MapOverlay.base).
  const drawn = ctx.townships.length === 0 ? overlays.filter((o) => o.base) : overlays;
  return drawn.flatMap((o) => o.layers(ctx));
}
