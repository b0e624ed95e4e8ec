import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { type CaseFilterField, caseFilterShape } from '../contract/case-filter.ts';
import { buildDocument, type OpenApiDocument } from '../openapi/document.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { type TestDb, testDb } from '../test/test-db.ts';

/**
 * An endpoint that accepts a field of the case filter must also act on it: the field's value has
 * to change the answer. Without this, a dimension added to `caseFilterShape` is accepted (and
 * published in the OpenAPI document) by every route that spreads the shape, and silently ignored
 * by each whose SQL was not changed. The endpoints and the fields they take are read from the
 * generated document, so a new route or a new field is covered without an edit here; a new
 * field needs a probe below (the compiler asks for it).
 */
const PROBES: Record<CaseFilterField, string> = {
  // A period other than the default last 365 days.
  from: '2026-10-01',
  to: '2026-06-30',
  township: '430421110',
  // A hazard category and a dispute status: each narrows one kind and leaves none of the other.
  category: '消防',
  status: '调处中',
  // The generator's running campaign (净网): its tagged cases are a part of every count.
  campaign: 'jingwang',
};

/** Values for the other parameters an endpoint requires, and for path parameters. */
const REQUIRED: Record<string, string> = {
  type: 'hazard',
  kind: 'disputes',
  code: '430421110200',
  // The vector tile (zoom 8) holding 界牌镇 and the county's north-east.
  z: '8',
  x: '208',
  y: '107.mvt',
};
/** Path parameters of one endpoint that mean something else there than in REQUIRED. */
const PATH_PARAMS: Record<string, Record<string, string>> = { '/api/campaigns/{code}/effect': { code: 'qingyuan' } };

/**
 * Accepted and deliberately without effect, each with its reason. Coverage and alerts are read as
 * of the period's end (the quarter's visits to date, the last 7 days' thresholds), so its start
 * does not change them; they take `from` so that every dashboard query sends one filter.
 */
const AS_OF_ONLY: Record<string, CaseFilterField[]> = { '/api/coverage': ['from'], '/api/alerts': ['from'] };

const FIELDS = Object.keys(caseFilterShape) as CaseFilterField[];

let t: TestDb;
let county: SignedIn;
let doc: OpenApiDocument;

beforeAll(async () => {
  t = await testDb();
  const app = createApp(t.deps);
  county = await signIn(app, 'demo-county');
  doc = await buildDocument(app);
});

type Param = { in: string; name: string; required?: boolean };

/** Every GET that takes at least one field of the case filter, with the fields it takes. */
function filteredEndpoints(): { path: string; fields: CaseFilterField[]; base: URLSearchParams }[] {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const params = ((item as { get?: { parameters?: Param[] } }).get?.parameters ?? []) as Param[];
    const fields = params.filter((p) => p.in === 'query' && FIELDS.includes(p.name as CaseFilterField)).map((p) => p.name as CaseFilterField);
    if (fields.length === 0) continue;
    const base = new URLSearchParams();
    for (const p of params) if (p.in === 'query' && p.required) base.set(p.name, REQUIRED[p.name] ?? '');
    const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_PARAMS[path]?.[name] ?? REQUIRED[name] ?? name);
    out.push({ path: concrete, fields, base });
  }
  return out;
}

async function answer(path: string, query: URLSearchParams): Promise<string> {
  const res = await county.request(`${path}?${query}`);
  const body = await res.text();
  expect(res.status, `${path}?${query}: ${body.slice(0, 300)}`).toBe(200);
  return body;
}

describe('every endpoint acts on each case-filter field it accepts', () => {
  it('finds the filtered endpoints in the document', () => {
    const paths = filteredEndpoints().map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/stats/summary', '/api/villages', '/api/events', '/api/briefing', '/api/villages/430421110200']));
  });

  it('answers differently with each field than without it', async () => {
    const ignored: string[] = [];
    for (const { path, fields, base } of filteredEndpoints()) {
      const without = await answer(path, base);
      for (const field of fields.filter((f) => !AS_OF_ONLY[path]?.includes(f))) {
        const query = new URLSearchParams(base);
        query.set(field, PROBES[field]);
        if ((await answer(path, query)) === without) ignored.push(`${path} ignores ${field}=${PROBES[field]}`);
      }
    }
    expect(ignored).toEqual([]);
  });
});
