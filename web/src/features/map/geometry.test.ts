import { describe, expect, it } from 'vitest';
import { bboxOfCoordinates, characterSetOf, unionBBox } from './geometry.ts';

describe('bboxOfCoordinates', () => {
  it.each<[string, unknown, [number, number, number, number] | null]>([
    ['point', [112.5, 27.1], [112.5, 27.1, 112.5, 27.1]],
    [
      'line',
      [
        [112, 27],
        [113, 26.5],
      ],
      [112, 26.5, 113, 27],
    ],
    [
      'multipolygon',
      [
        [
          [
            [112, 27],
            [112.4, 27.3],
            [112.2, 26.9],
            [112, 27],
          ],
        ],
        [
          [
            [113, 28],
            [113.1, 28],
            [113, 28.2],
            [113, 28],
          ],
        ],
      ],
      [112, 26.9, 113.1, 28.2],
    ],
    ['empty', [], null],
    ['garbage', 'x', null],
  ])('%s', (_n, coords, bbox) => expect(bboxOfCoordinates(coords)).toEqual(bbox));
});

describe('unionBBox', () => {
  it('covers every box and skips nulls', () => {
    expect(unionBBox([[0, 0, 1, 1], null, [-1, 0.5, 0.5, 2]])).toEqual([-1, 0, 1, 2]);
  });
  it('is null for nothing', () => expect(unionBBox([null])).toBeNull());
});

describe('characterSetOf', () => {
  it('collects distinct characters, CJK included', () => {
    expect([...characterSetOf(['界牌镇', '银溪村', '界牌镇'])].sort()).toEqual([...'村溪牌界银镇'].sort());
  });
});
