import type { TextLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { type MapScreen, type PlacedLabel, placeLabels, textWidth, type WallLabel, wallLabelLayer, wallLabels } from './wall-labels.ts';
import { WALL_MAP } from './wall-tokens.ts';

// A screen where a coordinate is its own pixel position: boxes are easy to reason about.
const screen: MapScreen = { width: 1000, height: 800, project: ([x, y]) => [x, y], bounds: [0, 0, 1000, 800] };
const label = (id: string, x: number, y: number, tier: number, text = '明翰社区'): WallLabel => ({ id, text, position: [x, y], size: 20, muted: false, tier, weight: 0 });
const placed = (labels: WallLabel[], obstacles = []) => placeLabels(labels, screen, obstacles, 3, 4).map((l) => [l.id, l.offset[1]]);
const offsets = (labels: WallLabel[], obstacles: never[] = [], on = screen) => placeLabels(labels, on, obstacles, 3, 4).map((l) => [l.id, ...l.offset]);
// A name's box: 明翰社区 at 20 px with halo 3 and gap 4 is 90 x 34.
const [W, H] = [90, 34];

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
    // A strip one name high: no room above or below, so beside it (a whole name to the right, clear of 明翰社区)...
    const strip: MapScreen = { ...screen, height: 40 };
    const names = [label('yanggu', 510, 20, 1), label('minghan', 500, 20, 2)];
    expect(offsets(names, [], strip)).toEqual([
      ['minghan', 0, 0],
      ['yanggu', W, 0],
    ]);
    // ...and in a box one name wide, nowhere: left out.
    const box: MapScreen = { ...screen, width: 140, height: 40 };
    expect(offsets([label('yanggu', 75, 20, 1), label('minghan', 70, 20, 2)], [], box)).toEqual([['minghan', 0, 0]]);
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
    // A flat unit: beside its dot (left first), inside it.
    expect(offsets([flat], [dot] as never)).toEqual([['xidu', -70, 0]]);
    // A flat and narrow unit: nowhere inside it but on the dot, so dropped.
    const narrow: WallLabel = {
      ...flat,
      rings: [
        [
          [470, 290],
          [530, 290],
          [530, 310],
          [470, 310],
          [470, 290],
        ],
      ],
    };
    expect(placed([narrow], [dot] as never)).toEqual([]);
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

  it('never lets a name run off the map: it moves inward, or is left out', () => {
    expect(offsets([label('edge', 10, 400, 1), label('bottom', 500, 795, 1)])).toEqual([
      ['bottom', 0, -H],
      ['edge', W / 2, 0],
    ]);
    const tiny: MapScreen = { ...screen, width: 60, height: 60 };
    expect(offsets([label('edge', 30, 30, 1)], [], tiny)).toEqual([]);
  });

  it("never moves a name onto another name's point (长安乡 / 三湖镇): a name there reads as that unit's", () => {
    // 三湖镇 (bigger, first) is blocked at its seat by an alert dot; above it lies 长安乡's seat.
    const dot = { x0: 488, x1: 512, y0: 288, y1: 312 };
    const sanhu: WallLabel = { ...label('sanhu', 500, 300, 0, '三湖镇'), weight: 2 };
    const changan: WallLabel = { ...label('changan', 500, 262, 0, '长安乡'), weight: 1 };
    const result = offsets([sanhu, changan], [dot] as never);
    expect(result.map(([id]) => id).sort()).toEqual(['changan', 'sanhu']);
    const [, dx, dy] = result.find(([id]) => id === 'sanhu')!;
    const box = { x0: 500 + Number(dx) - 35, x1: 500 + Number(dx) + 35, y0: 300 + Number(dy) - 17, y1: 300 + Number(dy) + 17 };
    expect(box.x0 < 500 && 500 < box.x1 && box.y0 < 262 && 262 < box.y1).toBe(false);
  });

  it('a small unit squeezed by a big one (长安乡 by 三湖镇) is named too: the big name moves, the small one stays on its point', () => {
    const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][][] => [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ];
    const sanhu: WallLabel = { ...label('sanhu', 500, 300, 0, '三湖镇'), weight: 2, rings: rect(300, 100, 700, 500) };
    const changan: WallLabel = { ...label('changan', 500, 330, 0, '长安乡'), weight: 1, rings: rect(480, 320, 520, 340) };
    expect(offsets([sanhu, changan])).toEqual([
      ['changan', 0, 0],
      ['sanhu', 0, -H],
    ]);
    // Promoting the one left out never costs a name: with no room for both, the bigger one stays.
    const tiny: MapScreen = { ...screen, width: 80, height: 80 };
    const crowd = [
      { ...sanhu, position: [40, 40] as [number, number] },
      { ...changan, position: [40, 45] as [number, number] },
    ];
    expect(offsets(crowd, [], tiny)).toEqual([['sanhu', 0, 0]]);
  });

  it.each<[string, [number, number][], [number, number]]>([
    ['free: on its point', [], [0, 0]],
    ['its point blocked: above first', [[500, 300]], [0, -H]],
    [
      'its point and above blocked: below',
      [
        [500, 300],
        [500, 300 - H],
      ],
      [0, H],
    ],
    [
      'a column just right of it blocked: half a name to the left',
      [
        [520, 300],
        [520, 300 - H],
        [520, 300 + H],
      ],
      [-W / 2, 0],
    ],
    [
      'a column just left of it blocked: half a name to the right',
      [
        [480, 300],
        [480, 300 - H],
        [480, 300 + H],
      ],
      [W / 2, 0],
    ],
  ])('the positions it tries, nearest first: %s', (_name, blocked, offset) => {
    const boxes = blocked.map(([x, y]) => ({ x0: x - 2, x1: x + 2, y0: y - 2, y1: y + 2 }));
    expect(offsets([label('minghan', 500, 300, 1)], boxes as never)).toEqual([['minghan', ...offset]]);
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
