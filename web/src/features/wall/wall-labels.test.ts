import type { TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { type MapScreen, type PlacedLabel, placeLabels, textWidth, type WallLabel, wallLabelLayer, wallLabels } from './wall-labels.ts';
import { WALL_MAP } from './wall-tokens.ts';

// A screen where a coordinate is its own pixel position: boxes are easy to reason about.
const screen: MapScreen = { width: 1000, height: 800, project: ([x, y]) => [x, y], bounds: [0, 0, 1000, 800] };
const label = (id: string, x: number, y: number, tier: number, text = '明翰社区'): WallLabel => ({ id, text, position: [x, y], size: 20, muted: false, tier, weight: 0 });
const placed = (labels: WallLabel[], obstacles = []) => placeLabels(labels, screen, obstacles, 3, 4).map((l) => [l.id, l.offset[1]]);

describe('placing the wall map names', () => {
  it('measures CJK names a full em per glyph, Latin and digits 0.6', () => {
    expect(textWidth('明翰社区', 20)).toBe(80);
    expect(textWidth('Jiepai 1', 10)).toBeCloseTo(48);
  });

  it('moves the less important of two colliding names (明翰社区 / 阳古社区) above, or drops it where it has no room', () => {
    expect(placed([label('yanggu', 510, 300, 1), label('minghan', 500, 305, 2)])).toEqual([
      ['minghan', 0],
      ['yanggu', -(20 * 1.2 + 6 + 4)],
    ]);
    const strip: MapScreen = { ...screen, height: 40 };
    const names = [label('yanggu', 510, 20, 1), label('minghan', 500, 20, 2)];
    expect(placeLabels(names, strip, [], 3, 4).map((l) => l.id)).toEqual(['minghan']);
    // Two names side by side with room between them.
    expect(placed([label('yanggu', 300, 300, 1), label('minghan', 500, 300, 2)])).toEqual([
      ['minghan', 0],
      ['yanggu', 0],
    ]);
  });

  it('moves a name off an alert dot on its point, above it first', () => {
    const dot = { x0: 488, x1: 512, y0: 288, y1: 312 };
    const [[id, dy]] = placed([label('minghan', 500, 300, 1)], [dot] as never) as [[string, number]];
    expect(id).toBe('minghan');
    expect(dy).toBeLessThan(0);
  });

  it('never moves a name out of its own unit (it would name the neighbour it lands on): it drops it instead', () => {
    const dot = { x0: 488, x1: 512, y0: 288, y1: 312 };
    // A flat unit: one name-height above or below its point is outside it.
    const flat: WallLabel = {
      ...label('xidu', 500, 300, 1, '西渡镇'),
      rings: [
        [
          [300, 290],
          [700, 290],
          [700, 310],
          [300, 310],
          [300, 290],
        ],
      ],
    };
    expect(placed([flat], [dot] as never)).toEqual([]);
    // A tall unit: moved above its dot, still inside.
    const tall: WallLabel = {
      ...flat,
      rings: [
        [
          [300, 100],
          [700, 100],
          [700, 500],
          [300, 500],
          [300, 100],
        ],
      ],
    };
    expect(placed([tall], [dot] as never)).toEqual([['xidu', -(20 * 1.2 + 6 + 4)]]);
    // On its own point a name is always allowed.
    expect(placed([flat])).toEqual([['xidu', 0]]);
  });

  it('never lets a name run off the map', () => {
    expect(placed([label('edge', 10, 400, 1), label('bottom', 500, 795, 1)])).toEqual([['bottom', -(20 * 1.2 + 6 + 4)]]);
  });
});

const square = (x: number, y: number, r: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x - r, y - r],
      [x + r, y - r],
      [x + r, y + r],
      [x - r, y - r],
    ],
  ],
});
const townships = [
  { type: 'Feature', geometry: square(100, 100, 50), properties: { code: 'T1', name: '界牌镇', seat: [100, 100] } },
  { type: 'Feature', geometry: square(300, 100, 80), properties: { code: 'T2', name: '石市镇', seat: [300, 100] } },
] as unknown as TownshipFeature[];
const villages = [
  { type: 'Feature', geometry: square(90, 90, 5), properties: { code: 'V1', name: '大兴社区', townshipCode: 'T1', labelPoint: [90, 90] } },
] as unknown as VillageFeature[];

describe('the names of a view', () => {
  it('the county: township names at the token size times the screen scale, alerted townships first', () => {
    for (const k of [1, 2]) {
      const labels = wallLabels(null, townships, [], new Set(['T1']), k);
      expect(labels.map((l) => [l.text, l.size, l.muted])).toEqual([
        ['界牌镇', WALL_MAP.townshipLabel * k, false],
        ['石市镇', WALL_MAP.townshipLabel * k, false],
      ]);
      expect(labels[0]!.tier).toBeGreaterThan(labels[1]!.tier);
    }
  });

  it("a township: its villages before the neighbours' muted names", () => {
    const labels = wallLabels('T1', townships, villages, new Set(), 2);
    expect(labels.map((l) => [l.text, l.size, l.muted])).toEqual([
      ['大兴社区', WALL_MAP.villageLabel * 2, false],
      ['石市镇', WALL_MAP.neighbourLabel * 2, true],
    ]);
    expect(labels[0]!.tier).toBeGreaterThan(labels[1]!.tier);
  });

  it('draws the placed names with a halo, at their pixel size and offset', () => {
    const all = wallLabels('T1', townships, villages, new Set(), 1);
    const shown: PlacedLabel[] = [{ ...all[0]!, offset: [0, -30] }];
    const layer = wallLabelLayer(shown, all) as TextLayer<PlacedLabel>;
    const p = layer.props;
    expect(p.sizeUnits).toBe('pixels');
    expect((p.getSize as (l: PlacedLabel) => number)(shown[0]!)).toBe(WALL_MAP.villageLabel);
    expect((p.getPixelOffset as unknown as (l: PlacedLabel) => number[])(shown[0]!)).toEqual([0, -30]);
    expect(p.outlineWidth).toBeGreaterThan(0);
    // Every name of the view is in the atlas, placed or not, so re-placing never redraws it.
    expect([...(p.characterSet as Set<string>)].sort().join('')).toBe([...'大兴社区石市镇'].sort().join(''));
  });
});
