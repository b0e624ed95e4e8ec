import type { CampaignEffect } from '../../api/types.ts';
import type { Theme } from '../url-state/view-state.ts';

export type TownshipChange = CampaignEffect['townships'][number];

/**
 * The change by township, drawn as a small SVG map (no WebGL: it prints, and the wall and the
 * briefing can hold several). Five classes of the change rate around "about the same" (±10%),
 * and two that are not a rate: too few cases, and nothing before to compare with.
 */
export const CHANGE_BREAKS = [-0.3, -0.1, 0.1, 0.3] as const;
export type ChangeClass = 0 | 1 | 2 | 3 | 4 | 'small' | 'none';

export function changeClass(row: Pick<TownshipChange, 'changeRate' | 'small'> | undefined): ChangeClass {
  if (!row || row.changeRate === null) return 'none';
  if (row.small) return 'small';
  const i = CHANGE_BREAKS.findIndex((b) => row.changeRate! < b);
  return (i === -1 ? 4 : i) as ChangeClass;
}

/** Falls are blue (what a campaign hopes for), rises orange; both themes keep the middle pale. */
export const CHANGE_COLORS: Record<Theme, Record<ChangeClass, string>> = {
  light: { 0: '#1c5fa8', 1: '#74a9d8', 2: '#e9edf1', 3: '#f4a261', 4: '#c44512', small: '#c9d1da', none: '#f4f6f8' },
  dark: { 0: '#4ea3f0', 1: '#2c6497', 2: '#2a3a4f', 3: '#b5652a', 4: '#ff8a4c', small: '#3b4a5c', none: '#18263a' },
};

type Position = number[];
interface Geometry {
  type: string;
  coordinates: unknown;
}

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates as Position[][];
  if (g.type === 'MultiPolygon') return (g.coordinates as Position[][][]).flat();
  return [];
}

export interface ProjectedUnit {
  code: string;
  name: string;
  /** SVG path data in the box's pixels. */
  d: string;
  /** Where the name goes: the centre of the unit's largest ring's extent. */
  label: [number, number];
}

/**
 * Townships projected into a width x height box, north up, longitude shrunk by cos(latitude) so
 * the county keeps its shape, centred with `pad` pixels of margin.
 */
export function projectUnits(features: readonly { geometry: Geometry; properties: { code: string; name: string } }[], width: number, height: number, pad = 4): ProjectedUnit[] {
  const all = features.flatMap((f) => rings(f.geometry).flat());
  if (all.length === 0) return [];
  const xs = all.map((p) => p[0]!);
  const ys = all.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const s = Math.min((width - 2 * pad) / Math.max((x1 - x0) * k, 1e-9), (height - 2 * pad) / Math.max(y1 - y0, 1e-9));
  const ox = (width - (x1 - x0) * k * s) / 2;
  const oy = (height - (y1 - y0) * s) / 2;
  const at = (p: Position): [number, number] => [ox + (p[0]! - x0) * k * s, oy + (y1 - p[1]!) * s];
  return features.map((f) => {
    const rs = rings(f.geometry);
    const d = rs
      .map(
        (r) =>
          `M${r
            .map((p) =>
              at(p)
                .map((v) => v.toFixed(1))
                .join(','),
            )
            .join('L')}Z`,
      )
      .join('');
    const largest = rs.reduce<Position[]>((best, r) => (r.length > best.length ? r : best), []);
    const lx = largest.map((p) => at(p)[0]);
    const ly = largest.map((p) => at(p)[1]);
    const label: [number, number] = lx.length ? [(Math.min(...lx) + Math.max(...lx)) / 2, (Math.min(...ly) + Math.max(...ly)) / 2] : [0, 0];
    return { code: f.properties.code, name: f.properties.name, d, label };
  });
}

/**
 * The names that fit: each one's box (CJK characters are about one em wide) placed at its unit's
 * label point, in the order given (the caller puts the ones that matter first), and left out when
 * it would overlap a name already placed. Text over text is unreadable on the wall.
 */
export function placeNames<U extends Pick<ProjectedUnit, 'code' | 'name' | 'label'>>(units: readonly U[], fontSize: number, gap = 2): U[] {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const kept: U[] = [];
  for (const u of units) {
    const half = (u.name.length * fontSize) / 2 + gap;
    const box = { x0: u.label[0] - half, x1: u.label[0] + half, y0: u.label[1] - fontSize / 2 - gap, y1: u.label[1] + fontSize / 2 + gap };
    if (placed.some((p) => p.x0 < box.x1 && box.x0 < p.x1 && p.y0 < box.y1 && box.y0 < p.y1)) continue;
    placed.push(box);
    kept.push(u);
  }
  return kept;
}
