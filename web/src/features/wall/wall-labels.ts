import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { bboxOfCoordinates } from '../map/geometry.ts';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { MAP_FONT_FAMILY } from '../map/map-theme.ts';
import { WALL_MAP } from './wall-tokens.ts';

/**
 * A name the wall's map may draw; `size` in screen pixels. Placed by `tier` (higher first), then
 * by `weight` (the unit's extent): a small unit's name gives way to its big neighbour's.
 */
export interface WallLabel {
  id: string;
  text: string;
  position: [number, number];
  size: number;
  muted: boolean;
  tier: number;
  weight: number;
  /**
   * The unit's outer rings (lng/lat). A name moved off its point must still sit inside them, or a
   * reader takes the neighbour it lands on for the named unit; absent: no such check.
   */
  rings?: readonly (readonly [number, number])[][];
}

export interface PlacedLabel extends WallLabel {
  /** Screen pixels from the anchor: moved off an alert mark that sits on the name's point. */
  offset: [number, number];
}

/** The map as the screen shows it: its size and where a coordinate lands (CSS pixels). */
export interface MapScreen {
  width: number;
  height: number;
  project: (lngLat: [number, number]) => [number, number];
  /** West, south, east, north of what the map shows. */
  bounds: [number, number, number, number];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** CJK glyphs are square; Latin letters and digits about 0.6 em in the map's font. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.6;
  return em * size;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Even-odd ray test of a screen point against rings already in screen pixels. */
export function insideRings(x: number, y: number, rings: readonly (readonly [number, number])[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** The outer rings of a Polygon or MultiPolygon's coordinates. */
export function outerRings(geometry: { type: string; coordinates: unknown }): [number, number][][] {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as [number, number][][])[0]!];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as [number, number][][][]).map((p) => p[0]!);
  return [];
}

/**
 * Where a name may sit, [across, down] in its own widths and heights from its point: on it, then
 * above and below, then half a name to either side (and so on), nearest first. Straight up and down
 * come first at each distance: alert dots cluster around a unit's point.
 */
const CANDIDATES: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, -1],
  [0, 1],
  [-0.5, 0],
  [0.5, 0],
  [-0.5, -1],
  [0.5, -1],
  [-0.5, 1],
  [0.5, 1],
  [0, -2],
  [0, 2],
  [-1, 0],
  [1, 0],
  [-0.5, -2],
  [0.5, -2],
  [-0.5, 2],
  [0.5, 2],
];

const contains = (b: Box, [x, y]: readonly [number, number]) => b.x0 < x && x < b.x1 && b.y0 < y && y < b.y1;

/**
 * Which names to draw: most important first, each where it overlaps no name already placed, no
 * obstacle (alert marks) and does not run off the map. A name blocked at its point tries the
 * positions around it (CANDIDATES); otherwise it is left out rather than drawn over another. A name
 * moved off its point stays inside its own unit and off every other name's point: a name sitting
 * on a neighbour's seat reads as the neighbour's, and leaves that neighbour no room for its own.
 * A name left out is tried again ahead of the others of its tier (a small township squeezed between
 * big ones, 长安乡 beside 三湖镇: the big ones have room to move): kept when more names fit.
 * `halo` and `gap` in screen pixels.
 */
export function placeLabels(labels: readonly WallLabel[], screen: MapScreen, obstacles: readonly Box[], halo: number, gap: number): PlacedLabel[] {
  const points = new Map(labels.map((l) => [l, screen.project(l.position)] as const));
  const promoted = new Set<WallLabel>();
  const rank = (l: WallLabel) => (promoted.has(l) ? 1 : 0);
  let best: PlacedLabel[] | null = null;
  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
    const order = [...labels].sort((a, b) => b.tier - a.tier || rank(b) - rank(a) || b.weight - a.weight || a.id.localeCompare(b.id));
    const placed = placeInOrder(order, points, screen, obstacles, halo, gap);
    if (best === null || placed.length > best.length) best = placed;
    if (best.length === labels.length) break;
    const shown = new Set(placed.map((l) => l.id));
    const missing = labels.filter((l) => !shown.has(l.id) && !promoted.has(l));
    if (missing.length === 0) break;
    for (const l of missing) promoted.add(l);
  }
  return best ?? [];
}

/** Rounds of promoting the names left out: each round promotes every name the last one left out. */
const PLACEMENT_ATTEMPTS = 3;

