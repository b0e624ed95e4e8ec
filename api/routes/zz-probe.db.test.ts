import { SYSTEM } from '../db/types.ts';
import { it } from 'vitest';
import { signIn } from '../test/sign-in.ts';
import { createApp } from '../app.ts';
import { testDb } from '../test/test-db.ts';
import { FailureThrottle } from '../auth/throttle.ts';

it('probe', async () => {
  const t = await testDb();
  const raw = createApp({ ...t.deps, throttle: new FailureThrottle() });
  const tw = await signIn(raw, 'demo-township');
  const ad = await signIn(raw, 'demo-admin');
  const co = await signIn(raw, 'demo-county');
  const [v] = await t.db.read(SYSTEM, (h) => h.query<any>(`SELECT v.code, ST_X(v.label_point) lng, ST_Y(v.label_point) lat FROM village v WHERE code LIKE '430421110%' ORDER BY code LIMIT 1`));
  const [hz] = await t.db.read(SYSTEM, (h) => h.query<any>(`SELECT id, status FROM hazard WHERE village_code LIKE '430421110%' AND status<>'已办结' ORDER BY id LIMIT 1`));
  const [wall] = await t.db.read(SYSTEM, (h) => h.query<any>(`SELECT id FROM app_user WHERE role='wall'`));
  console.log('HZ', hz);
  const J = { 'content-type': 'application/json' };
  const cases: [string, any, string, RequestInit][] = [
    ['login NUL', raw, '/api/auth/login', { method: 'POST', headers: J, body: JSON.stringify({ username: 'nobody\u0000x', password: 'x' }) }],
    ['hazard NUL desc', tw, '/api/hazards', { method: 'POST', headers: J, body: JSON.stringify({ clientId: 'probe-nul-1', category: '消防', severity: 2, lng: v.lng, lat: v.lat, description: 'a\u0000b' }) }],
    ['exports NUL view', tw, '/api/exports', { method: 'POST', headers: J, body: JSON.stringify({ kind: 'dashboard-png', view: 'a\u0000b' }) }],
    ['device userId big', ad, '/api/admin/devices', { method: 'POST', headers: J, body: JSON.stringify({ name: 'x', userId: 2147483648 }) }],
    ['device NUL name', ad, '/api/admin/devices', { method: 'POST', headers: J, body: JSON.stringify({ name: 'a\u0000b', userId: wall.id }) }],
    ['user NUL display', ad, '/api/admin/users', { method: 'POST', headers: J, body: JSON.stringify({ username: 'probe-nul', displayName: 'a\u0000b', password: 'Str0ng-passw0rd-xyz!', role: 'county' }) }],
    ['patch note NUL', tw, `/api/hazards/${hz.id}`, { method: 'PATCH', headers: J, body: JSON.stringify({ status: ({'上报':'已分流','已分流':'处置中','处置中':'已办结'} as any)[hz.status], note: 'a\u0000b', at: '2000-01-02T00:00:00+08:00' }) }],
    ['patch user text/plain', ad, `/api/admin/users/${wall.id}`, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ displayName: 'zzz' }) }],
    ['multipart no boundary', ad, '/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' }],
    ['multipart bad', ad, '/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\ngarbage' }],
    ['ledger empty', ad, '/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: '' }],
    ['ledger garbage xlsx', ad, '/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: 'PK\u0003\u0004garbage' }],
    ['ledger csv junk', ad, '/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: "' OR 1=1 --,x\n1,2\n" }],
    ['ledger csv nul', ad, '/api/imports/ledger?fileName=a%00b', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: "a\u0000b\n1\n" }],
    ['boundary garbage zip', ad, '/api/imports/boundaries', { method: 'POST', headers: { 'content-type': 'application/zip' }, body: 'PK\u0003\u0004garbage' }],
    ['boundary bad geojson', ad, '/api/imports/boundaries', { method: 'POST', headers: { 'content-type': 'application/geo+json' }, body: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}' }],
    ['boundary geojson nan', ad, '/api/imports/boundaries?dryRun=true', { method: 'POST', headers: { 'content-type': 'application/geo+json' }, body: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"430421110004"},"geometry":{"type":"Polygon","coordinates":[[[1e309,0],[1,1],[0,1],[1e309,0]]]}}]}' }],
    ['boundary text', ad, '/api/imports/boundaries', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
    ['bad pct path', co, '/api/villages/%ZZ', {}],
    ['bad pct query', co, '/api/events?from=%E0%A4%A', {}],
    ['traversal', co, '/api/hazards/../../admin', {}],
    ['dotdot enc', co, '/api/%2e%2e/%2e%2e/etc/passwd', {}],
    ['trailing slash', co, '/api/townships/', {}],
    ['config unknown', co, '/api/config?x=1', {}],
    ['big cl', tw, '/api/hazards', { method: 'POST', headers: { ...J, 'content-length': '999999999' }, body: '{}' }],
    ['deep json', tw, '/api/hazards', { method: 'POST', headers: J, body: '['.repeat(20000) + ']'.repeat(20000) }],
    ['bom', raw, '/api/auth/login', { method: 'POST', headers: J, body: '\uFEFF{"username":"x"}' }],
    ['json charset', raw, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{"username":"x"}' }],
    ['options', co, '/api/townships', { method: 'OPTIONS' }],
    ['audit before huge', ad, '/api/admin/audit?before=9007199254740991', {}],
    ['audit before 1e20', ad, '/api/admin/audit?before=99999999999999999999', {}],
    ['admin users 0x10', ad, '/api/admin/users/0x7fffffff', { method: 'PATCH', headers: J, body: '{}' }],
    ['visit unknown officer', tw, '/api/visits', { method: 'POST', headers: J, body: JSON.stringify({ clientId: 'probe-visit-1', officerId: 'ZZ0000', villageCode: v.code, kind: '走访', visitedAt: '2024-05-01T09:00:00+08:00' }) }],
    ['feed since weird', co, '/api/feed?since=2026-01-01T00:00:00.1234567890%2B14:59', {}],
    ['bearer', co, '/api/townships', { headers: { authorization: 'Bearer abc' } }],
    ['session huge', raw, '/api/townships', { headers: { cookie: 'hy_session=' + 'a'.repeat(300) } }],
  ];
  for (const [name, who, path, init] of cases) {
    let res: Response;
    try { res = await who.request(path, init); } catch (e) { console.log(name, 'THREW', String(e)); continue; }
    const text = await res.text();
    console.log(`${name} => ${res.status} ${res.headers.get('content-type')} ${text.slice(0, 200)}`);
  }
  await t.db.write(SYSTEM, (h) => h.query(`DELETE FROM hazard WHERE client_id LIKE 'probe-%'`));
});
