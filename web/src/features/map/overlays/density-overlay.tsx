import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DENSITY_RAMP, type RGB, rgbToHex } from '../color-scales.ts';
import { densityLayers } from '../layers/event-layers.ts';
import { defineOverlay, type LegendContext } from './overlay-spec.tsx';

const gradient = (ramp: readonly RGB[]) => `linear-gradient(to right, ${ramp.map(rgbToHex).join(', ')})`;

/** A hexagon as deck.gl's HexagonLayer picks it: an aggregated bin, not a row of ours. */
interface HexBin {
  count: number;
}
const isBin = (o: unknown): o is HexBin => typeof o === 'object' && o !== null && 'count' in o && typeof o.count === 'number';

function DensityLegend({ ctx }: { ctx: LegendContext }) {
  const { t, num, paren } = useI18n();
  const kind = ctx.view.events;
  const domain = ctx.hexDomain;
  return (
    <>
      {ctx.view.layers.includes('heat') && (
        <div className="legend-block">
          <div className="legend-title">{t('legendEvents', { type: t(`event_${kind}`) })}</div>
          <div className="ramp" style={{ background: gradient(DENSITY_RAMP.slice(1)) }} />
          <div className="ramp-ends">
            <span>{t('legendLow')}</span>
            <span>{t('legendHigh')}</span>
          </div>
        </div>
      )}
      {ctx.view.layers.includes('hex') && (
        <div className="legend-block">
          <div className="legend-title">
            {t('legendHexCount')}
            {paren(t(`event_${kind}`))}
          </div>
          <div className="ramp" style={{ background: gradient(DENSITY_RAMP) }} />
          <div className="ramp-ends">
            <span>{domain ? num(domain[0]) : t('legendLow')}</span>
            <span>{domain ? num(domain[1]) : t('legendHigh')}</span>
          </div>
        </div>
      )}
    </>
  );
}

function HexTooltip({ row }: { row: HexBin }) {
  const { t, num } = useI18n();
  return (
    <div className="tt-row">
      <span>{t('legendHexCount')}</span>
      <b>{num(row.count)}</b>
    </div>
  );
}

/** Event density: a heatmap and/or hexbins, both from the lazily loaded aggregation layers. */
export const densityOverlay = defineOverlay<HexBin>({
  id: 'density',
  layers: (ctx) =>
    ctx.events
      ? densityLayers({
          rows: ctx.events.rows,
          kind: ctx.view.events,
          heat: ctx.view.layers.includes('heat'),
          hex: ctx.view.layers.includes('hex'),
          hexRadius: ctx.view.township === null ? 1500 : 500,
          agg: ctx.events.agg,
          dataKey: ctx.events.dataKey,
          onHexDomain: ctx.events.onHexDomain,
        })
      : [],
  legend: { placement: 'block', shown: (ctx) => ctx.events !== null && (ctx.view.layers.includes('heat') || ctx.view.layers.includes('hex')), Entry: DensityLegend },
  pick: (info, ctx) => (info.layer?.id === `events-hex-${ctx.view.events}` && isBin(info.object) ? info.object : null),
  Tooltip: HexTooltip,
});
