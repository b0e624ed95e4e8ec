import { BAD_INSTANTS } from './blocks.ts';

/** The kinds of query parameter of the GET endpoints: a value each accepts and the values each must refuse. */

export type ParamKind =
  | 'date'
  | 'township'
  | 'category'
  | 'status'
  | 'eventType'
  | 'bbox'
  | 'limit'
  | 'interval'
  | 'metric'
  | 'level'
  | 'order'
  | 'all'
  | 'since'
  | 'week'
  | 'ledgerKind'
  | 'statsType'
  | 'before'
  | 'campaign';

/** A value each kind of parameter accepts. */
export const VALID: Record<ParamKind, string> = {
  date: '2025-03-01',
  township: '430421110',
  category: '消防',
  status: '上报',
  eventType: 'dispute',
  bbox: '112.3,26.8,112.9,27.3',
  limit: '10',
  interval: 'month',
  metric: 'disputes',
  level: 'village',
  order: 'asc',
  all: 'true',
  since: '2025-01-01T00:00:00+08:00',
  week: '2025-W10',
  ledgerKind: 'visits',
  statsType: 'hazard',
  before: '5',
  campaign: 'jingwang',
};

/** Values each kind of parameter must refuse (besides the injections, '', blanks and repeats). */
export function badValues(kind: ParamKind, limitMax: number | null): (readonly [string, string])[] {
  const enumBad = (valid: string, extra: [string, string][]): [string, string][] => [
    ['unknown', 'bogus'],
    ['upper-case', valid.toUpperCase()],
    ['trailing-space', `${valid} `],
    ['two-values', `${valid},${valid}`],
    ['number', '1'],
    ...extra,
  ];
  const csvBad = (valid: string): [string, string][] => [
    ['unknown', 'bogus'],
    ['one-unknown', `${valid},bogus`],
    ['only-commas', ',,,'],
    ['too-many', Array.from({ length: 60 }, () => valid).join(',')],
    ['english', 'fire'],
    ['number', '1'],
    ['json-array', `["${valid}"]`],
  ];
  switch (kind) {
    case 'date':
      return [
        ['month-13-day-45', '2099-13-45'],
        ['before-2000', '1899-01-01'],
        ['after-2099', '2100-01-01'],
        ['feb-30', '2026-02-30'],
        ['feb-29-non-leap', '2025-02-29'],
        ['no-padding', '2026-1-1'],
        ['compact', '20260101'],
        ['with-time', '2026-01-01T00:00:00Z'],
        ['five-digit-year', '99999-01-01'],
        ['epoch', '1735689600'],
        ['null-word', 'null'],
        ['list', '2026-01-01,2026-01-02'],
        ['fullwidth-digits', '２０２６-０１-０１'],
      ];
    case 'campaign':
      return [
        // 'bogus' is well-formed and names no campaign: 400 on the field, as a bad format is.
        ...enumBad('jingwang', [['chinese-name', '净网']]),
        ['leading-digit', '1jingwang'],
        ['33-characters', `j${'a'.repeat(32)}`],
        ['underscore', 'jing_wang'],
        ['nul', 'jingwang\u0000'],
      ];
    case 'township':
      return [
        ['8-digits', '43042111'],
        ['10-digits', '4304211100'],
        ['unknown', '430421999'],
        ['fullwidth-digits', '４３０４２１１１０'],
        ['leading-space', ' 430421110'],
        ['negative', '-43042111'],
        ['decimal', '430421110.0'],
        ['nul', '430421110\u0000'],
        ['village-code', '430421110004'],
      ];
    case 'category':
      return [...csvBad('消防'), ['dispute-and-bogus', '婚姻家庭,打架']];
    case 'status':
      return [...csvBad('上报'), ['done', 'done']];
    case 'eventType':
      return [...csvBad('dispute'), ['crime', 'crime']];
    case 'bbox':
      return [
        ['three-numbers', '112,26,113'],
        ['five-numbers', '112,26,113,27,0'],
        ['letters', 'a,b,c,d'],
        ['inverted-lng', '113,26,112,27'],
        ['inverted-lat', '112,27,113,26'],
        ['empty-box', '112,26,112,27'],
        ['huge', '0,0,90,60'],
        ['whole-world', '-180,-90,180,90'],
        ['lng-181', '112,26,181,27'],
        ['lng-minus-181', '-181,26,-180,27'],
        ['lat-minus-91', '112,-91,113,-90'],
        ['lat-91', '112,89,113,91'],
        ['nan', 'NaN,26,113,27'],
        ['infinity', '112,26,Infinity,27'],
        ['minus-infinity', '-Infinity,26,113,27'],
        ['1e309', '112,26,1e309,27'],
        ['semicolons', '112;26;113;27'],
        ['trailing-comma', '112,26,113,27,'],
        ['blank-parts', ' , , , '],
        ['json-array', '[112,26,113,27]'],
      ];
    case 'limit':
      return [
        ['zero', '0'],
        ['negative', '-5'],
        ['fraction', '2.5'],
        ['nan', 'NaN'],
        ['infinity', 'Infinity'],
        ['1e309', '1e309'],
        ['20-digits', '99999999999999999999'],
        ['word', 'ten'],
        ['bad-hex', '0xZZ'],
        ...(limitMax === null ? [] : ([['over-max', String(limitMax + 1)]] as [string, string][])),
      ];
    case 'interval':
      return enumBad('week', [['day', 'day']]);
    case 'metric':
      return enumBad('disputes', [['sql-suffix', 'population;DROP TABLE village']]);
    case 'level':
      return enumBad('township', [['county', 'county']]);
    case 'order':
      return enumBad('asc', [['sideways', 'sideways']]);
    case 'all':
      return enumBad('true', [['yes', 'yes']]);
    case 'ledgerKind':
      return enumBad('disputes', [['hazards', 'hazards']]);
    case 'statsType':
      return enumBad('dispute', [['visit', 'visit']]);
    case 'since':
      return BAD_INSTANTS.filter(([, v]) => typeof v === 'string').map(([l, v]) => [l, v as string]);
    case 'week':
      return [
        ['week-54', '2026-W54'],
        ['week-00', '2026-W00'],
        ['one-digit-week', '2026-W1'],
        ['two-digit-year', '26-W10'],
        ['no-dash', '2026W10'],
        ['with-day', '2026-W10-1'],
        ['date', '2026-03-02'],
        ['week-99', '2026-W99'],
        // Weeks whose days are not all between 2000-01-01 and 2099-12-31, as from/to must be.
        ['year-0100', '0100-W01'],
        ['year-9999', '9999-W52'],
        ['last-week-of-1999', '1999-W52'],
        ['last-week-of-2099', '2099-W53'],
        ['year-2100', '2100-W01'],
      ];
    case 'before':
      return [
        ['zero', '0'],
        ['negative', '-1'],
        ['fraction', '1.5'],
        ['word', 'abc'],
        ['20-digits', '99999999999999999999'],
        ['infinity', 'Infinity'],
      ];
  }
}
