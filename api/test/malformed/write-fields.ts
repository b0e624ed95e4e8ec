import { BAD_INSTANTS, NOT_A_STRING, raw, type Value } from './blocks.ts';
import type { Caller, CorpusContext } from './types.ts';

/** The fields of the JSON write endpoints and the values each must refuse. */

export interface FieldSpec {
  /** Bad values; each a separate case. */
  bad: (readonly [string, Value])[];
  /** Also send the injection strings (fields validation must refuse them in). */
  injections?: boolean;
  /** Also send the field's wrong JSON types. */
  types?: 'string' | 'number';
}

export interface WriteEndpoint {
  label: string;
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  as: Caller;
  /** A body that fails only late (or not at all): every case replaces one field of it with a bad value. */
  base: Record<string, Value>;
  fields: Record<string, FieldSpec>;
  /** Required fields (a case removes each). */
  required: string[];
  /** Body size limit enforced by the route, if any. */
  bodyLimit?: number;
  /** The answer for a non-JSON content type (the body is then read as {}). */
  nonJsonStatus: number;
}

/** Bidirectional controls, refused in every free-text field (api/routes/validation.ts). */
export const BIDI: readonly (readonly [string, Value])[] = [
  ['bidi-rlo', '收据\u202Efdp.exe'],
  ['bidi-rli', '\u2067备注\u2069'],
  ['bidi-rlm', '张\u200F三'],
  ['bidi-alm', '\u061C李四'],
];

export const TEXT_TYPES = (max: number): FieldSpec => ({
  bad: [['too-long', 'x'.repeat(max + 1)], ...BIDI, ...NOT_A_STRING],
});

export function lngLat(which: 'lng' | 'lat'): FieldSpec {
  const limit = which === 'lng' ? 180 : 90;
  return {
    bad: [
      [`${limit + 1}`, limit + 1],
      [`minus-${limit + 1}`, -(limit + 1)],
      ['just-over', limit + 0.000001],
      ['1e308', 1e308],
      ['1e309 (Infinity)', raw('1e309')],
      ['-1e309 (-Infinity)', raw('-1e309')],
      ['NaN-string', 'NaN'],
      ['Infinity-string', 'Infinity'],
      ['-Infinity-string', '-Infinity'],
      ['1e309-string', '1e309'],
      ['number-as-string', '112.6'],
      ['boolean', true],
      ['null', null],
      ['array', [112.6, 27.1]],
      ['object', { $gt: 0 }],
      ['geojson-point', { type: 'Point', coordinates: [112.6, 27.1] }],
    ],
  };
}

export const clientIdSpec: FieldSpec = {
  bad: [
    ['too-short', 'abc'],
    ['too-long', 'x'.repeat(101)],
    ['space', 'has space 123'],
    ['slash', 'a/b/c/d/e/f'],
    ['unicode', '客户端编号一二三四五六'],
  ],
  injections: true,
  types: 'string',
};
export const villageCodeSpec = (ctx: CorpusContext): FieldSpec => ({
  bad: [
    ['11-digits', ctx.village.code.slice(0, 11)],
    ['13-digits', `${ctx.village.code}0`],
    ['township-code', ctx.township],
    ['fullwidth-digits', '４３０４２１１１０００４'],
    ['number-type', raw(ctx.village.code)],
  ],
  injections: true,
  types: 'string',
});
export const instantSpec = (futureOk: boolean): FieldSpec => ({
  bad: [...BAD_INSTANTS, ...(futureOk ? [] : ([['future', '2098-01-01T00:00:00+08:00']] as [string, Value][]))],
  injections: true,
  types: 'string',
});
export const phoneSpec: FieldSpec = {
  bad: [
    ['too-short', '1380000'],
    ['letter', '1380000000a'],
    ['plus86', '+8613800000000'],
    ['number-type', 13800000000],
  ],
  injections: true,
  types: 'string',
};
export const enumSpec = (valid: string, extra: [string, Value][] = []): FieldSpec => ({
  bad: [['unknown', '打架'], ['english', 'fire'], ['trailing-space', `${valid} `], ['empty', ''], ['two-values', `${valid},${valid}`], ...extra],
  injections: true,
  types: 'string',
});

/** A chief's status change of one dispute or hazard; `wrongStatuses` are values of the other lifecycle or none. */
export function statusChange(entity: 'hazard' | 'dispute', path: string, next: string, clientId: string, wrongStatuses: [string, Value][], bodyLimit: number): WriteEndpoint {
  return {
    label: `${entity} status change`,
    method: 'PATCH',
    path,
    as: 'township',
    base: { status: next, at: '2000-01-02T00:00:00+08:00', note: '复核', clientId },
    fields: {
      status: enumSpec(next, wrongStatuses),
      at: instantSpec(false),
      note: TEXT_TYPES(500),
      clientId: clientIdSpec,
    },
    required: ['status'],
    bodyLimit,
    nonJsonStatus: 400,
  };
}
