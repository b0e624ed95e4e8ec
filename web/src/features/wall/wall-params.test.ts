import { describe, expect, it } from 'vitest';
import { encodeWallParams, parseWallParams, WALL_DEFAULTS, WALL_PANELS, wallGrid } from './wall-params.ts';

describe('wall URL params', () => {
  it('default to a 60 s refresh, no carousel, county, Chinese', () => {
    expect(parseWallParams('')).toEqual(WALL_DEFAULTS);
    expect(encodeWallParams(WALL_DEFAULTS)).toBe('');
  });

  it('round-trip every setting', () => {
    const p = {
      refresh: 30,
      carousel: 20,
      township: '430421110',
      play: true,
      step: 2,
      lang: 'en' as const,
      panels: ['kpis', 'ticker'] as const,
      shift: 0,
      shiftEvery: 5,
      campaign: 'jingwang',
    };
    expect(parseWallParams(encodeWallParams(p))).toEqual(p);
    expect(parseWallParams(encodeWallParams({ ...p, panels: [] }))).toEqual({ ...p, panels: [] });
  });

  it.each([
    ['ticker,kpis', ['kpis', 'ticker']],
    ['map', []],
    ['map,alerts', ['alerts']],
    // Nothing the wall knows: every panel, not a blank screen.
    ['nonsense', ['kpis', 'alerts', 'ticker', 'playback', 'campaign']],
    ['', ['kpis', 'alerts', 'ticker', 'playback', 'campaign']],
    ['kpis,campaign', ['kpis', 'campaign']],
  ])('panels=%s shows %j (in the wall order)', (raw, shown) => {
    expect(parseWallParams(`?panels=${raw}`).panels).toEqual(shown);
  });

  it('fall back to defaults on nonsense instead of failing on an unattended screen', () => {
    const p = parseWallParams("?refresh=0&carousel=abc&township=12&step=-1&lang=fr&shift=9&shiftEvery=0&campaign=Jing'Wang");
    expect(p).toEqual(WALL_DEFAULTS);
    expect(parseWallParams('?carousel=1').carousel).toBe(5);
  });

  it.each([
    ['', 2, 600],
    ['?shift=0', 0, 600],
    ['?shift=1.5&shiftEvery=60', 1.5, 60],
    ['?shift=8&shiftEvery=1', 8, 1],
    // More than the wall's padding, or negative: the default, not text pushed off the screen.
    ['?shift=9', 2, 600],
    ['?shift=-1&shiftEvery=abc', 2, 600],
  ])('%s shifts by %f design px every %i s', (search, shift, every) => {
    expect(parseWallParams(search)).toMatchObject({ shift, shiftEvery: every });
  });
});

describe('the wall grid follows the panels shown', () => {
  it('every panel: KPIs, map, side column, playback strip', () => {
    expect(wallGrid(WALL_PANELS)).toEqual({
      gridTemplateColumns: 'var(--wall-kpis-width) minmax(0, 1fr) var(--wall-side-width)',
      gridTemplateRows: 'auto minmax(0, 1fr) auto',
      gridTemplateAreas: "'header header header' 'kpis map side' 'play play play'",
    });
  });

  it('the side column stays while one of its panels does', () => {
    expect(wallGrid(['kpis', 'ticker']).gridTemplateAreas).toBe("'header header header' 'kpis map side'");
  });

  it('the map alone takes the whole width under the header', () => {
    expect(wallGrid([])).toEqual({ gridTemplateColumns: 'minmax(0, 1fr)', gridTemplateRows: 'auto minmax(0, 1fr)', gridTemplateAreas: "'header' 'map'" });
  });
});
