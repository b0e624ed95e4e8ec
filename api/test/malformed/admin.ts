import { decodeURIComponentSafe, JSON_TYPE, statusNext, type Value } from './blocks.ts';
import type { CaseGroup, CorpusContext, HttpMethod, MalformedCase } from './types.ts';

/** Admin: users, devices (beyond the field mutations of ./writes.ts). */

export function adminCases(ctx: CorpusContext): MalformedCase[] {
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
  out.push(newUser('displayName NUL', { ...fresh, role: 'county', displayName: '畸形\u0000测试' }, 400, 'invalid_request', 'injection', {}));

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
  out.push(change('displayName NUL', `/api/admin/users/${ctx.wallUserId}`, JSON.stringify({ displayName: '大屏\u0000' }), 400, 'invalid_request', 'injection', {}));

  const device = (
    name: string,
    method: HttpMethod,
    path: string,
    body: string | undefined,
    status: number,
    code: string,
    group: CaseGroup,
    extra: Partial<MalformedCase> = {},
  ): MalformedCase => ({
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
  out.push(
    device('extra field token', 'POST', '/api/admin/devices', JSON.stringify({ name: 'x', userId: ctx.wallUserId, token: 'chosen' }), 400, 'invalid_request', 'unknown-param'),
  );
  out.push(device('userId beyond int4 (2147483648)', 'POST', '/api/admin/devices', JSON.stringify({ name: '畸形', userId: 2147483648 }), 400, 'invalid_request', 'range', {}));
  out.push(device('name NUL', 'POST', '/api/admin/devices', JSON.stringify({ name: '大屏\u0000', userId: ctx.wallUserId }), 400, 'invalid_request', 'injection', {}));
  for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999', '2147483648', '%27%20OR%201%3D1']) {
    out.push(device(`bad id ${decodeURIComponentSafe(id)}`, 'DELETE', `/api/admin/devices/${id}`, undefined, 400, 'invalid_request', 'bad-id'));
  }
  out.push(device('no such device', 'DELETE', '/api/admin/devices/2147483647', undefined, 404, 'not_found', 'bad-id'));
  out.push(device('as township', 'DELETE', '/api/admin/devices/1', undefined, 403, 'forbidden', 'forbidden', { as: 'township' }));
  out.push({ ...newUser('as township', { ...fresh, role: 'county' }, 403, 'forbidden', 'forbidden'), as: 'township' });
  out.push({ ...newUser('as county', { ...fresh, role: 'county' }, 403, 'forbidden', 'forbidden'), as: 'county' });

  // Free-text NUL in intake and exports (the rest of the body is valid).
  const v = ctx.village;
  const intakeNul: [string, string, Record<string, Value>, string][] = [
    ['/api/hazards', 'description', { clientId: 'malformed-corpus-nul-hz', category: '消防', severity: 2, lng: v.lng, lat: v.lat, description: '电线\u0000老化' }, 'description'],
    ['/api/hazards', 'reporterName', { clientId: 'malformed-corpus-nul-hz2', category: '消防', severity: 2, lng: v.lng, lat: v.lat, reporterName: '张\u0000三' }, 'reporterName'],
    ['/api/disputes', 'summary', { clientId: 'malformed-corpus-nul-ds', category: '劳资', channel: '综治中心', lng: v.lng, lat: v.lat, summary: '欠薪\u0000纠纷' }, 'summary'],
    ['/api/exports', 'view', { kind: 'dashboard-png', view: 'level=\u0000' }, 'view'],
  ];
  for (const [path, field, body] of intakeNul) {
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
