import { JSON_TYPE, statusNext } from './blocks.ts';
import type { Caller, CaseGroup, CorpusContext, HttpMethod, MalformedCase } from './types.ts';

/** Authentication and CSRF. */

export function authCases(ctx: CorpusContext): MalformedCase[] {
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
    out.push({
      name: `unauthenticated: ${l}`,
      group: 'unauthenticated',
      method,
      path,
      headers,
      ...(method === 'GET' ? {} : { body: '{}' }),
      as: 'none',
      status: 401,
      code: 'unauthenticated',
    });
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
  out.push(login('username NUL', 'login', JSON.stringify({ username: 'malformed\u0000nobody', password: 'x' }), {}));
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
    [
      'hazard intake',
      'POST',
      '/api/hazards',
      'township',
      { ...JSON_TYPE },
      JSON.stringify({ clientId: 'malformed-corpus-csrf', category: '消防', severity: 2, lng: v.lng, lat: v.lat }),
    ],
    [
      'dispute intake',
      'POST',
      '/api/disputes',
      'township',
      { ...JSON_TYPE },
      JSON.stringify({ clientId: 'malformed-corpus-csrf', category: '劳资', channel: '综治中心', lng: v.lng, lat: v.lat }),
    ],
    [
      'visit intake',
      'POST',
      '/api/visits',
      'township',
      { ...JSON_TYPE },
      JSON.stringify({ clientId: 'malformed-corpus-csrf', officerId: ctx.officerId, villageCode: v.code, kind: '走访', visitedAt: '2025-06-01T09:00:00+08:00' }),
    ],
    [
      'hazard status',
      'PATCH',
      `/api/hazards/${ctx.hazard.id}`,
      'township',
      { ...JSON_TYPE },
      JSON.stringify({ status: statusNext.hazard(ctx.hazard.status), at: '2000-01-02T00:00:00+08:00' }),
    ],
    [
      'dispute status',
      'PATCH',
      `/api/disputes/${ctx.dispute.id}`,
      'township',
      { ...JSON_TYPE },
      JSON.stringify({ status: statusNext.dispute(ctx.dispute.status), at: '2000-01-02T00:00:00+08:00' }),
    ],
    ['export report', 'POST', '/api/exports', 'township', { ...JSON_TYPE }, JSON.stringify({ kind: 'dashboard-png', view: 'csrf' })],
    ['logout', 'POST', '/api/auth/logout', 'township', { ...JSON_TYPE }, '{}'],
    [
      'admin new user',
      'POST',
      '/api/admin/users',
      'admin',
      { ...JSON_TYPE },
      JSON.stringify({ username: 'demo-county', displayName: 'x', password: 'Malformed-Passw0rd!', role: 'county' }),
    ],
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
