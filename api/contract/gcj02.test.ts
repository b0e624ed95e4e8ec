import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, type LngLat, outOfChina, wgs84ToGcj02 } from './gcj02.ts';

// Township seats from townships_430421.csv: [gcj02, wgs84], both rounded to 6 decimals there.
const CSV_SEATS: Array<[string, LngLat, LngLat]> = [
  ['西渡镇', [112.36295, 26.972501], [112.357362, 26.975753]],
  ['集兵镇', [112.59766, 27.036977], [112.592427, 27.04054]],
  ['井头镇', [112.14171, 26.960779], [112.136082, 26.964026]],
  ['金兰镇', [112.101139, 27.123873], [112.095459, 27.127048]],
  ['金溪镇', [112.347111, 27.284083], [112.341528, 27.28728]],
  ['关市镇', [112.061073, 26.919146], [112.055446, 26.922416]],
  ['樟木乡', [112.686111, 27.058613], [112.68074, 27.062062]],
  ['溪江乡', [112.404691, 27.326369], [112.399035, 27.329491]],
  ['樟树乡', [112.48866, 26.92706], [112.483184, 26.930418]],
];

describe('wgs84ToGcj02', () => {
  it.each([
    // coordtransform (wandergis) README example
    [
      [116.404, 39.915],
      [116.41024449916938, 39.91640428150164],
    ],
  ] as Array<[LngLat, LngLat]>)('maps %j to %j', (wgs, gcj) => {
    const [lng, lat] = wgs84ToGcj02(wgs);
    expect(lng).toBeCloseTo(gcj[0], 9);
    expect(lat).toBeCloseTo(gcj[1], 9);
  });

  it.each(CSV_SEATS)('reproduces the CSV gcj02 seat of %s from its wgs84 seat', (_n, gcj, wgs) => {
    const [lng, lat] = wgs84ToGcj02(wgs);
    expect(Math.abs(lng - gcj[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat - gcj[1])).toBeLessThan(1e-5);
  });

  it('leaves points outside China alone', () => {
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
  });

  it('offsets Hengyang by roughly 600-700 m', () => {
    const [lng, lat] = wgs84ToGcj02([112.4, 27.1]);
    const dx = (lng - 112.4) * 111.32 * Math.cos((27.1 * Math.PI) / 180);
    const dy = (lat - 27.1) * 110.57;
    const km = Math.hypot(dx, dy);
    expect(km).toBeGreaterThan(0.55);
    expect(km).toBeLessThan(0.75);
  });
});

describe('gcj02ToWgs84', () => {
  it.each(CSV_SEATS)('matches the CSV wgs84 seat of %s', (_n, gcj, wgs) => {
    const [lng, lat] = gcj02ToWgs84(gcj);
    expect(Math.abs(lng - wgs[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat - wgs[1])).toBeLessThan(1e-5);
  });

  it.each([
    [112.0, 26.8],
    [112.4, 27.1],
    [112.8, 27.4],
    [116.404, 39.915],
    [121.47, 31.23],
    [87.6, 43.8],
  ])('round-trips (%f, %f) to better than 1e-7 deg', (lng, lat) => {
    const back = wgs84ToGcj02(gcj02ToWgs84([lng, lat]));
    expect(Math.abs(back[0] - lng)).toBeLessThan(1e-7);
    expect(Math.abs(back[1] - lat)).toBeLessThan(1e-7);
    const w = gcj02ToWgs84(wgs84ToGcj02([lng, lat]));
    expect(Math.abs(w[0] - lng)).toBeLessThan(1e-6);
    expect(Math.abs(w[1] - lat)).toBeLessThan(1e-6);
  });
});
