import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MapMetric } from '../url-state/view-state.ts';
import { formatMetric } from './metrics.ts';
import type { EventRow } from './layers/event-layers.ts';
import type { TownshipFeature, VillageFeature } from './layers/unit-layers.ts';
import { MessageKeyOf } from './metric-labels.ts';
import { TownshipCoverageRows, VillageCoverageRows } from '../coverage/CoverageTooltipRows.tsx';

export type HoverTarget =
  | { kind: 'township'; feature: TownshipFeature }
  | { kind: 'village'; feature: VillageFeature }
  | { kind: 'event'; row: EventRow }
  | { kind: 'hex'; count: number };

export interface HoverState {
  x: number;
  y: number;
  target: HoverTarget;
}

/** The hovered thing, next to the pointer, kept inside the map. */
export function MapTooltip({
  hover,
  metric,
  requiredVisits,
  size,
  villageName,
  silenceWeeks = 4,
}: {
  hover: HoverState;
  metric: MapMetric;
  requiredVisits: number;
  size: { width: number; height: number };
  /** Names of the villages on screen, for event points. */
  villageName: (code: string) => string | null;
  /** SILENCE_WEEKS of the server, for the "no information" line. */
  silenceWeeks?: number;
}) {
  const i18n = useI18n();
  const { t, num, vocab, dateTime } = i18n;
  const { target } = hover;
  let body: React.ReactNode;
  if (target.kind === 'township' || target.kind === 'village') {
    const p = target.feature.properties;
    const unit = target.kind === 'township' ? { kind: 'township' as const, props: target.feature.properties } : { kind: 'village' as const, props: target.feature.properties };
    body = (
      <>
        <div className="tt-title">{p.name}</div>
        {target.kind === 'village' && <div className="tt-sub">{target.feature.properties.townshipName}</div>}
        <div className="tt-row">
          <span>{t(MessageKeyOf(metric))}</span>
          <b>{formatMetric(metric, unit, i18n, requiredVisits)}</b>
        </div>
        <div className="tt-row">
          <span>{t('tooltipPopulation')}</span>
          <span>{num(p.population)}</span>
        </div>
        <div className="tt-row">
          <span>{t('tooltipDisputes')}</span>
          <span>{num(p.disputes)}</span>
        </div>
        {target.kind === 'village' ? <VillageCoverageRows p={target.feature.properties} weeks={silenceWeeks} /> : <TownshipCoverageRows p={target.feature.properties} />}
      </>
    );
  } else if (target.kind === 'event') {
    const r = target.row;
    body = (
      <>
        <div className="tt-title">{vocab(r.category)}</div>
        <div className="tt-sub">
          {[villageName(r.villageCode), r.status ? vocab(r.status) : null].filter(Boolean).join(' · ')}
        </div>
        {r.severity !== null && <div className="tt-row">{t(`severity_${r.severity as 1 | 2 | 3 | 4}`)}</div>}
        <div className="tt-row">{dateTime(r.at)}</div>
      </>
    );
  } else {
    body = (
      <div className="tt-row">
        <span>{t('legendHexCount')}</span>
        <b>{num(target.count)}</b>
      </div>
    );
  }
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
      {body}
    </div>
  );
}
