import { describe, expect, it } from 'vitest';
import { nextRefreshes, type Refreshes, tileVillageProps, unitsOfTiles, usesVillageTiles, villageTileTemplate } from './village-tiles.ts';

const FULL = {
  code: '430421100201',
  name: '金坪村',
  townshipCode: '430421100',
  townshipName: '西渡镇',
  kind: '社区',
  boundarySource: 'imported',
  population: 2310,
  disputes: 4,
  disputesOpen: 1,
  mediationSuccessRate: 0.75,
  hazards: 2,
  hazardsOpen: 1,
  hazardsOverdue: 0,
  visitsThisQuarter: 3,
  coverageStatus: 'at_risk',
  lastVisitAt: '2026-11-30',
  expectedVisits: 4,
  lastReportAt: '2026-12-01',
  silent: false,
};

describe('village tiles', () => {
  it.each([
    [491, 2000, false],
    [2000, 2000, false],
    [2001, 2000, true],
    [30_491, 2000, true],
    [491, 0, true],
    [0, 0, false],
  ])('%i villages with the threshold at %i: tiles %s', (count, above, expected) => {
    expect(usesVillageTiles(count, above)).toBe(expected);
  });

  it.each([
    [{ from: '2026-11-26', to: '2026-12-02' }, 'http://h/api/tiles/villages/{z}/{x}/{y}.mvt?from=2026-11-26&to=2026-12-02'],
    // keys in order, so the same filter gives the same template (no reload for nothing)
    [
      { to: '2026-12-02', from: '2026-11-26', category: '婚姻家庭,邻里' },
      'http://h/api/tiles/villages/{z}/{x}/{y}.mvt?category=%E5%A9%9A%E5%A7%BB%E5%AE%B6%E5%BA%AD%2C%E9%82%BB%E9%87%8C&from=2026-11-26&to=2026-12-02',
    ],
    // empty values say nothing
    [{ from: '2026-11-26', to: '2026-12-02', status: '' }, 'http://h/api/tiles/villages/{z}/{x}/{y}.mvt?from=2026-11-26&to=2026-12-02'],
  ])('the template of %j', (filter, expected) => {
    expect(villageTileTemplate(filter, 'http://h')).toBe(expected);
  });

  it.each([
    ['every property', FULL, { ...FULL, labelPoint: [112.1, 27.0] }],
    // MVT leaves nulls out: a village with nothing concluded has no rate, one never visited no date
    [
      'the nulls a tile leaves out',
      { ...FULL, mediationSuccessRate: undefined, lastVisitAt: undefined, lastReportAt: undefined },
      { ...FULL, mediationSuccessRate: null, lastVisitAt: null, lastReportAt: null, labelPoint: [112.1, 27.0] },
    ],
    ['a silent village', { ...FULL, silent: true }, { ...FULL, silent: true, labelPoint: [112.1, 27.0] }],
    ['no code', { ...FULL, code: undefined }, null],
    ['no name', { ...FULL, name: 7 }, null],
  ])('reads %s', (_, props, expected) => {
    expect(tileVillageProps(props as Record<string, unknown>, [112.1, 27.0])).toEqual(expected);
  });

  it('counts a village once however many tiles it crosses, in code order, with the label point of the basemap', () => {
    const b = { ...FULL, code: '430421100202', name: '乙村' };
    const units = unitsOfTiles(
      [{ properties: b }, { properties: FULL }, { properties: b }, { properties: null }, { properties: { name: 'x' } }],
      new Map([['430421100202', [112.2, 27.1] as [number, number]]]),
    );
    expect(units.map((u) => [u.props.code, u.kind === 'village' ? u.props.labelPoint : null])).toEqual([
      ['430421100201', [0, 0]],
      ['430421100202', [112.2, 27.1]],
    ]);
  });

  // [what happens, the steps (template, answer time, placeholder), the refreshes counted]
  it.each<[string, [string, number, boolean][], number]>([
    [
      'a first answer for the first template',
      [
        ['a', 0, false],
        ['a', 100, false],
      ],
      0,
    ],
    [
      'an answer already cached at mount, then refetched',
      [
        ['a', 100, false],
        ['a', 200, false],
      ],
      1,
    ],
    [
      'a new filter: the old answer kept on screen, then its own (the tiles are asked for with the template)',
      [
        ['a', 100, false],
        ['b', 100, true],
        ['b', 200, false],
      ],
      0,
    ],
    [
      'a new filter, then a refresh of it',
      [
        ['a', 100, false],
        ['b', 100, true],
        ['b', 200, false],
        ['b', 300, false],
      ],
      1,
    ],
    [
      'the same answer rendered again',
      [
        ['a', 100, false],
        ['a', 100, false],
        ['a', 100, false],
      ],
      0,
    ],
    [
      'three refreshes, one filter change between',
      [
        ['a', 100, false],
        ['a', 200, false],
        ['b', 200, true],
        ['b', 250, false],
        ['b', 300, false],
        ['b', 400, false],
      ],
      3,
    ],
  ])('counts the refreshes: %s', (_, steps, expected) => {
    let r: Refreshes | null = null;
    for (const [template, at, placeholder] of steps) r = nextRefreshes(r, template, at, placeholder);
    expect(r!.count).toBe(expected);
  });
});
