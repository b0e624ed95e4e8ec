import { JSON_TYPE, type Value } from './blocks.ts';
import type { CaseGroup, CorpusContext, MalformedCase } from './types.ts';

/**
 * Campaigns (专项行动): the admin's writes with bodies that must be refused, whole, and the reads a
 * township chief may not make. The campaign filter's bad values are in ./params.ts (kind
 * 'campaign'), sent to every read endpoint that takes it by ./reads.ts.
 */
export function campaignCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const valid = {
    code: 'malformed-corpus',
    name: '畸形请求测试行动',
    startDate: '2026-01-05',
    endDate: '2026-02-28',
    hazardCategories: ['消防'],
    townships: [ctx.township],
    autoTag: true,
  };
  const write = (
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    name: string,
    body: Record<string, Value> | string | undefined,
    status: number,
    code: string,
    group: CaseGroup,
  ): MalformedCase => ({
    name: `${method} ${path.replace(/\/[a-z][a-z0-9-]*$/, method === 'POST' ? '$&' : '/:code')} ${name}`,
    group,
    method,
    path,
    headers: body === undefined ? {} : { ...JSON_TYPE },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    as: 'admin',
    status,
    code,
  });
  const post = (name: string, body: Record<string, Value> | string, status: number, code: string, group: CaseGroup) =>
    write('POST', '/api/admin/campaigns', name, body, status, code, group);
  const bad: [string, Record<string, Value>, CaseGroup][] = [
    ['code upper-case', { ...valid, code: 'Malformed' }, 'enum'],
    ['code with a space', { ...valid, code: 'mal formed' }, 'enum'],
    ['code of 33 characters', { ...valid, code: `m${'a'.repeat(32)}` }, 'range'],
    ['code in Chinese', { ...valid, code: '净网' }, 'enum'],
    ['code SQL', { ...valid, code: "x'; DROP TABLE campaign; --" }, 'injection'],
    ['name empty', { ...valid, name: '' }, 'missing-field'],
    ['name of 41 characters', { ...valid, name: '行'.repeat(41) }, 'range'],
    ['name NUL', { ...valid, name: '行动\u0000' }, 'injection'],
    ['name bidi control', { ...valid, name: '行动\u202e' }, 'injection'],
    ['end before start', { ...valid, endDate: '2026-01-04' }, 'date'],
    ['startDate not a date', { ...valid, startDate: '2026-02-30' }, 'date'],
    ['no category at all', { ...valid, hazardCategories: [] }, 'missing-field'],
    ['unknown hazard category', { ...valid, hazardCategories: ['火灾'] }, 'enum'],
    ['dispute category as hazard', { ...valid, hazardCategories: ['婚姻家庭'] }, 'enum'],
    ['category twice', { ...valid, hazardCategories: ['消防', '消防'] }, 'enum'],
    ['categories as a string', { ...valid, hazardCategories: '消防' }, 'wrong-type'],
    ['unknown township', { ...valid, townships: ['430421999'] }, 'bad-id'],
    ['village code as township', { ...valid, townships: [ctx.village.code] }, 'bad-id'],
    ['empty township list', { ...valid, townships: [] }, 'range'],
    ['autoTag as a string', { ...valid, autoTag: 'yes' }, 'wrong-type'],
    ['extra field status', { ...valid, status: 'running' }, 'unknown-param'],
    ['extra field source', { ...valid, source: 'synthetic' }, 'unknown-param'],
    ['description of 2001 characters', { ...valid, description: 'x'.repeat(2001) }, 'range'],
  ];
  for (const [name, body, group] of bad) out.push(post(name, body, 400, 'invalid_request', group));
  out.push(post('missing code', { ...valid, code: undefined as never }, 400, 'invalid_request', 'missing-field'));
  out.push(post('broken JSON', '{"code":', 400, 'invalid_request', 'broken-json'));
  // A valid body whose code or name is taken: refused, nothing changed.
  out.push(post('code taken', { ...valid, code: 'jingwang' }, 409, 'campaign_exists', 'idempotency'));
  out.push(post('name taken', { ...valid, name: '净网' }, 409, 'campaign_exists', 'idempotency'));
  out.push({ ...post('as county', valid, 403, 'forbidden', 'forbidden'), name: 'POST /api/admin/campaigns as county', as: 'county' });
  out.push({ ...post('as township', valid, 403, 'forbidden', 'forbidden'), name: 'POST /api/admin/campaigns as township', as: 'township' });

  const patch = (name: string, code: string, body: Record<string, Value> | string, status: number, errorCode: string, group: CaseGroup) =>
    write('PATCH', `/api/admin/campaigns/${code}`, name, body, status, errorCode, group);
  out.push(patch('empty body', 'jingwang', {}, 400, 'invalid_request', 'missing-field'));
  out.push(patch('code is not changeable', 'jingwang', { code: 'other' }, 400, 'invalid_request', 'unknown-param'));
  out.push(patch('end before the start it has', 'jingwang', { endDate: '2000-01-01' }, 400, 'invalid_request', 'date'));
  out.push(patch('no category left', 'jingwang', { hazardCategories: [] }, 400, 'invalid_request', 'missing-field'));
  out.push(patch('unknown township', 'jingwang', { townships: ['430421999'] }, 400, 'invalid_request', 'bad-id'));
  out.push(patch('name of another campaign', 'jingwang', { name: '清源断流' }, 409, 'campaign_exists', 'idempotency'));
  out.push(patch('bad code in the path', 'JINGWANG', { description: 'x' }, 400, 'invalid_request', 'bad-id'));
  out.push(patch('no such campaign', 'no-such', { description: 'x' }, 404, 'not_found', 'bad-id'));
  out.push({ ...patch('as township', 'jingwang', { description: 'x' }, 403, 'forbidden', 'forbidden'), name: 'PATCH /api/admin/campaigns/:code as township', as: 'township' });
  // A campaign its cases are tagged with cannot go: the tags would name nothing.
  out.push(write('DELETE', '/api/admin/campaigns/jingwang', 'in use', undefined, 409, 'campaign_in_use', 'idempotency'));
  out.push(write('DELETE', '/api/admin/campaigns/no-such', 'no such campaign', undefined, 404, 'not_found', 'bad-id'));
  out.push(write('DELETE', '/api/admin/campaigns/%27%20OR%201%3D1', 'SQL in the path', undefined, 400, 'invalid_request', 'injection'));

  // Reads: another township's part of a campaign, and an effect of a campaign that does not exist.
  const read = (name: string, path: string, as: MalformedCase['as'], status: number, code: string, group: CaseGroup): MalformedCase => ({
    name: `GET as ${as}: ${name}`,
    group,
    method: 'GET',
    path,
    headers: {},
    as,
    status,
    code,
  });
  out.push(read('campaign effect in another township', `/api/campaigns/jingwang/effect?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'));
  out.push(read('effect of no campaign', '/api/campaigns/no-such/effect', 'county', 404, 'not_found', 'bad-id'));
  out.push(read('effect with a bad code', '/api/campaigns/JINGWANG/effect', 'county', 400, 'invalid_request', 'bad-id'));
  return out;
}
