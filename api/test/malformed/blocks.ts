import type { DisputeStatus, HazardStatus } from '../../contract/enums.ts';
import { DISPUTE_TRANSITIONS, HAZARD_TRANSITIONS } from '../../domain/lifecycle.ts';

/** Building blocks of the malformed-request corpus: values every group sends, and body and query writers. */

/** A JSON value written verbatim into a body (numbers JSON.stringify cannot write, e.g. 1e309). */
export class Raw {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new Raw(text);
/** Removes the field from the body. */
export const MISSING = Symbol('missing');
export type Value = unknown;

export const enc = encodeURIComponent;
export const JSON_TYPE = { 'content-type': 'application/json' } as const;

/** Injection strings: SQL, script and URL payloads. Sent only where validation must refuse them. */
export const INJECTIONS: readonly (readonly [string, string])[] = [
  ['sqli-or', "' OR 1=1 --"],
  ['sqli-drop', "'; DROP TABLE dispute; --"],
  ['sqli-placeholder', '$1'],
  ['sqli-unicode-quotes', '\u2019 OR \u20181\u2019=\u20181'],
  ['sqli-fullwidth', '\uFF07 OR \uFF11=\uFF11 --'],
  ['sqli-stacked', '1; SELECT pg_sleep(10)'],
  ['xss-script', '<script>alert(1)</script>'],
  ['xss-javascript-url', 'javascript:alert(1)'],
];

/** A string field given something else. */
export const NOT_A_STRING: readonly (readonly [string, Value])[] = [
  ['number', 123],
  ['boolean', true],
  ['null', null],
  ['array', ['x']],
  ['object', { $ne: null }],
];

/** A number field given something else (numbers as strings among them). */
export const NOT_A_NUMBER: readonly (readonly [string, Value])[] = [
  ['number-as-string', '2'],
  ['boolean', true],
  ['null', null],
  ['array', [2]],
  ['object', { $gt: 0 }],
];

/** ISO instants with offset that must be refused. */
export const BAD_INSTANTS: readonly (readonly [string, Value])[] = [
  ['month-13-day-45', '2099-13-45T00:00:00+08:00'],
  ['before-2000', '1899-01-01T00:00:00+08:00'],
  ['feb-30', '2026-02-30T09:00:00+08:00'],
  ['date-only', '2025-06-01'],
  ['no-offset', '2025-06-01T09:00:00'],
  ['bad-offset', '2025-06-01T09:00:00+99:99'],
  ['leap-second', '2025-06-01T23:59:60+08:00'],
  ['epoch-number', 1735689600],
  ['epoch-string', '1735689600'],
];

/** A body with one field replaced (MISSING removes it; Raw is written verbatim). */
export function bodyWith(base: Record<string, Value>, field: string, value: Value): string {
  const copy: Record<string, Value> = { ...base };
  if (value === MISSING) {
    delete copy[field];
    return JSON.stringify(copy);
  }
  if (value instanceof Raw) {
    const marker = '__RAW_VALUE_MARKER__';
    copy[field] = marker;
    return JSON.stringify(copy).replace(`"${marker}"`, value.text);
  }
  copy[field] = value;
  return JSON.stringify(copy);
}

export function bytes(...parts: (string | number[])[]): Uint8Array<ArrayBuffer> {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const statusNext = {
  hazard: (s: HazardStatus) => HAZARD_TRANSITIONS[s][0],
  dispute: (s: DisputeStatus) => DISPUTE_TRANSITIONS[s][0],
};

export function query(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
