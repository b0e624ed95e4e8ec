import { describe, expect, it } from 'vitest';
import { encodeWallParams, parseWallParams, WALL_DEFAULTS } from './wall-params.ts';

describe('wall URL params', () => {
  it('default to a 60 s refresh, no carousel, county, Chinese', () => {
    expect(parseWallParams('')).toEqual(WALL_DEFAULTS);
    expect(encodeWallParams(WALL_DEFAULTS)).toBe('');
  });

  it('round-trip every setting', () => {
    const p = { refresh: 30, carousel: 20, township: '430421110', play: true, step: 2, lang: 'en' as const };
    expect(parseWallParams(encodeWallParams(p))).toEqual(p);
  });

  it('fall back to defaults on nonsense instead of failing on an unattended screen', () => {
    const p = parseWallParams('?refresh=0&carousel=abc&township=12&step=-1&lang=fr');
    expect(p).toEqual(WALL_DEFAULTS);
    expect(parseWallParams('?carousel=1').carousel).toBe(5);
  });
});
