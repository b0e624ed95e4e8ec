import { defineOverlay } from '../map/overlays/overlay-spec.tsx';
import { SilentLegendEntry } from './SilentLegendEntry.tsx';
import { silentVillageLayers } from './silent-layers.ts';

function SilentLegendRow({ ctx }: { ctx: { silence: { count: number; weeks: number } | null } }) {
  return ctx.silence ? <SilentLegendEntry count={ctx.silence.count} weeks={ctx.silence.weeks} /> : null;
}

/**
 * "No information" villages, washed and hatched over the choropleth (and only with it) so they
 * never read as "no incidents"; a line in the choropleth's classes says so. Not pickable: hover
 * and click reach the village underneath, whose tooltip carries the coverage lines.
 */
export const silentOverlay = defineOverlay({
  id: 'silent',
  layers: (ctx) => (ctx.silent && ctx.scale ? silentVillageLayers(ctx.silent) : []),
  legend: { placement: 'class-row', shown: (ctx) => ctx.scale !== null && (ctx.silence?.count ?? 0) > 0, Entry: SilentLegendRow },
});
