import { useI18n } from '../i18n/I18nProvider.tsx';
import type { EventKind, MapMetric } from '../url-state/view-state.ts';
import { categoryColor, DENSITY_RAMP, rgbToHex, type RGB } from './color-scales.ts';
import { CATEGORIES_OF } from './layers/event-layers.ts';
import { METRICS, type ColorScale } from './metrics.ts';
import { SilentLegendEntry, type SilentLegendProps } from '../coverage/SilentLegendEntry.tsx';
import { MessageKeyOf } from './metric-labels.ts';

const gradient = (ramp: readonly RGB[]) => `linear-gradient(to right, ${ramp.map(rgbToHex).join(', ')})`;

export interface LegendProps {
  metric: MapMetric;
  /** Null when the choropleth is off. */
  scale: ColorScale | null;
  /** Township or village: what the counts in the legend count. */
  unitLevel: 'township' | 'village';
  events: { kind: EventKind; heat: boolean; hex: boolean; points: boolean; hexDomain: [number, number] | null } | null;
  /** Villages drawn hatched as "no information"; the entry shows only when there are some. */
  silent?: SilentLegendProps | null;
}

/** Units and class breaks of everything on the map, so a screenshot explains itself. */
export function Legend({ metric, scale, unitLevel, events, silent }: LegendProps) {
  const { t, num, vocab, paren } = useI18n();
  if (!scale && !events) return null;
  const def = METRICS[metric];
  return (
    <section className="map-card legend" aria-label="legend" data-testid="legend">
      {scale && (
        <div className="legend-block">
          <div className="legend-title">
            {t(MessageKeyOf(metric))}
            {!scale.categorical && <span className="legend-unit">{paren(t(def.unitKey))}</span>}
          </div>
          <ul className="legend-classes">
            {scale.classes.map((c, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: rgbToHex(c.color) }} aria-hidden="true" />
                <span className="legend-label">{c.label}</span>
                <span className="legend-count" title={unitLevel}>
                  {num(c.count)}
                </span>
              </li>
            ))}
            {silent && silent.count > 0 && <SilentLegendEntry count={silent.count} weeks={silent.weeks} />}
          </ul>
        </div>
      )}
      {events?.heat && (
        <div className="legend-block">
          <div className="legend-title">{t('legendEvents', { type: t(`event_${events.kind}`) })}</div>
          <div className="ramp" style={{ background: gradient(DENSITY_RAMP.slice(1)) }} />
          <div className="ramp-ends">
            <span>{t('legendLow')}</span>
            <span>{t('legendHigh')}</span>
          </div>
        </div>
      )}
      {events?.hex && (
        <div className="legend-block">
          <div className="legend-title">
            {t('legendHexCount')}
            {paren(t(`event_${events.kind}`))}
          </div>
          <div className="ramp" style={{ background: gradient(DENSITY_RAMP) }} />
          <div className="ramp-ends">
            <span>{events.hexDomain ? num(events.hexDomain[0]) : t('legendLow')}</span>
            <span>{events.hexDomain ? num(events.hexDomain[1]) : t('legendHigh')}</span>
          </div>
        </div>
      )}
      {events?.points && (
        <div className="legend-block">
          <div className="legend-title">{t(`event_${events.kind}`)}</div>
          <ul className="legend-categories">
            {CATEGORIES_OF[events.kind].map((c) => (
              <li key={c}>
                <span className="dot" style={{ background: rgbToHex(categoryColor(c, CATEGORIES_OF[events.kind])) }} aria-hidden="true" />
                {vocab(c)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
