import type { DisputeStatus, HazardStatus } from '../contract/enums.ts';
import { DISPUTE_STATUSES, HAZARD_STATUSES } from '../contract/enums.ts';
import { DISPUTE_TRANSITIONS, HAZARD_TRANSITIONS } from '../domain/lifecycle.ts';

/**
 * A generated corpus of malformed (or well-formed but refused) requests to the API. Every case
 * must be answered with a 4xx and the JSON error body `{ error: { code, message, fields? } }`,
 * and none may change a row (api/routes/bad-input.db.test.ts sends them and checks).
 *
 * Pure: the same context gives the same list. The context names real rows of the seeded
 * database (a village of the writer's township and its officer, an open hazard and dispute, ...)
 * so that "valid except for one thing" bodies are refused for that one thing only.
 *
 * Free-text fields (a hazard's description, a dispute's summary, a display name) accept any text,
 * injection strings included, so those strings are sent only where validation must refuse them:
 * codes, ids, enums, dates, instants, phones and query parameters.
 */

/** Whose session cookie the request carries ('none': no cookie; the case's headers say the rest). */
export type Caller = 'county' | 'township' | 'admin' | 'none';
/** The X-CSRF-Token a write carries: the session's own, none, a wrong one, an empty one, another session's. */
export type CsrfMode = 'valid' | 'missing' | 'wrong' | 'empty' | 'foreign';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type CaseGroup =
  | 'wrong-type'
  | 'date'
  | 'coordinates'
  | 'bbox'
  | 'enum'
  | 'range'
  | 'oversize'
  | 'broken-json'
  | 'content-type'
  | 'injection'
  | 'traversal'
  | 'unknown-param'
  | 'bad-id'
  | 'missing-field'
  | 'csrf'
  | 'login'
  | 'unauthenticated'
  | 'forbidden'
  | 'scope'
  | 'lifecycle'
  | 'location'
  | 'idempotency'
  | 'import'
  | 'method';

export interface MalformedCase {
  /** Unique across the corpus. */
  name: string;
  group: CaseGroup;
  method: HttpMethod;
  /** Path and query exactly as sent (already percent-encoded where needed). */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  as: Caller;
  /** Writes only; default 'valid'. */
  csrf?: CsrfMode;
  /** Send to the app whose IMPORT_MAX_BYTES is `smallImportMaxBytes` (import size limits). */
  smallImportLimit?: boolean;
  /** The expected answer (always 4xx). */
  status: number | readonly number[];
  /** The expected `error.code`, where it is certain. */
  code?: string;
  /**
   * The audit entry the case writes: a well-formed sign-in that fails (it also counts toward the
   * sign-in limits), or any refused request (403: `access.denied`, set by malformedCorpus).
   */
  audit?: 'auth.login_failed' | 'auth.device_login_failed' | 'access.denied';
}

export interface Place {
  code: string;
  lng: number;
  lat: number;
}

export interface CorpusContext {
  /** The writer's (demo-township's) township. */
  township: string;
  /** A village of `township` (with its label point) and the officer linked to it. */
  village: Place;
  officerId: string;
  /** Another village of `township`. */
  neighbour: Place;
  /** A 12-digit code in `township` that names no village. */
  missingVillage: string;
  /** Another township, and one of its villages. */
  otherTownship: string;
  otherVillage: Place;
  /** An open hazard and an open dispute in `township`, with their status. */
  hazard: { id: string; status: HazardStatus };
  dispute: { id: string; status: DisputeStatus };
  /** A hazard and a dispute of another township. */
  otherHazardId: string;
  otherDisputeId: string;
  /** The ids of a `wall` user and of a `county` user. */
  wallUserId: number;
  countyUserId: number;
  /** IMPORT_MAX_BYTES of the app `smallImportLimit` cases go to. */
  smallImportMaxBytes: number;
}

