import { describe, expect, it } from 'vitest';
import { type FeatureKey, matchFeatures, type Unit } from './match.ts';

const VILLAGES: Unit[] = [
  { code: '430421110201', name: '界牌村', nbsName: '界牌村委会', townshipCode: '430421110', townshipName: '界牌镇' },
  { code: '430421110203', name: '蟠龙村', nbsName: '蟠龙村委会', townshipCode: '430421110', townshipName: '界牌镇' },
  { code: '430421111201', name: '太平村', nbsName: '太平村委会', townshipCode: '430421111', townshipName: '渣江镇' },
  { code: '430421112201', name: '太平村', nbsName: '太平村委会', townshipCode: '430421112', townshipName: '三湖镇' },
];
const TOWNSHIPS: Unit[] = [
  { code: '430421110', name: '界牌镇' },
  { code: '430421111', name: '渣江镇' },
];

const key = (feature: number, code: string | null, name: string | null = null, township: string | null = null): FeatureKey => ({ feature, code, name, township });

describe('matchFeatures: villages', () => {
  it.each([
    ['by code', key(1, '430421110201'), '430421110201', 'code'],
    ['by display name within the township', key(1, null, '蟠龙村', '界牌镇'), '430421110203', 'name'],
    ['by NBS name within the township', key(1, null, '蟠龙村委会', '界牌镇'), '430421110203', 'name'],
    ['by name, the township given as its code', key(1, null, '太平村', '430421112'), '430421112201', 'name'],
    ['by name when unique in the county', key(1, null, '界牌村'), '430421110201', 'name'],
    ['an unknown code falls back to the name', key(1, '430421110299', '界牌村', '界牌镇'), '430421110201', 'name'],
  ])('%s', (_label, k, code, by) => {
    const r = matchFeatures('village', [k], VILLAGES);
    expect(r.matches.map((m) => [m.unit.code, m.by])).toEqual([[code, by]]);
    expect(r.unmatched).toEqual([]);
  });

  it.each([
    ['a name in another township', key(1, null, '界牌村', '渣江镇'), /no village named 界牌村 in 渣江镇/],
    ['a name two villages share, no township', key(1, null, '太平村'), /2 villages are named 太平村 .*430421111201, 430421112201.*add a code or township/],
    ['a township code at village level, no name', key(1, '430421110'), /code 430421110 is not a village code and no name/],
    ['nothing to go by', key(1, null), /no code and no name/],
  ])('unmatched: %s', (_label, k, reason) => {
    const r = matchFeatures('village', [k], VILLAGES);
    expect(r.matches).toEqual([]);
    expect(r.unmatched).toHaveLength(1);
    expect(r.unmatched[0]!.reason).toMatch(reason);
  });

  it('two features for one village are a duplicate; units without a feature are missing', () => {
    const r = matchFeatures('village', [key(1, '430421110201'), key(2, '430421110203'), key(3, null, '界牌村委会', '界牌镇')], VILLAGES);
    expect(r.duplicates).toEqual([{ code: '430421110201', name: '界牌村', features: [1, 3] }]);
    expect(r.missing).toEqual(['430421111201', '430421112201']);
  });
});

describe('matchFeatures: townships', () => {
  it.each([
    ['9-digit code', key(1, '430421110'), '430421110', 'code'],
    ['12-digit code ending in 000', key(1, '430421111000'), '430421111', 'code'],
    ['name', key(1, null, '渣江镇'), '430421111', 'name'],
  ])('%s', (_label, k, code, by) => {
    expect(matchFeatures('township', [k], TOWNSHIPS).matches.map((m) => [m.unit.code, m.by])).toEqual([[code, by]]);
  });

  it('a village code is not a township', () => {
    const r = matchFeatures('township', [key(1, '430421110201')], TOWNSHIPS);
    expect(r.unmatched[0]!.reason).toMatch(/not a township code/);
    expect(r.missing).toEqual(['430421110', '430421111']);
  });
});
