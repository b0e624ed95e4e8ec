import { describe, expect, it } from 'vitest';
import { ATTENTION_RAMP, attentionColors, CATEGORY_PALETTE, categoryColor, composite, hexToRgb, type RGB, rgbToHex, sampleRamp } from './color-scales.ts';

const luminance = ([r, g, b]: RGB) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('hexToRgb / rgbToHex', () => {
  it.each<[string, RGB]>([
    ['#000000', [0, 0, 0]],
    ['#ffffff', [255, 255, 255]],
    ['#bd0026', [189, 0, 38]],
    ['F28E2B', [242, 142, 43]],
  ])('%s <-> %j', (hex, rgb) => {
    expect(hexToRgb(hex)).toEqual(rgb);
    expect(rgbToHex(rgb)).toBe(`#${hex.replace('#', '').toLowerCase()}`);
  });
  it('rejects malformed colours', () => expect(() => hexToRgb('#fff')).toThrow());
});

describe('composite: a translucent colour over an opaque one, as deck.gl blends it', () => {
  it.each<[RGB, number, number[], RGB]>([
    [[255, 255, 178], 255, [19, 32, 47, 255], [255, 255, 178]],
    [[255, 255, 178], 0, [19, 32, 47, 255], [19, 32, 47]],
    [[255, 255, 178], 240, [19, 32, 47, 255], [241, 242, 170]],
    [[200, 100, 0], 102, [0, 0, 0], [80, 40, 0]],
  ])('%j at %s over %j -> %j', (top, alpha, under, out) => expect(composite(top, alpha, under)).toEqual(out));
});

describe('sampleRamp', () => {
  const anchors: RGB[] = [
    [0, 0, 0],
    [100, 200, 50],
    [200, 0, 250],
  ];
  it.each<[number, RGB[]]>([
    [0, []],
    [1, [[100, 200, 50]]],
    [
      2,
      [
        [0, 0, 0],
        [200, 0, 250],
      ],
    ],
    [3, anchors],
    [
      5,
      [
        [0, 0, 0],
        [50, 100, 25],
        [100, 200, 50],
        [150, 100, 150],
        [200, 0, 250],
      ],
    ],
  ])('%s samples', (n, expected) => expect(sampleRamp(anchors, n)).toEqual(expected));
});

describe('attentionColors', () => {
  it.each([2, 3, 4, 5, 6])('%s classes get darker toward "needs attention"', (n) => {
    const bad = attentionColors(n, 'highIsBad');
    expect(bad).toHaveLength(n);
    for (let i = 1; i < n; i++) expect(luminance(bad[i]!)).toBeLessThan(luminance(bad[i - 1]!));
    expect(bad[0]).toEqual(ATTENTION_RAMP[0]);
    expect(bad[n - 1]).toEqual(ATTENTION_RAMP[ATTENTION_RAMP.length - 1]);
  });
  it('low-is-bad metrics use the same ramp reversed', () => {
    expect(attentionColors(5, 'lowIsBad')).toEqual(attentionColors(5, 'highIsBad').reverse());
  });
});

describe('categoryColor', () => {
  const cats = ['婚姻家庭', '邻里纠纷', '其他'];
  it('gives each known category its own colour', () => {
    expect(new Set(cats.map((c) => rgbToHex(categoryColor(c, cats)))).size).toBe(3);
  });
  it('unknown categories share the next free colour', () => {
    expect(categoryColor('未知', cats)).toEqual(CATEGORY_PALETTE[3]);
  });
});