function placeInOrder(
  order: readonly WallLabel[],
  points: ReadonlyMap<WallLabel, [number, number]>,
  screen: MapScreen,
  obstacles: readonly Box[],
  halo: number,
  gap: number,
): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  for (const label of order) {
    const [x, y] = points.get(label)!;
    const w = textWidth(label.text, label.size) + 2 * halo + gap;
    const h = label.size * 1.2 + 2 * halo + gap;
    const rings = label.rings?.map((r) => r.map((p) => screen.project([p[0], p[1]])));
    for (const [kx, ky] of CANDIDATES) {
      const [dx, dy] = [kx * w, ky * h];
      const box = { x0: x + dx - w / 2, x1: x + dx + w / 2, y0: y + dy - h / 2, y1: y + dy + h / 2 };
      const inside = box.x0 >= 0 && box.y0 >= 0 && box.x1 <= screen.width && box.y1 <= screen.height;
      if (!inside || taken.some((t) => overlaps(t, box))) continue;
      if (kx !== 0 || ky !== 0) {
        if (rings && !insideRings(x + dx, y + dy, rings)) continue;
        if (order.some((other) => other !== label && contains(box, points.get(other)!))) continue;
      }
      taken.push(box);
      placed.push({ ...label, offset: [dx, dy] });
      break;
    }
  }
  return placed;
}

const areaOf = (coords: unknown) => {
  const b = bboxOfCoordinates(coords);
  return b ? (b[2] - b[0]) * (b[3] - b[1]) : 0;
};

/**
 * The names of the view at screen scale `scale`: the townships of the county, or the chosen
 * township's villages with its neighbours' names muted behind them. Units with an alert come
 * first within each kind.
 */
export function wallLabels(
  township: string | null,
  townships: readonly TownshipFeature[],
  villages: readonly VillageFeature[],
  alerted: ReadonlySet<string>,
  scale: number,
): WallLabel[] {
  const alert = (code: string) => (alerted.has(code) ? 1 : 0);
  if (township === null)
    return townships.map((f) => ({
      id: f.properties.code,
      text: f.properties.name,
      position: f.properties.seat as [number, number],
      size: WALL_MAP.townshipLabel * scale,
      muted: false,
      tier: alert(f.properties.code),
      weight: areaOf(f.geometry.coordinates),
      rings: outerRings(f.geometry),
    }));
  const own = villages.map((f) => ({
    id: f.properties.code,
    text: f.properties.name,
    position: f.properties.labelPoint as [number, number],
    size: WALL_MAP.villageLabel * scale,
    muted: false,
    tier: 2 + alert(f.properties.code),
    weight: areaOf(f.geometry.coordinates),
    rings: outerRings(f.geometry),
  }));
  const around = townships
    .filter((f) => f.properties.code !== township)
    .map((f) => ({
      id: f.properties.code,
      text: f.properties.name,
      position: f.properties.seat as [number, number],
      size: WALL_MAP.neighbourLabel * scale,
      muted: true,
      tier: 0,
      weight: areaOf(f.geometry.coordinates),
      rings: outerRings(f.geometry),
    }));
  return [...own, ...around];
}

// A large atlas: the wall's names are drawn at 20-48 px, and a 32 px atlas blurs at 4K.
const FONT_SETTINGS = { sdf: true, fontSize: 48, buffer: 10, radius: 10 };
// The halo is 0.75 × outlineWidth atlas pixels (the SDF's edge sits at 0.75): 3 px on a 24 px name.
const OUTLINE = (WALL_MAP.labelHalo / WALL_MAP.townshipLabel) * (FONT_SETTINGS.fontSize / 0.75);
export const LABEL_COLORS = { text: [255, 255, 255, 255], muted: [186, 199, 216, 255], halo: [5, 11, 19, 255] } as const;

/** One TextLayer for the placed names; the atlas holds every name of the view, so it survives re-placing. */
export function wallLabelLayer(placed: readonly PlacedLabel[], all: readonly WallLabel[]): Layer {
  const characterSet = new Set(all.flatMap((l) => [...l.text]));
  return new TextLayer<PlacedLabel>({
    id: 'wall-labels',
    data: placed as PlacedLabel[],
    getText: (l) => l.text,
    getPosition: (l) => l.position,
    getSize: (l) => l.size,
    getPixelOffset: (l) => l.offset,
    getColor: (l) => [...(l.muted ? LABEL_COLORS.muted : LABEL_COLORS.text)],
    sizeUnits: 'pixels',
    fontFamily: MAP_FONT_FAMILY,
    fontWeight: 700,
    characterSet,
    fontSettings: FONT_SETTINGS,
    outlineWidth: OUTLINE,
    outlineColor: [...LABEL_COLORS.halo],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
  });
}
