import { useI18n } from '../../i18n/I18nProvider.tsx';
import { categoryColor, rgbToHex } from '../color-scales.ts';
import { CATEGORIES_OF, type EventRow, pointLayers } from '../layers/event-layers.ts';
import { defineOverlay, type LegendContext, type MapContext, rowOf } from './overlay-spec.tsx';

function PointsLegend({ ctx }: { ctx: LegendContext }) {
  const { t, vocab } = useI18n();
  const kind = ctx.view.events;
  return (
    <div className="legend-block">
      <div className="legend-title">{t(`event_${kind}`)}</div>
      <ul className="legend-categories">
        {CATEGORIES_OF[kind].map((c) => (
          <li key={c}>
            <span className="dot" style={{ background: rgbToHex(categoryColor(c, CATEGORIES_OF[kind])) }} aria-hidden="true" />
            {vocab(c)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EventTooltip({ row, ctx }: { row: EventRow; ctx: MapContext }) {
  const { t, vocab, dateTime } = useI18n();
  // Names of the villages on screen: a point's village is among them at township scope.
  const villageName = ctx.villages.find((f) => f.properties.code === row.villageCode)?.properties.name ?? null;
  return (
    <>
      <div className="tt-title">{vocab(row.category)}</div>
      <div className="tt-sub">{[villageName, row.status ? vocab(row.status) : null].filter(Boolean).join(' · ')}</div>
      {row.severity !== null && <div className="tt-row">{t(`severity_${row.severity as 1 | 2 | 3 | 4}`)}</div>}
      <div className="tt-row">{dateTime(row.at)}</div>
    </>
  );
}

/** Disputes or hazards (the view's event kind) as dots coloured by category, at high zoom. */
export const eventPointsOverlay = defineOverlay<EventRow>({
  id: 'event-points',
  layers: (ctx) =>
    ctx.events
      ? pointLayers({
          rows: ctx.events.rows,
          kind: ctx.view.events,
          points: ctx.view.layers.includes('points'),
          pointsVisible: ctx.events.highZoom,
          palette: ctx.palette,
          dataKey: ctx.events.dataKey,
        })
      : [],
  legend: { placement: 'block', shown: (ctx) => ctx.events !== null && ctx.view.layers.includes('points'), Entry: PointsLegend },
  pick: (info, ctx) => rowOf(ctx.events?.rows ?? [], info, `events-points-${ctx.view.events}`),
  Tooltip: EventTooltip,
});
