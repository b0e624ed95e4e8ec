import type { Alert, AlertRuleId, Basemap } from '../../api/types.ts';
import { composite, DENSITY_RAMP, hexToRgb, type RGB } from '../map/color-scales.ts';
import type { MapPalette } from '../map/map-theme.ts';
import { RULE_COLORS } from './alert-layers.ts';
import type { WallMessageKey } from './wall-messages.ts';

/**
 * How a legend symbol looks: a filled box, an alert dot (white ring), an outline around an empty
 * box, a short line, or the heatmap's ramp.
 */
export type SymbolKind = 'fill' | 'dot' | 'outline' | 'line' | 'ramp';

export interface LegendSymbol {
  key: string;
  kind: SymbolKind;
  /** The colour as the map paints it (blended where the layer is translucent); the ramp's stops for 'ramp'. */
  colors: RGB[];
  /** What the mark is drawn on, where the legend's dark ground would hide it (a dark border on pale fills). */
  ground?: RGB;
  label: WallMessageKey;
}

export interface LegendInput {
  palette: MapPalette;
  /** A township is shown: its outline, its villages' borders and the other townships' context fill. */
  township: boolean;
  /** The palest class colour: village borders are drawn translucent over the fills, most of them this pale. */
  palest: RGB | null;
  heat: boolean;
  /** The alerts the map marks (namedAlerts): one entry per rule drawn, none for a rule with nothing on the map. */
  marked: readonly Pick<Alert, 'rule'>[];
  /** The basemap's lines in the view (basemapInView): a township far from the river has no river on screen. */
  lines: { river: boolean; county: boolean };
}

type Bounds = readonly [number, number, number, number];

function anyVertexIn(coords: unknown, [w, s, e, n]: Bounds): boolean {
  if (!Array.isArray(coords)) return false;
  if (typeof coords[0] === 'number') return coords[0] >= w && coords[0] <= e && coords[1] >= s && coords[1] <= n;
  return coords.some((c) => anyVertexIn(c, [w, s, e, n]));
}

/** Whether the river and the county border show in the view (west, south, east, north), by their vertices. */
export function basemapInView(basemap: Basemap | undefined, view: Bounds | null): { river: boolean; county: boolean } {
  if (!basemap || !view) return { river: false, county: false };
  const shows = (layer: 'river' | 'county') => basemap.features.some((f) => f.properties.layer === layer && anyVertexIn(f.geometry.coordinates, view));
  return { river: shows('river'), county: shows('county') };
}

/**
 * The alerts whose mark is in the view: a dot inside it, a township outline with a vertex in it. A
 * township's view frames that township, so a dot for a village elsewhere in the county is off screen
 * and its rule must not be in the legend (界牌镇 listed 纠纷多发村 with every such village in other
 * townships). No view yet: every alert, as the county shows them all.
 */
export function alertsInView<A extends Pick<Alert, 'rule' | 'code' | 'lng' | 'lat'>>(
  alerts: readonly A[],
  townships: readonly { properties: { code: string }; geometry: { coordinates: unknown } }[],
  view: Bounds | null,
): A[] {
  if (!view) return [...alerts];
  const [w, s, e, n] = view;
  return alerts.filter((a) => {
    if (a.rule !== 'township_coverage') return a.lng >= w && a.lng <= e && a.lat >= s && a.lat <= n;
    const t = townships.find((f) => f.properties.code === a.code);
    return t !== undefined && anyVertexIn(t.geometry.coordinates, view);
  });
}

const RULE_LABEL: Record<AlertRuleId, WallMessageKey> = {
  hazard_overdue: 'legendHazardOverdue',
  village_disputes_7d: 'legendVillageDisputes',
  township_coverage: 'legendCoverage',
};
const RULE_ORDER: AlertRuleId[] = ['hazard_overdue', 'village_disputes_7d', 'township_coverage'];

const rgb = (c: readonly number[]): RGB => [c[0]!, c[1]!, c[2]!];
/** A translucent line as it shows over the dark land, where the legend's reader compares it. */
const overLand = (c: readonly number[], palette: MapPalette): RGB => composite(c, c[3] ?? 255, palette.land);

/**
 * Every mark the wall's map draws besides the class fills (WallLegend shows those from the scale),
 * in the order a reader looks for them: alerts first, then density, then the lines and areas that
 * frame the picture. This list and ScreenMap's layers must change together: the wall's browser test
 * finds each colour here on the map's canvas.
 */
export function legendSymbols({ palette, township, palest, heat, marked, lines }: LegendInput): LegendSymbol[] {
  const rules = new Set(marked.map((a) => a.rule));
  const symbols: LegendSymbol[] = RULE_ORDER.filter((r) => rules.has(r)).map((r) => ({
    key: `alert-${r}`,
    // A township under the coverage floor is an area: outlined, not dotted (alert-layers.ts).
    kind: r === 'township_coverage' ? 'outline' : 'dot',
    colors: [hexToRgb(RULE_COLORS[r])],
    label: RULE_LABEL[r],
  }));
  if (heat) symbols.push({ key: 'heat', kind: 'ramp', colors: DENSITY_RAMP.slice(1), label: 'legendHeat' });
  if (township) {
    symbols.push({ key: 'selected', kind: 'outline', colors: [rgb(palette.selected)], label: 'legendSelected' });
    const line = palette.villageLine;
    if (palest) symbols.push({ key: 'village-line', kind: 'line', colors: [composite(line, line[3], palest)], ground: palest, label: 'legendVillageLine' });
    symbols.push({ key: 'context', kind: 'fill', colors: [overLand(palette.contextFill, palette)], label: 'legendOtherTownships' });
  }
  symbols.push({ key: 'township-line', kind: 'line', colors: [rgb(palette.townshipLine)], label: 'legendTownshipLine' });
  if (lines.county) symbols.push({ key: 'county-line', kind: 'line', colors: [rgb(palette.countyLine)], label: 'legendCountyLine' });
  if (lines.river) symbols.push({ key: 'river', kind: 'line', colors: [overLand(palette.river, palette)], label: 'legendRiver' });
  return symbols;
}
