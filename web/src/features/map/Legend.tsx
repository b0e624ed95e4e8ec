import type { LegendContext, MapOverlay } from './overlays/overlay-spec.tsx';
import { MAP_OVERLAYS } from './overlays/registry.ts';

export interface LegendProps {
  ctx: LegendContext;
  overlays?: readonly MapOverlay[];
}

/** Units and class breaks of everything on the map, so a screenshot explains itself. */
export function Legend({ ctx, overlays = MAP_OVERLAYS }: LegendProps) {
  const shown = overlays.filter((o) => o.legend?.shown(ctx));
  const blocks = shown.filter((o) => o.legend?.placement === 'block');
  if (blocks.length === 0) return null;
  const rows = shown.map((o) => o.legend?.placement === 'class-row' && <o.legend.Entry key={o.id} ctx={ctx} />);
  return (
    <section className="map-card legend" aria-label="legend" data-testid="legend">
      {blocks.map((o) => {
        const Entry = o.legend!.Entry;
        return (
          <Entry key={o.id} ctx={ctx}>
            {rows}
          </Entry>
        );
      })}
    </section>
  );
}
