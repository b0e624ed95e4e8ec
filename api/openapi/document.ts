import type { Env, Hono, Schema } from 'hono';
import { generateSpecs, resolver } from 'hono-openapi';
import pkg from '../../package.json' with { type: 'json' };
import { COMPONENTS, ERROR_ANSWERS, type ErrorAnswer, READ_SECURITY, WRITE_SECURITY } from './components.ts';
import { OPERATIONS, type Operation, TAGS } from './operations.ts';
import { RESPONSE_SCHEMA_OPTIONS } from './schema-options.ts';

export type OpenApiDocument = Awaited<ReturnType<typeof generateSpecs>>;
type Op = Record<string, unknown> & { parameters?: Param[]; responses?: Record<string, unknown> };
type Param = { in?: string; name?: string; schema?: { type?: unknown; format?: string }; description?: string; style?: string; explode?: boolean };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What every dashboard read shares; said once here rather than in each validator. */
const PARAMETER_NOTES: Record<string, string> = {
  from: '起始日期 YYYY-MM-DD（含，Asia/Shanghai）(first day, inclusive); 缺省为近 12 个月 (default: the last 12 months)',
  to: '截止日期 YYYY-MM-DD（含，Asia/Shanghai）(last day, inclusive); 缺省为今天 (default: today)',
  township: '乡镇代码，9 位 (9-digit township code)',
  category: '类别，逗号分隔 (categories, comma-separated)',
  status: '状态，逗号分隔 (statuses, comma-separated)',
};

/** `/api/villages/{code}` -> `GET /api/villages/:code`, the key of OPERATIONS. */
export function operationKey(method: string, openApiPath: string): string {
  return `${method.toUpperCase()} ${openApiPath.replace(/\{([^}]+)\}/g, ':$1')}`;
}

function describeParameters(params: Param[]): void {
  for (const p of params) {
    if (p.in === 'query' && p.name && PARAMETER_NOTES[p.name] && !p.description) p.description = PARAMETER_NOTES[p.name];
    if (p.in === 'query' && (p.name === 'from' || p.name === 'to') && p.schema?.type === 'string') p.schema.format = 'date';
    // The API splits list filters on commas; a repeated parameter is refused.
    if (p.in === 'query' && p.schema?.type === 'array') Object.assign(p, { style: 'form', explode: false });
  }
}

function errorRefs(statuses: readonly ErrorAnswer[]): Record<string, { $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/${ERROR_ANSWERS[s].name}` }]));
}

type Content = Record<string, { schema: unknown }>;
type SchemaComponents = Record<string, unknown>;

/**
 * The success answer's body from `o.answer` (a zod schema, as JSON Schema of what the server
 * sends), the named parts of it (`.meta({ id })`) added to `schemas` as components.
 */
async function answerContent(o: Operation, schemas: SchemaComponents): Promise<Content | undefined> {
  if (!o.answer) return undefined;
  const { schema, components } = await resolver(o.answer, RESPONSE_SCHEMA_OPTIONS).toOpenAPISchema();
  for (const [name, part] of Object.entries(components?.schemas ?? {})) {
    if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(part)) throw new Error(`two answer schemas are named ${name}`);
    schemas[name] = part;
  }
  return { 'application/json': { schema } };
}

function responsesOf(o: Operation, hasPathParams: boolean, content: Content | undefined): Record<string, unknown> {
  const body = content ? { content } : {};
  const success =
    o.created === 'retry'
      ? {
          '201': { description: '已创建 (created)', ...body },
          '200': { description: '重复提交，返回原记录 (a retry with the same clientId: the original record)', ...body },
        }
      : o.created === 'new'
        ? { '201': { description: '已创建 (created)', ...body } }
        : { '200': { description: '成功 (OK)', ...body } };
  const errors: ErrorAnswer[] = ['400', '401', ...(o.public ? [] : (['403'] as const)), ...(hasPathParams ? (['404'] as const) : []), ...(o.errors ?? []), '503'];
  return { ...success, ...errorRefs(errors.sort()) };
}

/** Adds what OPERATIONS knows to one generated operation. */
async function complete(op: Op, method: string, path: string, schemas: SchemaComponents): Promise<void> {
  const o = OPERATIONS[operationKey(method, path)];
  if (!o) return;
  op.summary = o.summary;
  op.tags = [o.tag];
  if (op.parameters) describeParameters(op.parameters);
  if (o.upload)
    op.requestBody = {
      required: true,
      content: Object.fromEntries(
        o.upload.map((t) => [
          t,
          t === 'multipart/form-data'
            ? { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } }
            : { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    };
  op.responses = responsesOf(o, path.includes('{'), await answerContent(o, schemas));
  if (o.public) op.security = [];
  else if (method !== 'get') op.security = WRITE_SECURITY;
}

/**
 * The OpenAPI 3.1 document of the app: operations, parameters and bodies from the zod schemas the
 * routes validate with (`validate` records them), the rest from OPERATIONS.
 */
export async function buildDocument<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>): Promise<OpenApiDocument> {
  const doc = await generateSpecs(app, {
    includeEmptyPaths: true,
    // `/api/openapi.json` is not a static file.
    excludeStaticFile: false,
    defaultValidationErrorResponse: false,
    documentation: {
      info: {
        title: '衡阳县政法综治态势 API (Hengyang County political-legal dashboard API)',
        version: pkg.version,
        description:
          'JSON over HTTP; 需登录 (signed in); 写操作凭会话时须带 X-CSRF-Token (writes made with the session cookie need X-CSRF-Token). 错误统一为 { error: { code, message, fields? } }.',
      },
      tags: TAGS.map((t) => ({ ...t })),
      components: structuredClone(COMPONENTS),
      security: READ_SECURITY,
    },
  });
  doc.components.schemas ??= {};
  const schemas = doc.components.schemas as SchemaComponents;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Op | undefined;
      if (op) await complete(op, method, path, schemas);
    }
  }
  return doc;
}

const built = new WeakMap<object, Promise<OpenApiDocument>>();

/** Built once per app: the routes do not change after start. */
export function documentOf<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>): Promise<OpenApiDocument> {
  let doc = built.get(app);
  if (!doc) {
    doc = buildDocument(app);
    built.set(app, doc);
  }
  return doc;
}
