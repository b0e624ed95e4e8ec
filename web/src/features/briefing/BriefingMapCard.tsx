import { useCallback, useMemo, useState } from 'react';
import type { Briefing, TownshipFeature, VillageFeature } from '../../api/types.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { rgbToHex } from '../map/color-scales.ts';
import { bboxOfCoordinates } from '../map/geometry.ts';
import { type ColorScale, colorScale, type Unit } from '../map/metrics.ts';
import { ScreenMap } from '../wall/ScreenMap.tsx';
import { type BriefingMapLabels, briefingMapLabels } from './briefing-map.ts';
import { NorthArrow } from './NorthArrow.tsx';

const ZH = makeI18n('zh');
// The legend sits in the lower left corner, over the map: the map is framed above it, so it covers
// no unit (the county is wider than tall, so it keeps its size; a tall township gets smaller).
const FIT_PADDING = { top: 40, bottom: 200, left: 120, right: 70 };

interface Props {
  briefing: Briefing | undefined;
  township: string | null;
  townships: TownshipFeature[];
  villages: VillageFeature[];
  /** Called once the map has drawn its data and its copy (for print) has loaded. */
  onReady: () => void;
}

/**
 * The briefing's map: heading, map, north arrow and legend. The heading, the legend's title and the
 * colours all come from one metric (`briefingMapLabels`), and the legend's period says up to when a
 * running week counts and which quarter coverage counts in.
 */
export function BriefingMapCard({ briefing: b, township, townships, villages, onReady }: Props) {
  const labels = useMemo(() => (b ? briefingMapLabels(b) : null), [b]);
  const units: Unit[] = useMemo(
    () =>
      township === null ? townships.map((f) => ({ kind: 'township' as const, props: f.properties })) : villages.map((f) => ({ kind: 'village' as const, props: f.properties })),
    [township, townships, villages],
  );
  const scale = useMemo(() => {
    if (!labels || !units.length || !b) return null;
    // The rate's unit (per 10,000 for a week) follows the week; coverage is counted per quarter.
    const week = { from: b.from, to: b.to };
    return colorScale(labels.metric, units, ZH, { period: week, coveragePeriod: labels.period });
  }, [labels, units, b]);
  const colorKey = `${labels?.metric ?? ''}|${scale?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? ''}`;
  const bounds = useMemo(() => (township ? bboxOfCoordinates(townships.find((f) => f.properties.code === township)?.geometry.coordinates) : null), [township, townships]);
  const dataIn = Boolean(b) && townships.length > 0 && (township === null || villages.length > 0);
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const onDrawn = useCallback(
    (_key: string, canvas: HTMLCanvasElement) => requestAnimationFrame(() => requestAnimationFrame(() => setSnapshot(canvas.toDataURL('image/png')))),
    [],
  );

  return (
    <section className="brief-map-card">
      <h2 data-testid="brief-map-heading">
        {labels?.heading ?? ''}
        {labels?.note && <small className="brief-map-note"> （{labels.note}）</small>}
      </h2>
      <div className="brief-map" data-testid="briefing-map">
        {b && (bounds || township === null) && (
          <ScreenMap
            testId="map"
            label="衡阳县地图"
            theme="light"
            township={township}
            townships={townships}
            villages={villages}
            scale={scale}
            colorKey={colorKey}
            initialBounds={bounds}
            scaleBar
            fitPadding={FIT_PADDING}
            drawKey={dataIn ? colorKey : undefined}
            onDrawn={onDrawn}
          />
        )}
        {snapshot && <img className="brief-map-snapshot" src={snapshot} alt="" onLoad={onReady} />}
        <NorthArrow />
        {scale && labels && <BriefingLegend scale={scale} labels={labels} />}
      </div>
    </section>
  );
}

function BriefingLegend({ scale, labels }: { scale: ColorScale; labels: BriefingMapLabels }) {
  return (
    <div className="brief-legend" data-testid="brief-legend" data-metric={labels.metric}>
      {scale.title && (
        <div className="brief-legend-title" data-testid="brief-legend-title">
          {scale.title}
        </div>
      )}
      <div className="brief-legend-period" data-testid="brief-legend-period">
        {labels.legendPeriod}
      </div>
      {scale.classes.map((c) => (
        <div key={c.label}>
          <span style={{ background: rgbToHex(c.color) }} />
          {c.label}
        </div>
      ))}
    </div>
  );
}
