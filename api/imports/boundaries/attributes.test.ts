import { describe, expect, it } from 'vitest';
import { detectFields, detectLevel, encodingFromCpg, normaliseCode, normaliseName } from './attributes.ts';

describe('encodingFromCpg', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8\r\n', 'utf-8'],
    ['65001', 'utf-8'],
    ['\uFEFFUTF-8', 'utf-8'],
    ['GBK', 'gbk'],
    ['CP936', 'gbk'],
    ['936', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['GB2312', 'gbk'],
    ['GB18030', 'gb18030'],
    ['Big5', null],
    ['1252', null],
  ])('%j -> %s', (cpg, encoding) => {
    expect(encodingFromCpg(cpg)).toBe(encoding);
  });
});

describe('detectFields', () => {
  it.each([
    ['Chinese village fields', [{ 村代码: '430421110201', 村名: '界牌村', 乡镇: '界牌镇' }], { code: '村代码', name: '村名', township: '乡镇' }],
    [
      'pinyin initials, village code before the township code',
      [{ XZDM: '430421110', CUNDM: '430421110201', CUNMC: '界牌村', XZMC: '界牌镇' }],
      { code: 'CUNDM', name: 'CUNMC', township: 'XZMC' },
    ],
    ['XZQDM/XZQMC', [{ XZQDM: '430421110201', XZQMC: '界牌村' }], { code: 'XZQDM', name: 'XZQMC', township: null }],
    ['English, any case', [{ Code: '430421110201', name: '界牌村', Town: '界牌镇' }], { code: 'Code', name: 'name', township: 'Town' }],
    ['行政区划代码 truncated to the 10 bytes of a GBK dBase name', [{ 行政区划代: 430421110201, 名称: '界牌村委会' }], { code: '行政区划代', name: '名称', township: null }],
    ['names only', [{ 乡镇名称: '界牌镇', 村名称: '界牌村' }], { code: null, name: '村名称', township: '乡镇名称' }],
    ['a township file: code and township name', [{ XZDM: '430421110', XZMC: '界牌镇' }], { code: 'XZDM', name: null, township: 'XZMC' }],
    [
      'an unknown code field found by its values',
      [
        { ID_12: '430421110201', NAME: 'a' },
        { ID_12: '430421110203', NAME: 'b' },
      ],
      { code: 'ID_12', name: 'NAME', township: null },
    ],
    [
      'values that are not all codes are not a code field',
      [
        { ID: '430421110201', OTHER: 'x' },
        { ID: '12', OTHER: 'y' },
      ],
      { code: null, name: null, township: null },
    ],
  ])('%s', (_label, rows, expected) => {
    expect(detectFields(rows)).toEqual(expected);
  });
});

describe('normaliseCode / normaliseName', () => {
  it.each([
    ['430421110201', '430421110201'],
    [' 430421110201 ', '430421110201'],
    [430421110201, '430421110201'],
    [4.3e11 + 0.5, null],
    ['43042111020A', null],
    ['', null],
    [null, null],
  ])('code %j -> %j', (v, expected) => {
    expect(normaliseCode(v)).toBe(expected);
  });

  it('trims names and drops blanks', () => {
    expect(normaliseName(' 界牌村 ')).toBe('界牌村');
    expect(normaliseName('   ')).toBeNull();
    expect(normaliseName(undefined)).toBeNull();
  });
});

describe('detectLevel', () => {
  it.each([
    [['430421110201', '430421110203'], 'village'],
    [['430421110', '430421111'], 'township'],
    [['430421110000', '430421111000'], 'township'],
    [['430421110', '430421111000'], 'township'],
    [['430421110201', null], 'village'],
    [['430421110201', '430421110'], null],
    [['430421'], null],
    [[null, null], null],
  ])('%j -> %s', (codes, level) => {
    expect(detectLevel(codes)).toBe(level);
  });
});
