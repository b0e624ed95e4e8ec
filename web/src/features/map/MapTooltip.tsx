import type { PickingInfo } from '@deck.gl/core';
import type { HoverHit, MapContext, MapOverlay } from './overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from './overlays/registry.ts';

export interface HoverState {
  x: number;
  y: number;
  /** The overlay's hovered row with its tooltip (see MapOverlay.hover). */
  hit: HoverHit;
}

/** The hovered thing, next to the pointer, kept inside the map. */
export function MapTooltip({ hover, ctx, size }: { hover: HoverState; ctx: MapContext; size: { width: number; height: number } }) {
  // Flip to the left/top near the far edges so the box never leaves the map.
  const flipX = hover.x > size.width - 260;
  const flipY = hover.y > size.height - 260; // village tooltips carry the coverage lines too
  const style: React.CSSProperties = {
    left: hover.x + (flipX ? -14 : 14),
    top: hover.y + (flipY ? -14 : 14),
    transform: `translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})`,
  };
  return (
    <div className="map-tooltip" style={style} role="tooltip" data-testid="map-tooltip">
      {hover.hit.render(ctx)}
    </div>
  );
}

/** The first overlay (in the registry's order) with a row under the pointer. */
export function hoverAt(info: PickingInfo, ctx: MapContext, overlays: readonly MapOverlay[] = MAP_OVERLAYS): HoverHit | null {
  for (const o of overlays) {
    const hit = o.hover?.(info, ctx) ?? null;
    if (hit) return hit;
  }
  return null;
}
