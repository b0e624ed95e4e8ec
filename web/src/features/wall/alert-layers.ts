import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Alert, AlertRuleId, Alerts } from '../../api/types.ts';
import { hexToRgb, type RGBA } from '../map/color-scales.ts';
import type { TownshipFeature } from '../map/layers/unit-layers.ts';
import { WALL_MAP } from './wall-tokens.ts';

/** One colour per rule, shared by the map marks and the list's badges so they read as one. */
export const RULE_COLORS: Record<AlertRuleId, string> = {
  hazard_overdue: '#ff4d4f',
  village_disputes_7d: '#ffa940',
  township_coverage: '#d36cff',
};

const rgba = (hex: string, a: number): RGBA => [...hexToRgb(hex), a] as RGBA;

/**
 * The alerts the list names: each line's own, and only the worst few of a grouped rule. Outlining
 * all 23 townships of a grouped coverage rule paints the whole county and marks nothing.
 */
export function namedAlerts(lines: Alerts['lines']): Alert[] {
  return lines.flatMap((l) => (l.kind === 'alert' ? [l.alert] : l.worst));
}

/** The ring around an alert dot: white, so a dot reads on the darkest fill as on the palest. */
const ALERT_RING: RGBA = [255, 255, 255, 255];

/**
 * Alerts on the map: a ringed dot at each village or hazard, and a thick outline around each
 * township under the coverage threshold (a township is an area, a dot would hide which one).
 * Sizes are the wall's tokens times `scale` (wallScale). Dots are opaque: a translucent one is a
 * different colour over every fill, and the legend could show none of them.
 */
export function alertLayers(lines: Alerts['lines'], townships: readonly TownshipFeature[], scale: number, focus: string | null): Layer[] {
  const alerts = namedAlerts(lines);
  const points = alerts.filter((a) => a.rule !== 'township_coverage');
  const lowCoverage = new Set(alerts.filter((a) => a.rule === 'township_coverage').map((a) => a.code));
  const outlined = townships.filter((t) => lowCoverage.has(t.properties.code));
  return [
    new GeoJsonLayer({
      id: 'alerts-townships',
      data: outlined as TownshipFeature[],
      filled: false,
      stroked: true,
      getLineColor: rgba(RULE_COLORS.township_coverage, 255),
      getLineWidth: WALL_MAP.alertOutline * scale,
      lineWidthUnits: 'pixels',
      updateTriggers: { getLineWidth: [scale] },
    }),
    new ScatterplotLayer<Alert>({
      id: 'alerts-points',
      data: points as Alert[],
      getPosition: (a) => [a.lng, a.lat],
      radiusUnits: 'pixels',
      getRadius: (a) => (a.code === focus ? WALL_MAP.alertDotFocus : WALL_MAP.alertDot) * scale,
      filled: true,
      stroked: true,
      getFillColor: (a) => rgba(RULE_COLORS[a.rule], 255),
      getLineColor: ALERT_RING,
      lineWidthUnits: 'pixels',
      getLineWidth: WALL_MAP.alertRing * scale,
      updateTriggers: { getRadius: [scale, focus], getLineWidth: [scale] },
    }),
  ];
}
