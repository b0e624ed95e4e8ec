import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { loadConfig } from '../config.ts';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES } from '../contract/enums.ts';
import { downDb } from '../test/down-db.ts';
import { buildDocument, operationKey } from './document.ts';
import { OPERATIONS } from './operations.ts';

// Nothing here reads the database: a signed-in request comes with the CLI's bearer token.
const TOKEN = 'test-cli-token-0123456789';
const app = createApp({
  db: downDb,
  config: loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '' }),
  now: () => new Date('2026-11-28T04:00:00Z'),
  throttle: new FailureThrottle(),
  cliToken: TOKEN,
});
const signedIn = { headers: { authorization: `Bearer ${TOKEN}` } };

type Param = { in: string; name: string; required?: boolean; explode?: boolean; schema: { type?: string; enum?: string[]; items?: { enum?: string[] } } };
type Op = {
  summary?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }>; required: string[] } }> };
  responses: Record<string, { $ref?: string }>;
};

const doc = await buildDocument(app);
const op = (method: string, path: string) => (doc.paths[path] as Record<string, Op> | undefined)?.[method];
/** Every route a request can reach; `ALL` entries are middleware. */
const mounted = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the shared error body as a component', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas?.Error).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
    expect(doc.components.responses?.BadRequest).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  });

  it('has every mounted route, with its method, its path in OpenAPI form, a summary and a tag', () => {
    expect(mounted.length).toBeGreaterThan(35);
    for (const route of mounted) {
      const [method = '', path = ''] = route.split(' ');
      const openApiPath = path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
      const operation = op(method.toLowerCase(), openApiPath);
      expect(operation, route).toBeDefined();
      expect(operation?.summary, route).toBe(OPERATIONS[route]?.summary);
      expect(operation?.tags, route).toHaveLength(1);
      for (const name of openApiPath.match(/\{(\w+)\}/g) ?? []) {
        expect(operation?.parameters, route).toContainEqual(expect.objectContaining({ in: 'path', name: name.slice(1, -1), required: true }));
      }
    }
  });

  it('describes no operation that is not mounted', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item ?? {}).map((m) => operationKey(m, path)));
    expect(documented.sort()).toEqual([...mounted].sort());
    expect(Object.keys(OPERATIONS).sort()).toEqual([...mounted].sort());
  });

  it('documents the query of /api/stats/summary with the enums of its comma-separated filters', () => {
    const params = op('get', '/api/stats/summary')?.parameters ?? [];
    expect(params.map((p) => p.name).sort()).toEqual(['campaign', 'category', 'from', 'status', 'to', 'township']);
    const category = params.find((p) => p.name === 'category');
    expect(category).toMatchObject({ in: 'query', explode: false, schema: { type: 'array' } });
    expect(category?.schema.items?.enum).toEqual(expect.arrayContaining([...DISPUTE_CATEGORIES, ...HAZARD_CATEGORIES]));
    expect(params.find((p) => p.name === 'status')?.schema.items?.enum).toEqual(expect.arrayContaining([...DISPUTE_STATUSES, ...HAZARD_STATUSES]));
    expect(params.find((p) => p.name === 'township')?.required).toBeFalsy();
  });

  it('documents the body of POST /api/disputes with its enums, and its answers', () => {
    const operation = op('post', '/api/disputes');
    const body = operation?.requestBody?.content['application/json']?.schema;
    expect(body?.properties.category?.enum).toEqual([...DISPUTE_CATEGORIES]);
    expect(body?.properties.channel?.enum).toEqual([...DISPUTE_CHANNELS]);
    expect(body?.required).toEqual(expect.arrayContaining(['category', 'channel', 'lng', 'lat']));
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['200', '201', '400', '401', '403', '409', '415', '422', '503']);
    expect(operation?.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
  });

  it('names in the summary of PATCH /api/admin/users/{id} exactly the fields its body takes', () => {
    const operation = op('patch', '/api/admin/users/{id}');
    const listed = /:\s*([^)]*)\)/.exec(operation?.summary ?? '')?.[1]?.split(/,\s*/);
    const body = operation?.requestBody?.content['application/json']?.schema;
    expect(listed?.sort()).toEqual(Object.keys(body?.properties ?? {}).sort());
  });

  it('publishes the answer schemas open to new fields (a vendor must ignore what it does not know)', () => {
    const closed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) for (const [i, x] of node.entries()) walk(x, `${at}/${i}`);
      else if (node !== null && typeof node === 'object') {
        if ((node as { additionalProperties?: unknown }).additionalProperties === false) closed.push(at);
        for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
      }
    };
    const answers = Object.entries(doc.components.schemas ?? {}).filter(([name]) => name !== 'Error');
    expect(answers.length).toBeGreaterThan(10);
    walk(Object.fromEntries(answers), '#/components/schemas');
    expect(closed).toEqual([]);
  });

  it('marks the sign-in as callable without a session, and reads as needing one', () => {
    expect(op('post', '/api/auth/login')).toMatchObject({ security: [] });
    expect(op('get', '/api/villages')).not.toHaveProperty('security');
    expect(doc.security).toContainEqual({ session: [] });
  });
});

describe('GET /api/openapi.json and /api/reference', () => {
  it.each(['/api/openapi.json', '/api/reference'])('%s is refused without a session', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('serves the document to a signed-in caller', async () => {
    const res = await app.request('/api/openapi.json', signedIn);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('refuses an unknown parameter like every other endpoint', async () => {
    const res = await app.request('/api/openapi.json?x=1', signedIn);
    expect(res.status).toBe(400);
  });

  it('serves a self-contained reference page: every operation, the error codes, nothing from elsewhere', async () => {
    const res = await app.request('/api/reference', signedIn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    for (const route of mounted) expect(page, route).toContain(`${route.split(' ')[0]}</span> <code>${route.split(' ')[1]?.replace(/:(\w+)/g, '{$1}')}</code>`);
    expect(page).toContain('idempotency_key_reused');
    expect(page).toContain('婚姻家庭');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(page).not.toMatch(/https?:\/\//);
  });
});
