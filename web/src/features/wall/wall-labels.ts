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

/** Where a name may sit, in its own heights from its point: on it, then above and below, one step further each time. */
const STEPS = [0, -1, 1, -2, 2];

/**
 * Which names to draw: most important first, each where it overlaps no name already placed, no
 * obstacle (alert marks) and does not run off the map. A name blocked at its point tries above and
 * below it (alert dots cluster around a unit's point); otherwise it is left out rather than drawn
 * over another. `halo` and `gap` in screen pixels.
 */
export function placeLabels(labels: readonly WallLabel[], screen: MapScreen, obstacles: readonly Box[], halo: number, gap: number): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  const order = [...labels].sort((a, b) => b.tier - a.tier || b.weight - a.weight || a.id.localeCompare(b.id));
  for (const label of order) {
    const [x, y] = screen.project(label.position);
    const w = textWidth(label.text, label.size) + 2 * halo + gap;
    const h = label.size * 1.2 + 2 * halo + gap;
    const rings = label.rings?.map((r) => r.map((p) => screen.project([p[0], p[1]])));
    for (const dy of STEPS.map((k) => k * h)) {
      const box = { x0: x - w / 2, x1: x + w / 2, y0: y + dy - h / 2, y1: y + dy + h / 2 };
      const inside = box.x0 >= 0 && box.y0 >= 0 && box.x1 <= screen.width && box.y1 <= screen.height;
      if (!inside || taken.some((t) => overlaps(t, box))) continue;
      if (dy !== 0 && rings && !insideRings(x, y + dy, rings)) continue;
      taken.push(box);
      placed.push({ ...label, offset: [0, dy] });
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
