import { defineOverlay, type LegendContext } from '../map/overlays/overlay-spec.tsx';
import { SilentLegendEntry } from './SilentLegendEntry.tsx';
import { silentVillageLayers } from './silent-layers.ts';

/** At county scope the classes count townships and this row villages (silence is a village's). */
function SilentLegendRow({ ctx }: { ctx: LegendContext }) {
  return ctx.silence ? <SilentLegendEntry count={ctx.silence.count} weeks={ctx.silence.weeks} underTownships={ctx.view.township === null} /> : null;
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
