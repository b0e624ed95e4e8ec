import type { OpenApiDocument } from './document.ts';

/**
 * The document as a page to read: rendered here, with its style inline and no script, font or
 * image from anywhere (the county's machines may have no internet, and the CSP allows no
 * inline script). Operations are grouped by tag; zh-CN with the English terms, like the rest.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  $ref?: string;
};
type Param = { name: string; in: string; required?: boolean; description?: string; schema?: Schema; explode?: boolean };
type Response = { description?: string; $ref?: string };
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, Response>;
  security?: unknown[];
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** One line that says what a value may be: type, allowed values, bounds, pattern. */
function constraint(s: Schema | undefined): string {
  if (!s) return '';
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf ?? []).map(constraint).join(' | ');
  const parts: string[] = [];
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? (s.enum ? 'enum' : 'any'));
  if (s.type === 'array') parts.push(`array of ${constraint(s.items)}`);
  else parts.push(s.format ? `${type} (${s.format})` : type);
  if (s.enum) parts.push(`取值 (one of): ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (s.const !== undefined) parts.push(`= ${JSON.stringify(s.const)}`);
  const range = (lo?: number, hi?: number, what = '') =>
    lo !== undefined || hi !== undefined ? parts.push(`${what}${lo ?? ''}–${hi !== undefined && hi < Number.MAX_SAFE_INTEGER ? hi : ''}`) : 0;
  range(s.minimum, s.maximum);
  range(s.minLength, s.maxLength, 'length ');
  range(s.minItems, s.maxItems, 'items ');
  // A pattern that only excludes NUL says nothing a reader needs.
  if (s.pattern && s.pattern !== '^[^\\u0000]*$') parts.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) parts.push(`默认 (default) ${JSON.stringify(s.default)}`);
  return parts.join('; ');
}

function row(cells: string[]): string {
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function parameterTable(params: Param[]): string {
  const rows = params.map((p) =>
    row([
      `<code>${escapeHtml(p.name)}</code>`,
      escapeHtml(p.in),
      p.required ? '必填 (required)' : '',
      escapeHtml(constraint(p.schema) + (p.explode === false ? '; 逗号分隔 (comma-separated)' : '')),
      escapeHtml(p.description ?? ''),
    ]),
  );
  return `<table><thead><tr><th>参数 (parameter)</th><th>位置 (in)</th><th></th><th>取值 (schema)</th><th>说明 (notes)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The fields of an object body, nested ones under dotted names. */
function fieldRows(s: Schema, prefix = ''): string[] {
  return Object.entries(s.properties ?? {}).flatMap(([name, field]) => [
    row([`<code>${escapeHtml(prefix + name)}</code>`, s.required?.includes(name) ? '必填 (required)' : '', escapeHtml(constraint(field)), escapeHtml(field.description ?? '')]),
    ...(field.properties ? fieldRows(field, `${prefix}${name}.`) : []),
  ]);
}

function bodySection(body: Operation['requestBody']): string {
  return Object.entries(body?.content ?? {})
    .map(([media, { schema }]) => {
      const head = `<p>请求体 (request body): <code>${escapeHtml(media)}</code></p>`;
      if (!schema?.properties) return `${head}<p>${escapeHtml(constraint(schema))}</p>`;
      const rows = fieldRows(schema);
      return `${head}<table><thead><tr><th>字段 (field)</th><th></th><th>取值 (schema)</th><th>说明 (notes)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('');
}

function responseList(doc: OpenApiDocument, responses: Record<string, Response>): string {
  const named = (doc.components?.responses ?? {}) as Record<string, Response>;
  const items = Object.entries(responses).map(([status, r]) => {
    const text = r.$ref ? named[r.$ref.split('/').pop() ?? '']?.description : r.description;
    return `<li><b>${escapeHtml(status)}</b> ${escapeHtml(text ?? '')}</li>`;
  });
  return `<p>应答 (responses):</p><ul>${items.join('')}</ul>`;
}

function operationSection(doc: OpenApiDocument, method: string, path: string, op: Operation): string {
  const access = op.security?.length === 0 ? '无需登录 (public)' : method === 'get' ? '需登录 (session)' : '需登录，凭会话时带 X-CSRF-Token (session + CSRF header)';
  return [
    `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${escapeHtml(op.summary ?? '')} <span class="access">${access}</span></p>`,
    op.parameters?.length ? parameterTable(op.parameters) : '',
    op.requestBody ? bodySection(op.requestBody) : '',
    op.responses ? responseList(doc, op.responses) : '',
    '</section>',
  ].join('');
}

const STYLE = `body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1d2630}
h1{font-size:22px}h2{margin-top:32px;border-bottom:2px solid #2b6cb0;padding-bottom:4px}h3{font-size:15px;margin:0 0 4px}
.op{border:1px solid #d5dde6;border-radius:6px;padding:10px 14px;margin:12px 0}
.m{display:inline-block;min-width:52px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:1px 6px}
.get{background:#2b6cb0}.post{background:#2f855a}.patch{background:#b7791f}.delete{background:#c53030}.put{background:#6b46c1}
.access{color:#5a6b7b;font-size:12px;margin-left:8px}table{border-collapse:collapse;width:100%;margin:6px 0}
td,th{border:1px solid #e2e8f0;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f4f7fa;font-weight:600}
code{font-family:ui-monospace,Consolas,monospace;word-break:break-all}nav a{margin-right:12px}`;

/** The whole page. */
export function renderReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)?.push(operationSection(doc, method, path, op));
    }
  }
  const tagText = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  const groups = [...byTag].filter(([, ops]) => ops.length > 0);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>机器可读版本 (machine-readable): <a href="openapi.json">openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)})，由接口的校验规则生成 (generated from the validators).</p>
<nav>${groups.map(([tag]) => `<a href="#${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join('')}</nav>
${groups.map(([tag, ops]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)} <small>${escapeHtml(tagText.get(tag) ?? '')}</small></h2>${ops.join('')}`).join('\n')}
</body></html>`;
}
