import { enc, INJECTIONS, query } from './blocks.ts';
import { badValues, type ParamKind, VALID } from './params.ts';
import type { Caller, CaseGroup, CorpusContext, MalformedCase } from './types.ts';

/** GET endpoints and their query parameters. */

export interface ReadEndpoint {
  path: string;
  as: Caller;
  /** Parameters every request carries (a required one), unless the case replaces them. */
  base: Record<string, string>;
  params: Record<string, ParamKind>;
  /** Highest `limit` allowed, if any. */
  limitMax?: number;
  period: boolean;
}

export function readEndpoints(ctx: CorpusContext): ReadEndpoint[] {
  const period = { from: 'date', to: 'date' } as const;
  const filters = { category: 'category', status: 'status', campaign: 'campaign' } as const;
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
    // A vector tile's filter; its z/x/y are refused in api/routes/tiles.db.test.ts.
    { path: '/api/tiles/villages/8/208/107.mvt', as: 'county', base: {}, params: { ...period, ...filters, township: 'township' }, period: true },
    { path: '/api/tiles/events/8/208/107.mvt', as: 'county', base: {}, params: { ...period, ...filters, type: 'eventType', township: 'township' }, period: true },
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
    { path: '/api/feed', as: 'county', base: {}, params: { since: 'since', township: 'township', campaign: 'campaign', limit: 'limit' }, limitMax: 200, period: false },
    { path: '/api/alerts', as: 'county', base: {}, params: { ...period, township: 'township', campaign: 'campaign' }, period: true },
    { path: '/api/briefing', as: 'county', base: {}, params: { week: 'week', township: 'township', campaign: 'campaign', metric: 'metric' }, period: false },
    { path: '/api/campaigns', as: 'county', base: {}, params: {}, period: false },
    { path: '/api/campaigns/jingwang/effect', as: 'county', base: {}, params: { township: 'township' }, period: false },
    { path: '/api/imports/ledger/template', as: 'county', base: { kind: 'disputes' }, params: { kind: 'ledgerKind', township: 'township' }, period: false },
    { path: '/api/admin/audit', as: 'admin', base: {}, params: { limit: 'limit', before: 'before' }, limitMax: 500, period: false },
    // No parameters at all: only the unknown-parameter cases apply.
    { path: '/api/config', as: 'county', base: {}, params: {}, period: false },
    { path: '/api/basemap', as: 'county', base: {}, params: {}, period: false },
    { path: '/api/openapi.json', as: 'county', base: {}, params: {}, period: false },
    { path: '/api/reference', as: 'county', base: {}, params: {}, period: false },
  ];
}

export function readCases(ctx: CorpusContext): MalformedCase[] {
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
        const group: CaseGroup =
          kind === 'date' || kind === 'since' || kind === 'week'
            ? 'date'
            : kind === 'bbox'
              ? 'bbox'
              : kind === 'limit' || kind === 'before' || kind === 'township'
                ? 'range'
                : 'enum';
        out.push(get(`${param}=${l}`, group, query(withBase([[param, v]]))));
      }
      for (const [l, v] of INJECTIONS) out.push(get(`${param}=${l}`, 'injection', query(withBase([[param, v]]))));
      out.push(get(`${param}=empty`, 'wrong-type', query(withBase([[param, '']]))));
      out.push(get(`${param}=blank`, 'wrong-type', query(withBase([[param, '   ']]))));
      out.push(
        get(
          `${param} repeated (array)`,
          'wrong-type',
          query(
            withBase([
              [param, VALID[kind]],
              [param, VALID[kind]],
            ]),
          ),
        ),
      );
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
        out.push(
          get(
            l,
            'date',
            query(
              withBase([
                ['from', from],
                ['to', to],
              ]),
            ),
          ),
        );
      }
      // One bound, completed on the server: to today (over ten years), or a year back (before 2000).
      out.push(get('from alone, over ten years before today', 'date', query(withBase([['from', '2000-01-01']]))));
      out.push(get('to alone, its year starting before 2000', 'date', query(withBase([['to', '2000-06-30']]))));
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