/** Plausible values for the seeded demo database (tests pass the real rows). */
export const DEFAULT_CONTEXT: CorpusContext = {
  township: '430421110',
  village: { code: '430421110004', lng: 112.62, lat: 27.08 },
  officerId: 'OF0220',
  neighbour: { code: '430421110006', lng: 112.64, lat: 27.1 },
  missingVillage: '430421110999',
  otherTownship: '430421100',
  otherVillage: { code: '430421100001', lng: 112.37, lat: 26.97 },
  hazard: { id: 'HZ0000001', status: '上报' },
  dispute: { id: 'DS0000001', status: '受理' },
  otherHazardId: 'HZ0000002',
  otherDisputeId: 'DS0000002',
  wallUserId: 4,
  countyUserId: 1,
  smallImportMaxBytes: 1024,
};

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A JSON value written verbatim into a body (numbers JSON.stringify cannot write, e.g. 1e309). */
class Raw {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new Raw(text);
/** Removes the field from the body. */
const MISSING = Symbol('missing');
type Value = unknown;

const enc = encodeURIComponent;
const JSON_TYPE = { 'content-type': 'application/json' } as const;

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
const NOT_A_STRING: readonly (readonly [string, Value])[] = [
  ['number', 123],
  ['boolean', true],
  ['null', null],
  ['array', ['x']],
  ['object', { $ne: null }],
];

/** A number field given something else (numbers as strings among them). */
const NOT_A_NUMBER: readonly (readonly [string, Value])[] = [
  ['number-as-string', '2'],
  ['boolean', true],
  ['null', null],
  ['array', [2]],
  ['object', { $gt: 0 }],
];

/** ISO instants with offset that must be refused. */
const BAD_INSTANTS: readonly (readonly [string, Value])[] = [
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
function bodyWith(base: Record<string, Value>, field: string, value: Value): string {
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

function bytes(...parts: (string | number[])[]): Uint8Array<ArrayBuffer> {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const statusNext = {
  hazard: (s: HazardStatus) => HAZARD_TRANSITIONS[s][0],
  dispute: (s: DisputeStatus) => DISPUTE_TRANSITIONS[s][0],
};

// ---------------------------------------------------------------------------------------------
// GET endpoints and their query parameters

type ParamKind =
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
  | 'before';

/** A value each kind of parameter accepts. */
const VALID: Record<ParamKind, string> = {
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
};

/** Values each kind of parameter must refuse (besides the injections, '', blanks and repeats). */
function badValues(kind: ParamKind, limitMax: number | null): (readonly [string, string])[] {
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

interface ReadEndpoint {
  path: string;
  as: Caller;
  /** Parameters every request carries (a required one), unless the case replaces them. */
  base: Record<string, string>;
  params: Record<string, ParamKind>;
  /** Highest `limit` allowed, if any. */
  limitMax?: number;
  period: boolean;
}

function readEndpoints(ctx: CorpusContext): ReadEndpoint[] {
  const period = { from: 'date', to: 'date' } as const;
  const filters = { category: 'category', status: 'status' } as const;
  return [
    { path: '/api/townships', as: 'county', base: {}, params: { ...period, ...filters }, period: true },
    { path: '/api/villages', as: 'county', base: {}, params: { ...period, ...filters, township: 'township' }, period: true },
    { path: `/api/villages/${ctx.village.code}`, as: 'county', base: {}, params: { ...period }, period: true },
    {
      path: '/api/events',
      as: 'county',
      base: {},
      params: { ...period, ...filters, type: 'eventType', township: 'township', bbox: 'bbox', limit: 'limit' },
      period: true,
    },
    { path: '/api/stats/summary', as: 'county', base: {}, params: { ...period, ...filters, township: 'township' }, period: true },
    { path: '/api/stats/trend', as: 'county', base: {}, params: { ...period, ...filters, township: 'township', interval: 'interval' }, period: true },
    { path: '/api/stats/categories', as: 'county', base: { type: 'dispute' }, params: { ...period, ...filters, township: 'township', type: 'statsType' }, period: true },
    {
      path: '/api/stats/ranking',
      as: 'county',
      base: {},
      params: { ...period, ...filters, township: 'township', metric: 'metric', level: 'level', order: 'order', limit: 'limit' },
      limitMax: 491,
      period: true,
    },
    { path: '/api/coverage', as: 'county', base: {}, params: { ...period, township: 'township', all: 'all' }, period: true },
    { path: '/api/feed', as: 'county', base: {}, params: { since: 'since', township: 'township', limit: 'limit' }, limitMax: 200, period: false },
    { path: '/api/alerts', as: 'county', base: {}, params: { ...period, township: 'township' }, period: true },
    { path: '/api/briefing', as: 'county', base: {}, params: { week: 'week', township: 'township', metric: 'metric' }, period: false },
    { path: '/api/imports/ledger/template', as: 'county', base: { kind: 'disputes' }, params: { kind: 'ledgerKind', township: 'township' }, period: false },
    { path: '/api/admin/audit', as: 'admin', base: {}, params: { limit: 'limit', before: 'before' }, limitMax: 500, period: false },
  ];
}

function query(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

function readCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  for (const ep of readEndpoints(ctx)) {
    const label = ep.path.replace(ctx.village.code, ':code');
    const get = (name: string, group: CaseGroup, qs: string): MalformedCase => ({
      name: `GET ${label} ${name}`,
      group,
      method: 'GET',
      path: `${ep.path}?${qs}`,
      headers: {},
      as: ep.as,
      status: 400,
      code: 'invalid_request',
    });
    /** The endpoint's required parameters plus the given ones (which replace a base one of the same name). */
    const withBase = (entries: [string, string][]) => [...Object.entries(ep.base).filter(([k]) => !entries.some(([e]) => e === k)), ...entries];

    for (const [param, kind] of Object.entries(ep.params)) {
      for (const [l, v] of badValues(kind, ep.limitMax ?? null)) {
        const group: CaseGroup = kind === 'date' || kind === 'since' || kind === 'week' ? 'date' : kind === 'bbox' ? 'bbox' : kind === 'limit' || kind === 'before' || kind === 'township' ? 'range' : 'enum';
        out.push(get(`${param}=${l}`, group, query(withBase([[param, v]]))));
      }
      for (const [l, v] of INJECTIONS) out.push(get(`${param}=${l}`, 'injection', query(withBase([[param, v]]))));
      out.push(get(`${param}=empty`, 'wrong-type', query(withBase([[param, '']]))));
      out.push(get(`${param}=blank`, 'wrong-type', query(withBase([[param, '   ']]))));
      out.push(get(`${param} repeated (array)`, 'wrong-type', query(withBase([[param, VALID[kind]], [param, VALID[kind]]]))));
      out.push(get(`${param}[]= (array syntax)`, 'wrong-type', query(withBase([[`${param}[]`, VALID[kind]]]))));
      out.push(get(`${param}[key]= (object syntax)`, 'wrong-type', query(withBase([[`${param}[key]`, VALID[kind]]]))));
    }

    for (const [l, qs] of [
      ['unknown parameter', 'foo=1'],
      ['upper-case parameter name', 'FROM=2025-01-01'],
      ['__proto__ parameter', '__proto__=1'],
      ['constructor parameter', 'constructor=x'],
      ['jsonp callback', 'callback=alert'],
      ['500 unknown parameters', Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&')],
    ] as const) {
      out.push(get(l, 'unknown-param', [query(withBase([])), qs].filter(Boolean).join('&')));
    }

    if (ep.period) {
      for (const [l, from, to] of [
        ['from after to', '2026-03-01', '2026-01-01'],
        ['period over ten years', '2010-01-01', '2025-01-01'],
        ['period of exactly 3660 days', '2015-01-01', '2025-01-08'],
        ['period 2000..2099', '2000-01-01', '2099-12-31'],
      ] as const) {
        out.push(get(l, 'date', query(withBase([['from', from], ['to', to]]))));
      }
    }
  }

  // A few the generic lists leave out.
  const more: [string, string, CaseGroup][] = [
    ['/api/events', `from=%E0%A4%A`, 'wrong-type'],
    ['/api/events', `township=%ZZ`, 'wrong-type'],
    ['/api/events', `bbox=${enc('1,'.repeat(20000))}`, 'bbox'],
    ['/api/events', `from=${'9'.repeat(100_000)}`, 'date'],
    ['/api/stats/categories', '', 'missing-field'],
    ['/api/imports/ledger/template', '', 'missing-field'],
  ];
  for (const [path, qs, group] of more) {
    out.push({
      name: `GET ${path} ${qs ? qs.slice(0, 40) + (qs.length > 40 ? `... (${qs.length} chars)` : '') : 'without its required parameter'}`,
      group,
      method: 'GET',
      path: qs ? `${path}?${qs}` : path,
      headers: {},
      as: 'county',
      status: 400,
      code: 'invalid_request',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths: traversal, bad ids, unknown routes

function pathCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const get = (name: string, group: CaseGroup, path: string, status: number | number[], code?: string, as: Caller = 'county'): MalformedCase => ({
    name,
    group,
    method: 'GET',
    path,
    headers: {},
    as,
    status,
    ...(code ? { code } : {}),
  });

  const traversal: [string, string, number, string][] = [
    ['village ..%2F..%2Fetc%2Fpasswd', '/api/villages/..%2F..%2Fetc%2Fpasswd', 400, 'invalid_request'],
    ['hazard ../../admin (normalised away)', '/api/hazards/../../admin', 404, 'not_found'],
    ['hazard ..%2F..%2Fadmin', '/api/hazards/..%2F..%2Fadmin', 400, 'invalid_request'],
    ['dispute ..%2F..%2Fapi%2Fadmin%2Fusers', '/api/disputes/..%2F..%2Fapi%2Fadmin%2Fusers', 400, 'invalid_request'],
    ['%2e%2e segments (normalised away)', '/api/%2e%2e/%2e%2e/etc/passwd', 404, 'not_found'],
    ['village encoded NUL', '/api/villages/%00', 400, 'invalid_request'],
    ['village code + encoded NUL', `/api/villages/${ctx.village.code}%00`, 400, 'invalid_request'],
    ['hazard id + encoded NUL', '/api/hazards/HZ0000001%00', 400, 'invalid_request'],
    ['dispute id + encoded NUL', '/api/disputes/DS0000001%00', 400, 'invalid_request'],
    ['village double-encoded NUL', '/api/villages/%2500', 400, 'invalid_request'],
    ['village bad percent-encoding', '/api/villages/%ZZ', 400, 'invalid_request'],
    ['village overlong UTF-8 dots', '/api/villages/%C0%AE%C0%AE%2F%C0%AE%C0%AE%2Fetc', 400, 'invalid_request'],
    ['village backslashes', '/api/villages/..%5C..%5Cwindows%5Cwin.ini', 400, 'invalid_request'],
    ['village ....// doubled', '/api/villages/....%2F%2F....%2F%2Fetc', 400, 'invalid_request'],
    ['endpoint + encoded NUL', '/api/townships%00', 404, 'not_found'],
    ['template ../../../etc/passwd (normalised away)', '/api/imports/ledger/template/../../../etc/passwd', 404, 'not_found'],
    ['village 10000 digits', `/api/villages/${'9'.repeat(10_000)}`, 400, 'invalid_request'],
  ];
  for (const [l, path, status, code] of traversal) out.push(get(`path traversal: ${l}`, 'traversal', path, status, code));
  out.push(get('path traversal: /api/admin/../admin/users as county', 'traversal', '/api/admin/../admin/users', 403, 'forbidden'));

  const hazardIds = ['HZ12', 'DS0000001', 'hz0000001', 'HZ-0000001', '99999999999999999999', 'HZ0000001x', '%20HZ0000001', 'HZ%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91', 'HZ0000001.json'];
  const disputeIds = ['DS-1', 'HZ0000001', 'DS12', '99999999999999999999', 'ds0000001', 'DS0000001%3B', 'DS%2B0000001'];
  const villageCodes = ['abc', '4304211100', '4304211100040', '430421110004.0', '-43042111000', '%EF%BC%94%EF%BC%93%EF%BC%90%EF%BC%94%EF%BC%92%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%94'];
  for (const id of hazardIds) out.push(get(`bad hazard id ${id}`, 'bad-id', `/api/hazards/${id}`, 400, 'invalid_request'));
  for (const id of disputeIds) out.push(get(`bad dispute id ${id}`, 'bad-id', `/api/disputes/${id}`, 400, 'invalid_request'));
  for (const code of villageCodes) out.push(get(`bad village code ${code.slice(0, 30)}`, 'bad-id', `/api/villages/${code}`, 400, 'invalid_request'));
  for (const [l, v] of INJECTIONS) {
    out.push(get(`hazard id ${l}`, 'injection', `/api/hazards/${enc(v)}`, 400, 'invalid_request'));
    out.push(get(`dispute id ${l}`, 'injection', `/api/disputes/${enc(v)}`, 400, 'invalid_request'));
    out.push(get(`village code ${l}`, 'injection', `/api/villages/${enc(v)}`, 400, 'invalid_request'));
  }
  out.push(get('no such hazard (well-formed id)', 'bad-id', '/api/hazards/HZ99999999999999999999', 404, 'not_found'));
  out.push(get('no such dispute (well-formed id)', 'bad-id', '/api/disputes/DS9999999999', 404, 'not_found'));
  out.push(get('no such village (well-formed code)', 'bad-id', `/api/villages/${ctx.missingVillage}`, 404, 'not_found'));

  const unknown: [string, HttpMethod, string, Caller, number | number[], string | undefined][] = [
    ['GET unknown endpoint', 'GET', '/api/nothing-here-at-all', 'county', 404, 'not_found'],
    ['GET sub-path of a village', 'GET', `/api/villages/${ctx.village.code}/extra`, 'county', 404, 'not_found'],
    ['GET /api/stats', 'GET', '/api/stats', 'county', 404, 'not_found'],
    ['GET /api/stats/unknown', 'GET', '/api/stats/unknown', 'county', 404, 'not_found'],
    ['GET hazard list (no such route)', 'GET', '/api/hazards', 'county', 404, 'not_found'],
    ['GET visits (no such route)', 'GET', '/api/visits', 'county', 404, 'not_found'],
    ['GET login (POST only)', 'GET', '/api/auth/login', 'none', 404, 'not_found'],
    ['PUT hazards', 'PUT', '/api/hazards', 'township', 404, 'not_found'],
    ['DELETE a dispute', 'DELETE', '/api/disputes/DS0000001', 'township', 404, 'not_found'],
    ['PATCH visits', 'PATCH', '/api/visits', 'township', 404, 'not_found'],
    ['POST townships', 'POST', '/api/townships', 'county', 404, 'not_found'],
    ['POST stats summary', 'POST', '/api/stats/summary', 'county', 404, 'not_found'],
    ['PUT an admin user', 'PUT', `/api/admin/users/${ctx.wallUserId}`, 'admin', 404, 'not_found'],
    ['GET unknown admin path as township', 'GET', '/api/admin/nothing', 'township', 403, 'forbidden'],
  ];
  for (const [l, method, path, as, status, code] of unknown) {
    out.push({
      name: `unknown route: ${l}`,
      group: 'method',
      method,
      path,
      headers: method === 'GET' ? {} : { ...JSON_TYPE },
      ...(method === 'GET' ? {} : { body: '{}' }),
      as,
      status,
      ...(code ? { code } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON write endpoints: field mutations, broken JSON, oversize, CSRF

interface FieldSpec {
  /** Bad values; each a separate case. */
  bad: (readonly [string, Value])[];
  /** Also send the injection strings (fields validation must refuse them in). */
  injections?: boolean;
  /** Also send the field's wrong JSON types. */
  types?: 'string' | 'number';
}

interface WriteEndpoint {
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
const BIDI: readonly (readonly [string, Value])[] = [
  ['bidi-rlo', '收据\u202Efdp.exe'],
  ['bidi-rli', '\u2067备注\u2069'],
  ['bidi-rlm', '张\u200F三'],
  ['bidi-alm', '\u061C李四'],
];

const TEXT_TYPES = (max: number): FieldSpec => ({
  bad: [['too-long', 'x'.repeat(max + 1)], ...BIDI, ...NOT_A_STRING],
});

function lngLat(which: 'lng' | 'lat'): FieldSpec {
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

const clientIdSpec: FieldSpec = {
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
const villageCodeSpec = (ctx: CorpusContext): FieldSpec => ({
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
const instantSpec = (futureOk: boolean): FieldSpec => ({
  bad: [...BAD_INSTANTS, ...(futureOk ? [] : ([['future', '2098-01-01T00:00:00+08:00']] as [string, Value][]))],
  injections: true,
  types: 'string',
});
const phoneSpec: FieldSpec = {
  bad: [
    ['too-short', '1380000'],
    ['letter', '1380000000a'],
    ['plus86', '+8613800000000'],
    ['number-type', 13800000000],
  ],
  injections: true,
  types: 'string',
};
const enumSpec = (valid: string, extra: [string, Value][] = []): FieldSpec => ({
  bad: [
    ['unknown', '打架'],
    ['english', 'fire'],
    ['trailing-space', `${valid} `],
    ['empty', ''],
    ['two-values', `${valid},${valid}`],
    ...extra,
  ],
  injections: true,
  types: 'string',
});

/** A chief's status change of one dispute or hazard; `wrongStatuses` are values of the other lifecycle or none. */
function statusChange(entity: 'hazard' | 'dispute', path: string, next: string, clientId: string, wrongStatuses: [string, Value][], bodyLimit: number): WriteEndpoint {
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

function writeEndpoints(ctx: CorpusContext): WriteEndpoint[] {
  const v = ctx.village;
  const hazardNext = statusNext.hazard(ctx.hazard.status) ?? '已分流';
  const disputeNext = statusNext.dispute(ctx.dispute.status) ?? '调处中';
  const intakeLimit = 64 * 1024;
  // AUTH_BODY_MAX_BYTES: sign-in bodies are refused before they are parsed.
  const authLimit = 4096;
  return [
    {
      label: 'hazard intake',
      method: 'POST',
      path: '/api/hazards',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-hz',
        category: '消防',
        severity: 2,
        lng: v.lng,
        lat: v.lat,
        villageCode: v.code,
        reportedAt: '2025-06-01T09:00:00+08:00',
        description: '仓库电线老化',
        reporterName: '张三',
        reporterPhone: '13800000000',
      },
      fields: {
        clientId: clientIdSpec,
        category: enumSpec('消防', [['dispute-category', '婚姻家庭']]),
        severity: {
          bad: [['zero', 0], ['five', 5], ['fraction', 2.5], ['negative', -1], ['1e309', raw('1e309')], ['huge', 1e20]],
          types: 'number',
        },
        lng: lngLat('lng'),
        lat: lngLat('lat'),
        villageCode: villageCodeSpec(ctx),
        reportedAt: instantSpec(false),
        description: TEXT_TYPES(2000),
        reporterName: TEXT_TYPES(50),
        reporterPhone: phoneSpec,
      },
      required: ['category', 'severity', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'dispute intake',
      method: 'POST',
      path: '/api/disputes',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-ds',
        category: '邻里纠纷',
        channel: '综治中心',
        lng: v.lng,
        lat: v.lat,
        villageCode: v.code,
        receivedAt: '2025-06-01T09:00:00+08:00',
        summary: '宅基地边界争议',
        partyName: '李四',
        partyPhone: '0734-1234567',
        mediator: '王五',
      },
      fields: {
        clientId: clientIdSpec,
        category: enumSpec('邻里纠纷', [['hazard-category', '消防']]),
        channel: enumSpec('综治中心'),
        lng: lngLat('lng'),
        lat: lngLat('lat'),
        villageCode: villageCodeSpec(ctx),
        receivedAt: instantSpec(false),
        summary: TEXT_TYPES(2000),
        partyName: TEXT_TYPES(50),
        partyPhone: phoneSpec,
        mediator: TEXT_TYPES(50),
      },
      required: ['category', 'channel', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'visit intake',
      method: 'POST',
      path: '/api/visits',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-vs',
        officerId: ctx.officerId,
        villageCode: v.code,
        kind: '走访',
        visitedAt: '2025-06-01T09:00:00+08:00',
        lng: v.lng,
        lat: v.lat,
      },
      fields: {
        clientId: clientIdSpec,
        officerId: { bad: [['too-short', 'O'], ['too-long', 'OF'.repeat(11)], ['space', 'OF 0220'], ['underscore', 'OF_0220']], injections: true, types: 'string' },
        villageCode: villageCodeSpec(ctx),
        kind: enumSpec('走访'),
        visitedAt: instantSpec(false),
        lng: lngLat('lng'),
        lat: lngLat('lat'),
      },
      required: ['officerId', 'villageCode', 'kind', 'visitedAt', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    // A legal next step dated before the previous one: refused late (422) even if a field slipped through.
    statusChange('hazard', `/api/hazards/${ctx.hazard.id}`, hazardNext, 'malformed-corpus-hz-st', [['dispute-status', '调处中'], ['closed', 'closed']], intakeLimit),
    statusChange('dispute', `/api/disputes/${ctx.dispute.id}`, disputeNext, 'malformed-corpus-ds-st', [['hazard-status', '已办结'], ['mediating', 'mediating']], intakeLimit),
    {
      // Valid: only the mutated field makes it a 400 (script markup is refused in `view`).
      label: 'export report',
      method: 'POST',
      path: '/api/exports',
      as: 'township',
      base: { kind: 'dashboard-png', view: 'level=township' },
      fields: {
        kind: enumSpec('dashboard-png', [['pdf', 'pdf']]),
        view: {
          bad: [
            ['too-long', 'x'.repeat(501)],
            ['xss-script', '<script>alert(1)</script>'],
            ['xss-img', '<img src=x onerror=alert(1)>'],
            ['xss-svg', '"><svg/onload=alert(1)>'],
            ...NOT_A_STRING,
          ],
        },
      },
      required: ['kind'],
      nonJsonStatus: 400,
    },
    {
      label: 'sign-in',
      method: 'POST',
      path: '/api/auth/login',
      as: 'none',
      // Never sent as is: a case always breaks a field (a well-formed failure would count toward the throttle).
      base: { username: 'malformed-nobody', password: 'not-the-password' },
      fields: {
        username: { bad: [['10-kB', 'u'.repeat(10_000)], ['100-kB', 'u'.repeat(100_000)], ['65-chars', 'u'.repeat(65)], ['empty', ''], ['blank', '    ']], types: 'string' },
        password: { bad: [['201-chars', 'p'.repeat(201)], ['empty', '']], types: 'string' },
      },
      required: ['username', 'password'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'own password change',
      method: 'POST',
      path: '/api/auth/password',
      as: 'county',
      // Every case fails validation before the current password is checked (a wrong one would count toward the throttle).
      base: { currentPassword: 'malformed-not-it-1', newPassword: 'malformed-new-1' },
      fields: {
        currentPassword: { bad: [['201-chars', 'p'.repeat(201)], ['empty', '']], types: 'string' },
        newPassword: { bad: [['201-chars', 'p'.repeat(201)]], types: 'string' },
      },
      required: ['currentPassword', 'newPassword'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'device sign-in',
      method: 'POST',
      path: '/api/auth/device',
      as: 'none',
      base: { token: 'hyw_malformed-corpus-token' },
      fields: { token: { bad: [['too-short', 'short'], ['too-long', 't'.repeat(201)], ['empty', '']], types: 'string' } },
      required: ['token'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      // Valid but for a taken username (409), so a field that slipped through still creates nothing.
      label: 'admin new user',
      method: 'POST',
      path: '/api/admin/users',
      as: 'admin',
      base: { username: 'demo-county', displayName: '畸形请求测试', password: 'Malformed-Passw0rd!', role: 'county' },
      fields: {
        username: {
          bad: [['too-short', 'ab'], ['too-long', 'a'.repeat(41)], ['starts-with-dot', '.abc'], ['space', 'mal formed'], ['chinese', '用户名称'], ['nul', 'abc\u0000def']],
          injections: true,
          types: 'string',
        },
        displayName: { bad: [['empty', ''], ['blank', '   '], ['too-long', '名'.repeat(51)], ...BIDI, ...NOT_A_STRING] },
        password: { bad: [['too-long', 'Aa1'.repeat(67) + 'x'], ...NOT_A_STRING] },
        role: enumSpec('county', [['superuser', 'superuser'], ['upper-case', 'ADMIN'], ['root', 'root']]),
        townshipCode: { bad: [['5-digits', '43042']], injections: true, types: 'string' },
        officerId: { bad: [['too-long', 'O'.repeat(41)], ['space', 'OF 0220']], injections: true, types: 'string' },
      },
      required: ['username', 'displayName', 'password', 'role'],
      nonJsonStatus: 400,
    },
    {
      // Legal (changes nothing) only without a field: every case sets a bad one.
      label: 'admin user change',
      method: 'PATCH',
      path: `/api/admin/users/${ctx.wallUserId}`,
      as: 'admin',
      base: {},
      fields: {
        displayName: { bad: [['empty', ''], ['blank', '   '], ['too-long', '名'.repeat(51)], ...BIDI, ...NOT_A_STRING] },
        password: { bad: [['too-long', 'p'.repeat(201)], ['weak-short', 'abc'], ['letters-only', 'abcdefghijkl'], ...NOT_A_STRING] },
        disabled: { bad: [['string', 'true'], ['number', 1], ['null', null], ['array', [true]], ['object', {}]] },
        role: { bad: [['admin', 'admin']] },
        failedLogins: { bad: [['zero', 0]] },
      },
      required: [],
      // A non-JSON body is read as {} (a valid empty change): sent to a user that does not exist.
      nonJsonStatus: 404,
    },
    {
      // Valid but for a county user (a device belongs to a wall user): 400 late.
      label: 'admin new device',
      method: 'POST',
      path: '/api/admin/devices',
      as: 'admin',
      base: { name: '畸形请求测试屏', userId: ctx.countyUserId },
      fields: {
        name: { bad: [['empty', ''], ['blank', '  '], ['too-long', '屏'.repeat(51)], ...NOT_A_STRING] },
        userId: {
          bad: [
            ['string', String(ctx.wallUserId)],
            ['fraction', 1.5],
            ['zero', 0],
            ['negative', -1],
            ['not-a-safe-integer', raw('99999999999999999999')],
            ['1e309', raw('1e309')],
            ['unknown-user', 2147483647],
          ],
          types: 'number',
        },
      },
      required: ['name', 'userId'],
      nonJsonStatus: 400,
    },
  ];
}

function writeCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  for (const ep of writeEndpoints(ctx)) {
    // Any body over the endpoint's limit is a 413 before its content is looked at.
    const oversize = (body: string | Uint8Array) => ep.bodyLimit !== undefined && (typeof body === 'string' ? Buffer.byteLength(body) : body.length) > ep.bodyLimit;
    const send = (name: string, group: CaseGroup, body: string | Uint8Array<ArrayBuffer>, extra: Partial<MalformedCase> = {}): MalformedCase => ({
      name: `${ep.method} ${ep.path.replace(/\/(HZ|DS)\d+$/, '/:id').replace(/\/\d+$/, '/:id')} (${ep.label}) ${name}`,
      group,
      method: ep.method,
      path: ep.path,
      headers: { ...JSON_TYPE },
      body,
      as: ep.as,
      status: oversize(body) ? 413 : 400,
      code: oversize(body) ? 'payload_too_large' : 'invalid_request',
      ...extra,
    });

    for (const [field, spec] of Object.entries(ep.fields)) {
      const values: [string, Value, CaseGroup][] = spec.bad.map(([l, x]) => [l, x, x instanceof Raw || (typeof x !== 'string' && typeof x !== 'number') ? 'wrong-type' : groupOf(field, l)]);
      if (spec.types === 'string') for (const [l, x] of NOT_A_STRING) values.push([l, x, 'wrong-type']);
      if (spec.types === 'number') for (const [l, x] of NOT_A_NUMBER) values.push([l, x, 'wrong-type']);
      if (spec.injections) for (const [l, x] of INJECTIONS) values.push([l, x, 'injection']);
      const seen = new Set<string>();
      for (const [l, x, group] of values) {
        if (seen.has(l)) continue;
        seen.add(l);
        out.push(send(`${field}=${l}`, group, bodyWith(ep.base, field, x)));
      }
    }
    for (const field of ep.required) out.push(send(`missing ${field}`, 'missing-field', bodyWith(ep.base, field, MISSING)));
    if (Object.keys(ep.base).length > 0) {
      out.push(send('unknown field __proto__ with nothing else', 'unknown-param', '{"__proto__":{"admin":true}}'));
    }

    // Broken JSON: refused before validation.
    const broken: [string, string | Uint8Array<ArrayBuffer>][] = [
      ['truncated', '{"category":"消防","severity":'],
      ['trailing comma', '{"a":1,}'],
      ['single quotes', "{'a':'b'}"],
      ['unquoted key', '{a:1}'],
      ['comment', '{/* x */}'],
      ['NaN literal', '{"lng":NaN}'],
      ['Infinity literal', '{"lng":Infinity}'],
      ['BOM then truncated', '\uFEFF{"a":'],
      // The fetch body reader strips up to two BOMs (decoding, then parsing); a third is a syntax error.
      ['three BOMs', '\uFEFF\uFEFF\uFEFF{}'],
      ['empty body', ''],
      ['whitespace body', '   \n\t '],
      ['unclosed 30000 brackets', '['.repeat(30_000)],
      ['invalid UTF-8 bytes', bytes([0xff, 0xfe, 0xfd]) ],
      ['UTF-16LE bytes', bytes([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
      ['NUL byte between tokens', bytes('{', [0], '}')],
      ['two documents', '{}{}'],
    ];
    for (const [l, body] of broken) out.push(send(`broken JSON: ${l}`, 'broken-json', body));
    out.push(send('two BOMs (both stripped) then an unknown field', 'unknown-param', '\uFEFF\uFEFF{"malformed":true}'));
    // Well-formed JSON that is not an object.
    const notObjects: [string, string][] = [
      ['null', 'null'],
      ['array', '[]'],
      ['string', '"x"'],
      ['number', '42'],
      ['true', 'true'],
      ['20000-deep array', '['.repeat(20_000) + ']'.repeat(20_000)],
    ];
    for (const [l, body] of notObjects) out.push(send(`JSON body is ${l}`, 'wrong-type', body));
    // Content types other than JSON: the body is not read, so required fields are missing (or the change is empty).
    // Refused before the body is read: 415 on every JSON endpoint.
    const nonJson = { status: 415, code: 'unsupported_media_type', ...(ep.nonJsonStatus === 404 ? { path: '/api/admin/users/2147483647' } : {}) };
    const required = ep.required.length > 0 || ep.nonJsonStatus === 404;
    if (required) {
      for (const [l, type] of [
        ['text/plain', 'text/plain'],
        ['form-urlencoded', 'application/x-www-form-urlencoded'],
        ['multipart without boundary', 'multipart/form-data'],
        ['application/jsonp', 'application/jsonp'],
        ['xml', 'application/xml'],
      ] as const) {
        out.push({ ...send(`content-type ${l}`, 'content-type', JSON.stringify(ep.base)), headers: { 'content-type': type }, ...nonJson });
      }
      out.push({ ...send('no content-type', 'content-type', bytes(JSON.stringify(ep.base))), headers: {}, ...nonJson });
    }

    if (ep.bodyLimit) {
      const big = JSON.stringify({ ...ep.base, [Object.keys(ep.fields).find((f) => f === 'description' || f === 'summary' || f === 'note') ?? 'pad']: 'x'.repeat(ep.bodyLimit + 10) });
      out.push(send(`oversize body (> ${ep.bodyLimit} bytes, streamed)`, 'oversize', big, { status: 413, code: 'payload_too_large' }));
      out.push({
        ...send('oversize body (announced Content-Length 1 GB)', 'oversize', JSON.stringify(ep.base), { status: 413, code: 'payload_too_large' }),
        headers: { ...JSON_TYPE, 'content-length': String(1024 ** 3) },
      });
      out.push(send(`oversize body (${ep.bodyLimit} bytes + 1 of spaces)`, 'oversize', `${' '.repeat(ep.bodyLimit + 1)}{}`, { status: 413, code: 'payload_too_large' }));
    }
  }
  return out;
}

function groupOf(field: string, label: string): CaseGroup {
  if (/^(lng|lat)$/.test(field)) return 'coordinates';
  if (/At$|^at$/.test(field)) return 'date';
  if (/category|channel|kind|status|role/.test(field)) return 'enum';
  if (/clientId|officerId|villageCode|townshipCode|userId|username/.test(field) && /digit|short|long|space|slash|unicode|dot|chinese|nul|underscore/.test(label)) return 'bad-id';
  return 'range';
}

/** Intake that validates but is refused later: scope, location, idempotency keys, lifecycle. */
function lateCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const v = ctx.village;
  const hazard = {
    clientId: 'malformed-corpus-late-hz',
    category: '治安',
    severity: 1,
    lng: v.lng,
    lat: v.lat,
    villageCode: v.code,
    reportedAt: '2025-06-01T09:00:00+08:00',
  };
  const dispute = { clientId: 'malformed-corpus-late-ds', category: '劳资', channel: '综治中心', lng: v.lng, lat: v.lat, villageCode: v.code, receivedAt: '2025-06-01T09:00:00+08:00' };
  const visit = { clientId: 'malformed-corpus-late-vs', officerId: ctx.officerId, villageCode: v.code, kind: '走访', visitedAt: '2025-06-01T09:00:00+08:00' };
  const post = (name: string, group: CaseGroup, path: string, body: Record<string, Value>, status: number, code: string, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `POST ${path} ${name}`,
    group,
    method: 'POST',
    path,
    headers: { ...JSON_TYPE },
    body: JSON.stringify(body),
    as: 'township',
    status,
    code,
    ...extra,
  });

  for (const [path, body] of [
    ['/api/hazards', hazard],
    ['/api/disputes', dispute],
    ['/api/visits', visit],
  ] as const) {
    const b = body as Record<string, Value>;
    for (const [l, key] of [
      ['sqli-or', "' OR 1=1 --"],
      ['xss-script', '<script>alert(1)</script>'],
      ['too-short', 'abc'],
      ['too-long', 'k'.repeat(101)],
      ['empty', ''],
      ['mismatch with clientId', 'malformed-corpus-other-key'],
    ] as const) {
      out.push({ ...post(`Idempotency-Key ${l}`, 'idempotency', path, b, 400, 'invalid_request'), headers: { ...JSON_TYPE, 'idempotency-key': key } });
    }
    out.push(post('without clientId or Idempotency-Key', 'missing-field', path, { ...b, clientId: undefined }, 400, 'invalid_request'));
    out.push(post(`villageCode of another township`, 'scope', path, { ...b, villageCode: ctx.otherVillage.code, ...(path === '/api/visits' ? {} : { lng: ctx.otherVillage.lng, lat: ctx.otherVillage.lat }) }, 403, 'out_of_scope'));
    out.push(post('as county (may not write)', 'forbidden', path, b, 403, 'forbidden', { as: 'county' }));
    out.push(post('as admin (may not write intake)', 'forbidden', path, b, 403, 'forbidden', { as: 'admin' }));
    const when = path === '/api/hazards' ? 'reportedAt' : path === '/api/disputes' ? 'receivedAt' : 'visitedAt';
    out.push(post(`${when} in the future`, 'date', path, { ...b, [when]: '2098-01-01T00:00:00+08:00' }, 400, 'invalid_request'));
  }
  for (const [path, body] of [
    ['/api/hazards', hazard],
    ['/api/disputes', dispute],
  ] as const) {
    const b = body as Record<string, Value>;
    const { villageCode: _, ...noVillage } = b;
    out.push(post('point outside the county', 'location', path, { ...noVillage, lng: 100, lat: 20 }, 422, 'outside_county'));
    out.push(post('point at 0,0', 'location', path, { ...noVillage, lng: 0, lat: 0 }, 422, 'outside_county'));
    out.push(post('point at the pole, edge of range', 'location', path, { ...noVillage, lng: 180, lat: 90 }, 422, 'outside_county'));
    out.push(post('point in another township', 'scope', path, { ...noVillage, lng: ctx.otherVillage.lng, lat: ctx.otherVillage.lat }, 403, 'out_of_scope'));
    out.push(post('no such village in the township', 'location', path, { ...b, villageCode: ctx.missingVillage }, 422, 'unknown_village'));
    out.push(post('point in a neighbouring village', 'location', path, { ...b, lng: ctx.neighbour.lng, lat: ctx.neighbour.lat }, 422, 'location_mismatch'));
  }
  out.push(post('unknown officer', 'bad-id', '/api/visits', { ...visit, officerId: 'ZZ9999' }, 422, 'unknown_officer'));
  out.push(post('officer of another village', 'location', '/api/visits', { ...visit, villageCode: ctx.neighbour.code }, 422, 'officer_not_linked'));
  out.push(post('lng without lat', 'coordinates', '/api/visits', { ...visit, lng: v.lng }, 400, 'invalid_request'));
  out.push(post('lat without lng', 'coordinates', '/api/visits', { ...visit, lat: v.lat }, 400, 'invalid_request'));
  out.push(post('point outside the county', 'location', '/api/visits', { ...visit, lng: 100, lat: 20 }, 422, 'outside_county'));

  // Status changes: illegal steps, dates, ids, scope.
  const patch = (name: string, group: CaseGroup, path: string, body: Record<string, Value>, status: number, code: string, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `PATCH ${path.replace(/\/(HZ|DS)\d+$/, '/:id')} ${name}`,
    group,
    method: 'PATCH',
    path,
    headers: { ...JSON_TYPE },
    body: JSON.stringify(body),
    as: 'township',
    status,
    code,
    ...extra,
  });
  const lifecycles = [
    { kind: 'hazard', id: ctx.hazard.id, other: ctx.otherHazardId, prefix: 'HZ', statuses: HAZARD_STATUSES as readonly string[], from: ctx.hazard.status as string, next: statusNext.hazard(ctx.hazard.status) ?? '已分流', allowed: HAZARD_TRANSITIONS[ctx.hazard.status] as readonly string[] },
    { kind: 'dispute', id: ctx.dispute.id, other: ctx.otherDisputeId, prefix: 'DS', statuses: DISPUTE_STATUSES as readonly string[], from: ctx.dispute.status as string, next: statusNext.dispute(ctx.dispute.status) ?? '调处中', allowed: DISPUTE_TRANSITIONS[ctx.dispute.status] as readonly string[] },
  ];
  for (const lc of lifecycles) {
    const path = `/api/${lc.kind}s/${lc.id}`;
    for (const s of lc.statuses.filter((s) => !lc.allowed.includes(s))) {
      out.push(patch(`illegal step ${lc.from} -> ${s}`, 'lifecycle', path, { status: s }, 409, 'illegal_transition'));
    }
    out.push(patch(`legal step dated before the previous one`, 'lifecycle', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 422, 'time_before_previous'));
    out.push(patch(`legal step dated in the future`, 'date', path, { status: lc.next, at: '2098-01-01T00:00:00+08:00' }, 400, 'invalid_request'));
    out.push(patch(`Idempotency-Key differs from clientId`, 'idempotency', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00', clientId: 'malformed-corpus-st-1' }, 400, 'invalid_request', { headers: { ...JSON_TYPE, 'idempotency-key': 'malformed-corpus-st-2' } }));
    out.push(patch(`Idempotency-Key with SQL`, 'idempotency', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 400, 'invalid_request', { headers: { ...JSON_TYPE, 'idempotency-key': "'; DROP TABLE status_change; --" } }));
    out.push(patch(`no such ${lc.kind} (well-formed id)`, 'bad-id', `/api/${lc.kind}s/${lc.prefix}99999999999`, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 404, 'not_found'));
    out.push(patch(`${lc.kind} of another township`, 'scope', `/api/${lc.kind}s/${lc.other}`, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 403, 'out_of_scope'));
    out.push(patch(`as county (may not write)`, 'forbidden', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 403, 'forbidden', { as: 'county' }));
    for (const id of [`${lc.prefix}12`, `${lc.prefix}-1`, '99999999999999999999', `${lc.prefix}0000001%00`, `..%2F${lc.prefix}0000001`, enc("' OR 1=1 --")]) {
      out.push(patch(`bad id ${id}`, 'bad-id', `/api/${lc.kind}s/${id}`, { status: lc.next }, 400, 'invalid_request', { name: `PATCH /api/${lc.kind}s/${id} bad id` }));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reads beyond one's scope or role

function scopeCases(ctx: CorpusContext): MalformedCase[] {
  const rows: [string, string, Caller, number, string, CaseGroup][] = [
    ['villages of another township', `/api/villages?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['events of another township', `/api/events?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['summary of another township', `/api/stats/summary?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['trend of another township', `/api/stats/trend?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['coverage of another township', `/api/coverage?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['alerts of another township', `/api/alerts?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['briefing of another township', `/api/briefing?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['feed of another township', `/api/feed?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['ledger template of another township', `/api/imports/ledger/template?kind=disputes&township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['village of another township', `/api/villages/${ctx.otherVillage.code}`, 'township', 403, 'out_of_scope', 'scope'],
    ['hazard of another township', `/api/hazards/${ctx.otherHazardId}`, 'township', 403, 'out_of_scope', 'scope'],
    ['dispute of another township', `/api/disputes/${ctx.otherDisputeId}`, 'township', 403, 'out_of_scope', 'scope'],
    ['admin users as township', '/api/admin/users', 'township', 403, 'forbidden', 'forbidden'],
    ['admin users as county', '/api/admin/users', 'county', 403, 'forbidden', 'forbidden'],
    ['admin devices as county', '/api/admin/devices', 'county', 403, 'forbidden', 'forbidden'],
    ['admin audit as township', '/api/admin/audit', 'township', 403, 'forbidden', 'forbidden'],
  ];
  return rows.map(([l, path, as, status, code, group]) => ({ name: `GET as ${as}: ${l}`, group, method: 'GET', path, headers: {}, as, status, code }));
}

// ---------------------------------------------------------------------------------------------
// Authentication and CSRF

function authCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const anon: [string, HttpMethod, string, Record<string, string>][] = [
    ['GET townships without a session', 'GET', '/api/townships', {}],
    ['GET events without a session', 'GET', '/api/events', {}],
    ['GET a hazard without a session', 'GET', `/api/hazards/${ctx.hazard.id}`, {}],
    // Without any session cookie `me` answers 200 { user: null } (the page's probe); a dead cookie is a 401.
    ['GET me with a forged session', 'GET', '/api/auth/me', { cookie: 'hy_session=forged-session-token' }],
    ['GET admin users without a session', 'GET', '/api/admin/users', {}],
    ['GET townships with a forged session', 'GET', '/api/townships', { cookie: 'hy_session=forged-session-token' }],
    ['GET townships with an SQL session cookie', 'GET', '/api/townships', { cookie: "hy_session=' OR 1=1 --" }],
    ['GET townships with a 300-char session cookie', 'GET', '/api/townships', { cookie: `hy_session=${'a'.repeat(300)}` }],
    ['GET townships with an empty session cookie', 'GET', '/api/townships', { cookie: 'hy_session=' }],
    ['GET townships with a wrong bearer token', 'GET', '/api/townships', { authorization: 'Bearer not-the-cli-token' }],
    ['GET townships with an SQL bearer token', 'GET', '/api/townships', { authorization: "Bearer ' OR 1=1 --" }],
    ['GET townships with Basic auth', 'GET', '/api/townships', { authorization: 'Basic ZGVtby1hZG1pbjpoZW5neWFuZy1kZW1v' }],
    ['GET admin users with a wrong bearer token', 'GET', '/api/admin/users', { authorization: 'Bearer hyw_0000000000000000000000' }],
    ['POST hazard without a session', 'POST', '/api/hazards', { ...JSON_TYPE }],
    ['PATCH hazard without a session', 'PATCH', `/api/hazards/${ctx.hazard.id}`, { ...JSON_TYPE }],
    ['POST logout without a session', 'POST', '/api/auth/logout', { ...JSON_TYPE }],
    ['POST ledger import without a session', 'POST', '/api/imports/ledger', { 'content-type': 'text/csv' }],
    ['POST admin user with a forged session', 'POST', '/api/admin/users', { ...JSON_TYPE, cookie: 'hy_session=forged', 'x-csrf-token': 'forged' }],
  ];
  for (const [l, method, path, headers] of anon) {
    out.push({ name: `unauthenticated: ${l}`, group: 'unauthenticated', method, path, headers, ...(method === 'GET' ? {} : { body: '{}' }), as: 'none', status: 401, code: 'unauthenticated' });
  }

  // Sign-in bodies that fail validation (400, not counted by the throttle)...
  const login = (name: string, group: CaseGroup, body: string, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `POST /api/auth/login ${name}`,
    group,
    method: 'POST',
    path: '/api/auth/login',
    headers: { ...JSON_TYPE },
    body,
    as: 'none',
    status: 400,
    code: 'invalid_request',
    ...extra,
  });
  out.push(login('empty object', 'login', '{}'));
  out.push(login('extra field role', 'login', JSON.stringify({ username: 'malformed-nobody', password: 'x', role: 'admin' })));
  out.push(login('username NUL', 'login', JSON.stringify({ username: 'malformed\u0000nobody', password: 'x' }), {
  }));
  // ... and well-formed ones for users that do not exist: 401, audited, counted by the (test's own) throttle.
  for (const [l, username, password] of [
    ['unknown user', 'malformed-nobody', 'not-the-password'],
    ['sqli-or username', "' or 1=1 --", "' OR '1'='1"],
    ['sqli-comment username', "admin'--", 'x'],
    ['xss username', '<script>alert(1)</script>', '$1'],
    ['unicode-quotes username', 'nobody\u2019 OR \u20181\u2019=\u20181', '\uFF07 OR \uFF11=\uFF11'],
  ] as const) {
    out.push(login(`well-formed: ${l}`, 'login', JSON.stringify({ username, password }), { status: 401, code: 'invalid_credentials', audit: 'auth.login_failed' }));
  }
  out.push({
    name: 'POST /api/auth/device well-formed: unknown token',
    group: 'login',
    method: 'POST',
    path: '/api/auth/device',
    headers: { ...JSON_TYPE },
    body: JSON.stringify({ token: 'hyw_malformed-corpus-unknown-token' }),
    as: 'none',
    status: 401,
    code: 'invalid_device_token',
    audit: 'auth.device_login_failed',
  });
  out.push({
    name: 'POST /api/auth/device well-formed: SQL token',
    group: 'login',
    method: 'POST',
    path: '/api/auth/device',
    headers: { ...JSON_TYPE },
    body: JSON.stringify({ token: "' OR 1=1 -- padding" }),
    as: 'none',
    status: 401,
    code: 'invalid_device_token',
    audit: 'auth.device_login_failed',
  });

  // CSRF: every cookie-authenticated write without the session's token.
  const v = ctx.village;
  const writes: [string, HttpMethod, string, Caller, Record<string, string>, string | Uint8Array<ArrayBuffer>][] = [
    ['hazard intake', 'POST', '/api/hazards', 'township', { ...JSON_TYPE }, JSON.stringify({ clientId: 'malformed-corpus-csrf', category: '消防', severity: 2, lng: v.lng, lat: v.lat })],
    ['dispute intake', 'POST', '/api/disputes', 'township', { ...JSON_TYPE }, JSON.stringify({ clientId: 'malformed-corpus-csrf', category: '劳资', channel: '综治中心', lng: v.lng, lat: v.lat })],
    ['visit intake', 'POST', '/api/visits', 'township', { ...JSON_TYPE }, JSON.stringify({ clientId: 'malformed-corpus-csrf', officerId: ctx.officerId, villageCode: v.code, kind: '走访', visitedAt: '2025-06-01T09:00:00+08:00' })],
    ['hazard status', 'PATCH', `/api/hazards/${ctx.hazard.id}`, 'township', { ...JSON_TYPE }, JSON.stringify({ status: statusNext.hazard(ctx.hazard.status), at: '2000-01-02T00:00:00+08:00' })],
    ['dispute status', 'PATCH', `/api/disputes/${ctx.dispute.id}`, 'township', { ...JSON_TYPE }, JSON.stringify({ status: statusNext.dispute(ctx.dispute.status), at: '2000-01-02T00:00:00+08:00' })],
    ['export report', 'POST', '/api/exports', 'township', { ...JSON_TYPE }, JSON.stringify({ kind: 'dashboard-png', view: 'csrf' })],
    ['logout', 'POST', '/api/auth/logout', 'township', { ...JSON_TYPE }, '{}'],
    ['admin new user', 'POST', '/api/admin/users', 'admin', { ...JSON_TYPE }, JSON.stringify({ username: 'demo-county', displayName: 'x', password: 'Malformed-Passw0rd!', role: 'county' })],
    ['admin user change', 'PATCH', `/api/admin/users/${ctx.wallUserId}`, 'admin', { ...JSON_TYPE }, JSON.stringify({ displayName: 123 })],
    ['admin new device', 'POST', '/api/admin/devices', 'admin', { ...JSON_TYPE }, JSON.stringify({ name: 'csrf', userId: ctx.countyUserId })],
    ['admin revoke device', 'DELETE', '/api/admin/devices/2147483647', 'admin', {}, ''],
    ['ledger import', 'POST', '/api/imports/ledger?dryRun=true', 'admin', { 'content-type': 'text/csv' }, 'a,b\n1,2\n'],
    ['boundary import', 'POST', '/api/imports/boundaries?dryRun=true', 'admin', { 'content-type': 'application/geo+json' }, '{"type":"FeatureCollection","features":[]}'],
  ];
  for (const [l, method, path, as, headers, body] of writes) {
    for (const mode of ['missing', 'wrong', 'empty', 'foreign'] as const) {
      out.push({
        name: `CSRF ${mode}: ${method} ${l}`,
        group: 'csrf',
        method,
        path,
        headers,
        ...(body === '' ? {} : { body }),
        as,
        csrf: mode,
        status: 403,
        code: 'csrf_failed',
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Admin: users, devices (beyond the field mutations above)

function adminCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const strong = 'Malformed-Passw0rd!';
  const newUser = (name: string, body: Record<string, Value>, status: number, code: string, group: CaseGroup = 'range', extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `POST /api/admin/users ${name}`,
    group,
    method: 'POST',
    path: '/api/admin/users',
    headers: { ...JSON_TYPE },
    body: JSON.stringify(body),
    as: 'admin',
    status,
    code,
    ...extra,
  });
  const fresh = { username: 'malformed-corpus-user', displayName: '畸形请求测试', password: strong };
  out.push(newUser('username taken', { ...fresh, username: 'demo-county', role: 'county' }, 409, 'username_taken'));
  out.push(newUser('username taken (upper-case)', { ...fresh, username: 'DEMO-COUNTY', role: 'county' }, 409, 'username_taken'));
  out.push(newUser('weak password (short)', { ...fresh, role: 'county', password: 'abc123' }, 400, 'invalid_request'));
  out.push(newUser('weak password (letters only)', { ...fresh, role: 'county', password: 'abcdefghijkl' }, 400, 'invalid_request'));
  out.push(newUser('weak password (digits only)', { ...fresh, role: 'county', password: '123456789012' }, 400, 'invalid_request'));
  out.push(newUser('township role without townshipCode', { ...fresh, role: 'township' }, 400, 'invalid_request', 'missing-field'));
  out.push(newUser('township role with unknown township', { ...fresh, role: 'township', townshipCode: '430421999' }, 400, 'invalid_request'));
  out.push(newUser('officer role without officerId', { ...fresh, role: 'officer' }, 400, 'invalid_request', 'missing-field'));
  out.push(newUser('officer role with unknown officer', { ...fresh, role: 'officer', officerId: 'ZZ9999' }, 400, 'invalid_request', 'bad-id'));
  out.push(newUser('extra field isAdmin', { ...fresh, role: 'county', isAdmin: true }, 400, 'invalid_request', 'unknown-param'));
  out.push(newUser('extra field id', { ...fresh, role: 'county', id: 1 }, 400, 'invalid_request', 'unknown-param'));
  out.push(
    newUser('displayName NUL', { ...fresh, role: 'county', displayName: '畸形\u0000测试' }, 400, 'invalid_request', 'injection', {
    }),
  );

  const change = (name: string, path: string, body: string, status: number, code: string, group: CaseGroup, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `PATCH /api/admin/users/:id ${name}`,
    group,
    method: 'PATCH',
    path,
    headers: { ...JSON_TYPE },
    body,
    as: 'admin',
    status,
    code,
    ...extra,
  });
  for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999', '2147483648', '1%20OR%201%3D1', '%27', '..%2F1', 'NaN', 'Infinity']) {
    out.push(change(`bad id ${decodeURIComponentSafe(id)}`, `/api/admin/users/${id}`, '{}', 400, 'invalid_request', 'bad-id'));
  }
  out.push(change('no such user', '/api/admin/users/2147483647', '{"displayName":"x"}', 404, 'not_found', 'bad-id'));
  out.push(
    change('displayName NUL', `/api/admin/users/${ctx.wallUserId}`, JSON.stringify({ displayName: '大屏\u0000' }), 400, 'invalid_request', 'injection', {
    }),
  );

  const device = (name: string, method: HttpMethod, path: string, body: string | undefined, status: number, code: string, group: CaseGroup, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `${method} ${method === 'POST' ? '/api/admin/devices' : '/api/admin/devices/:id'} ${name}`,
    group,
    method,
    path,
    headers: body === undefined ? {} : { ...JSON_TYPE },
    ...(body === undefined ? {} : { body }),
    as: 'admin',
    status,
    code,
    ...extra,
  });
  out.push(device('extra field token', 'POST', '/api/admin/devices', JSON.stringify({ name: 'x', userId: ctx.wallUserId, token: 'chosen' }), 400, 'invalid_request', 'unknown-param'));
  out.push(
    device('userId beyond int4 (2147483648)', 'POST', '/api/admin/devices', JSON.stringify({ name: '畸形', userId: 2147483648 }), 400, 'invalid_request', 'range', {
    }),
  );
  out.push(
    device('name NUL', 'POST', '/api/admin/devices', JSON.stringify({ name: '大屏\u0000', userId: ctx.wallUserId }), 400, 'invalid_request', 'injection', {
    }),
  );
  for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999', '2147483648', '%27%20OR%201%3D1']) {
    out.push(device(`bad id ${decodeURIComponentSafe(id)}`, 'DELETE', `/api/admin/devices/${id}`, undefined, 400, 'invalid_request', 'bad-id'));
  }
  out.push(device('no such device', 'DELETE', '/api/admin/devices/2147483647', undefined, 404, 'not_found', 'bad-id'));
  out.push(device('as township', 'DELETE', '/api/admin/devices/1', undefined, 403, 'forbidden', 'forbidden', { as: 'township' }));
  out.push({ ...newUser('as township', { ...fresh, role: 'county' }, 403, 'forbidden', 'forbidden'), as: 'township' });
  out.push({ ...newUser('as county', { ...fresh, role: 'county' }, 403, 'forbidden', 'forbidden'), as: 'county' });

  // Free-text NUL in intake and exports (the rest of the body is valid).
  const v = ctx.village;
  const nul = (field: string) => `a NUL character in ${field} passes validation and fails in PostgreSQL: 500 ("invalid byte sequence for encoding UTF8: 0x00", or "unsupported Unicode escape sequence" in jsonb)`;
  const intakeNul: [string, string, Record<string, Value>, string][] = [
    ['/api/hazards', 'description', { clientId: 'malformed-corpus-nul-hz', category: '消防', severity: 2, lng: v.lng, lat: v.lat, description: '电线\u0000老化' }, 'description'],
    ['/api/hazards', 'reporterName', { clientId: 'malformed-corpus-nul-hz2', category: '消防', severity: 2, lng: v.lng, lat: v.lat, reporterName: '张\u0000三' }, 'reporterName'],
    ['/api/disputes', 'summary', { clientId: 'malformed-corpus-nul-ds', category: '劳资', channel: '综治中心', lng: v.lng, lat: v.lat, summary: '欠薪\u0000纠纷' }, 'summary'],
    ['/api/exports', 'view', { kind: 'dashboard-png', view: 'level=\u0000' }, 'view'],
  ];
  for (const [path, field, body, f] of intakeNul) {
    out.push({
      name: `POST ${path} ${field} NUL (otherwise valid)`,
      group: 'injection',
      method: 'POST',
      path,
      headers: { ...JSON_TYPE },
      body: JSON.stringify(body),
      as: 'township',
      status: 400,
      code: 'invalid_request',
    });
  }
  out.push({
    name: `PATCH /api/hazards/:id note NUL (legal step)`,
    group: 'injection',
    method: 'PATCH',
    path: `/api/hazards/${ctx.hazard.id}`,
    headers: { ...JSON_TYPE },
    body: JSON.stringify({ status: statusNext.hazard(ctx.hazard.status), note: '复核\u0000' }),
    as: 'township',
    status: 400,
    code: 'invalid_request',
  });
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Imports (admin): query parameters, content types, bodies, size limits

function importCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const small = ctx.smallImportMaxBytes;
  const imp = (
    which: 'ledger' | 'boundaries',
    name: string,
    group: CaseGroup,
    qs: string,
    contentType: string | null,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    status: number,
    code: string | undefined,
    extra: Partial<MalformedCase> = {},
  ): MalformedCase => ({
    name: `POST /api/imports/${which} ${name}`,
    group,
    method: 'POST',
    path: `/api/imports/${which}${qs ? `?${qs}` : ''}`,
    headers: contentType === null ? {} : { 'content-type': contentType },
    ...(body === undefined ? {} : { body }),
    as: 'admin',
    status,
    ...(code ? { code } : {}),
    ...extra,
  });
  const csv = 'a,b\n1,2\n';
  const geo = '{"type":"FeatureCollection","features":[]}';

  // Query parameters (the schemas are strict).
  const ledgerParams: [string, [string, string][]][] = [
    ['kind', [['unknown', 'hazards'], ['upper-case', 'DISPUTES'], ['two-values', 'disputes,visits'], ['empty', '']]],
    ['township', [['8-digits', '43042111'], ['village-code', '430421110004'], ['nul', '430421110\u0000'], ['empty', '']]],
    ['dryRun', [['yes', 'yes'], ['upper-case', 'TRUE'], ['empty', '']]],
    ['fileName', [['empty', ''], ['blank', '   '], ['256-chars', 'f'.repeat(256)]]],
  ];
  for (const [param, values] of ledgerParams) {
    for (const [l, value] of values) out.push(imp('ledger', `${param}=${l}`, 'range', query([[param, value]]), 'text/csv', csv, 400, 'invalid_request'));
    if (param !== 'fileName') for (const [l, value] of INJECTIONS) out.push(imp('ledger', `${param}=${l}`, 'injection', query([[param, value]]), 'text/csv', csv, 400, 'invalid_request'));
  }
  out.push(imp('ledger', 'unknown parameter', 'unknown-param', 'apply=true', 'text/csv', csv, 400, 'invalid_request'));
  out.push(imp('ledger', 'repeated kind', 'wrong-type', 'kind=disputes&kind=visits', 'text/csv', csv, 400, 'invalid_request'));
  const boundaryParams: [string, [string, string][]][] = [
    ['level', [['county', 'county'], ['upper-case', 'VILLAGE'], ['empty', '']]],
    ['crs', [['wgs84-name', 'WGS84'], ['epsg-1-digit', 'EPSG:1'], ['epsg-6-digits', 'EPSG:123456'], ['proj-string', '+proj=longlat'], ['empty', '']]],
    ['dryRun', [['maybe', 'maybe'], ['empty', '']]],
    ['fileName', [['empty', ''], ['201-chars', 'f'.repeat(201)]]],
  ];
  for (const [param, values] of boundaryParams) {
    for (const [l, value] of values) out.push(imp('boundaries', `${param}=${l}`, 'range', query([[param, value]]), 'application/geo+json', geo, 400, 'invalid_request'));
    if (param !== 'fileName') for (const [l, value] of INJECTIONS) out.push(imp('boundaries', `${param}=${l}`, 'injection', query([[param, value]]), 'application/geo+json', geo, 400, 'invalid_request'));
  }
  out.push(imp('boundaries', 'unknown parameter', 'unknown-param', 'force=1', 'application/geo+json', geo, 400, 'invalid_request'));

  // Ledger bodies.
  for (const [l, type] of [
    ['json', 'application/json'],
    ['html', 'text/html'],
    ['png', 'image/png'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
  ] as const) {
    out.push(imp('ledger', `content-type ${l}`, 'content-type', 'dryRun=true', type, csv, 400, 'unsupported_file_type'));
  }
  out.push(imp('ledger', 'empty body', 'broken-json', 'dryRun=true', 'text/csv', '', 400, 'unreadable_file'));
  out.push(imp('ledger', 'garbage .xlsx', 'import', '', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes('PK', [3, 4], 'garbage'), 400, 'unreadable_file'));
  out.push(imp('ledger', 'binary noise as CSV', 'import', '', 'text/csv', bytes([0, 1, 2, 3, 0xff, 0xfe, 0, 0]), 400, 'unreadable_file'));
  out.push(imp('ledger', 'CSV without a header row', 'import', '', 'text/csv', "' OR 1=1 --,<script>alert(1)</script>\n1,2\n", 400, 'unrecognised_ledger'));
  out.push(imp('ledger', 'multipart without a file field', 'import', '', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--xyz--\r\n', 400, 'unreadable_file'));
  out.push(
    imp('ledger', 'multipart without a boundary', 'broken-json', '', 'multipart/form-data', 'garbage', 400, 'unreadable_file', {
    }),
  );
  out.push(
    imp('ledger', 'multipart with a broken body', 'broken-json', '', 'multipart/form-data; boundary=xyz', '--xyz\r\ngarbage', 400, 'unreadable_file', {
    }),
  );
  const header = '受理日期,乡镇,村(社区),纠纷类型,受理渠道,调解结果,办结日期,调解员,当事人,联系电话,纠纷简况';
  const badRows = [
    `2099-13-45,界牌镇,' OR 1=1 --,婚姻家庭,综治中心,调解成功,2099-13-46,$1,<script>alert(1)</script>,12345,x`,
    `1899-01-01,'; DROP TABLE dispute; --,${ctx.missingVillage},打架,javascript:alert(1),成功,,,,,`,
  ];
  out.push(imp('ledger', 'disputes CSV with bad rows', 'import', 'kind=disputes', 'text/csv', [header, ...badRows].join('\n'), 422, 'import_rejected'));
  out.push(imp('ledger', 'visits CSV with bad rows', 'import', 'kind=visits', 'text/csv', ['走访日期,乡镇,村(社区),民警,警号,走访形式', `2026-02-30,界牌镇,${ctx.missingVillage},' OR 1=1 --,$1,<script>`].join('\n'), 422, 'import_rejected'));
  out.push(imp('ledger', `over IMPORT_MAX_BYTES (${small}, streamed)`, 'oversize', '', 'text/csv', 'x'.repeat(small * 4), 413, 'payload_too_large', { smallImportLimit: true }));
  out.push(imp('ledger', 'over IMPORT_MAX_BYTES (announced)', 'oversize', '', 'text/csv', csv, 413, 'payload_too_large', { smallImportLimit: true, headers: { 'content-type': 'text/csv', 'content-length': String(small * 1024) } }));
  out.push(imp('ledger', 'as township, for another township', 'forbidden', 'township=430421111', 'text/csv', csv, 403, 'out_of_scope', { as: 'township' }));
  out.push(imp('ledger', 'as county', 'forbidden', '', 'text/csv', csv, 403, 'forbidden', { as: 'county' }));

  // Boundary bodies.
  out.push(imp('boundaries', 'empty body', 'broken-json', '', 'application/zip', '', 400, 'invalid_request'));
  out.push(imp('boundaries', 'content-type text/plain', 'content-type', '', 'text/plain', 'x', 400, 'invalid_request'));
  out.push(imp('boundaries', 'content-type text/html', 'content-type', '', 'text/html', '<html></html>', 400, 'invalid_request'));
  out.push(imp('boundaries', 'no content-type, no file name, not a zip', 'content-type', '', null, bytes('not a zip'), 400, 'invalid_request'));
  out.push(imp('boundaries', 'garbage zip', 'import', '', 'application/zip', bytes('PK', [3, 4], 'garbage'), 400, 'bad_file'));
  out.push(imp('boundaries', 'truncated GeoJSON', 'broken-json', '', 'application/geo+json', '{"type":"FeatureCollection","features":[', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON with BOM and trailing comma', 'broken-json', '', 'application/geo+json', '\uFEFF{"type":"FeatureCollection","features":[],}', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON array', 'wrong-type', '', 'application/geo+json', '[]', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON features not an array', 'wrong-type', '', 'application/geo+json', '{"type":"FeatureCollection","features":"x"}', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON invalid UTF-8', 'broken-json', '', 'application/geo+json', bytes([0x7b, 0xff, 0xfe, 0x7d]), 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON without codes or names', 'import', 'dryRun=true', 'application/geo+json', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}', 422, 'import_rejected'));
  out.push(
    imp(
      'boundaries',
      'GeoJSON with 1e309 coordinates',
      'coordinates',
      '',
      'application/geo+json',
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"${ctx.village.code}"},"geometry":{"type":"Polygon","coordinates":[[[1e309,0],[1,1],[0,1],[1e309,0]]]}}]}`,
      422,
      'import_rejected',
    ),
  );
  out.push(
    imp(
      'boundaries',
      'GeoJSON with SQL in properties and a point geometry',
      'injection',
      '',
      'application/geo+json',
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: "' OR 1=1 --", name: "'; DROP TABLE village; --" }, geometry: { type: 'Point', coordinates: [112.6, 27.1] } }] }),
      422,
      'import_rejected',
    ),
  );
  out.push(imp('boundaries', `over IMPORT_MAX_BYTES (${small}, streamed)`, 'oversize', '', 'application/geo+json', ' '.repeat(small * 4) + geo, 413, 'payload_too_large', { smallImportLimit: true }));
  out.push(imp('boundaries', 'over IMPORT_MAX_BYTES (announced)', 'oversize', '', 'application/zip', 'PK', 413, 'payload_too_large', { smallImportLimit: true, headers: { 'content-type': 'application/zip', 'content-length': String(small * 1024) } }));
  out.push(imp('boundaries', 'as county', 'forbidden', '', 'application/geo+json', geo, 403, 'forbidden', { as: 'county' }));
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The whole corpus, in a fixed order. */
export function malformedCorpus(ctx: CorpusContext = DEFAULT_CONTEXT): MalformedCase[] {
  const all = [...readCases(ctx), ...pathCases(ctx), ...writeCases(ctx), ...lateCases(ctx), ...scopeCases(ctx), ...authCases(ctx), ...adminCases(ctx), ...importCases(ctx)];
  // Every refused request (403) leaves one audit entry (issue 11).
  return all.map((c) => (c.status === 403 && !c.audit ? { ...c, audit: 'access.denied' as const } : c));
}

/** The statuses a case may be answered with. */
export function expectedStatuses(c: MalformedCase): readonly number[] {
  return typeof c.status === 'number' ? [c.status] : c.status;
}
