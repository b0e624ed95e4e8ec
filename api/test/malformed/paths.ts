import { enc, INJECTIONS, JSON_TYPE } from './blocks.ts';
import type { Caller, CaseGroup, CorpusContext, HttpMethod, MalformedCase } from './types.ts';

/** Paths: traversal, bad ids, unknown routes. */

export function pathCases(ctx: CorpusContext): MalformedCase[] {
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
  // The basemap's files: names are checked before any path is built (api/basemap/assets.ts).
  const basemapFiles: [string, string, CaseGroup, number, string][] = [
    ['glyphs ..%2F..%2Fetc', '/api/basemap/glyphs/..%2F..%2Fetc/0-255.pbf', 'traversal', 404, 'not_found'],
    ['glyphs range ../passwd', '/api/basemap/glyphs/Noto%20Sans%20Regular/..%2Fpasswd', 'traversal', 400, 'invalid_request'],
    ['sprite ..%2Fconfig.json', '/api/basemap/sprites/..%2Fconfig.json', 'traversal', 400, 'invalid_request'],
    ['tile x past 2^z', '/api/basemap/tiles/1/5/0', 'bad-id', 400, 'invalid_request'],
    ['tile zoom not a number', '/api/basemap/tiles/a/0/0', 'bad-id', 400, 'invalid_request'],
    ['tile zoom 99', '/api/basemap/tiles/99/0/0', 'bad-id', 400, 'invalid_request'],
    ['style theme neon', '/api/basemap/style.json?theme=neon', 'enum', 400, 'invalid_request'],
  ];
  for (const [l, path, group, status, code] of basemapFiles) out.push(get(`basemap: ${l}`, group, path, status, code));

  const hazardIds = [
    'HZ12',
    'DS0000001',
    'hz0000001',
    'HZ-0000001',
    '99999999999999999999',
    'HZ0000001x',
    '%20HZ0000001',
    'HZ%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91',
    'HZ0000001.json',
  ];
  const disputeIds = ['DS-1', 'HZ0000001', 'DS12', '99999999999999999999', 'ds0000001', 'DS0000001%3B', 'DS%2B0000001'];
  const villageCodes = [
    'abc',
    '4304211100',
    '4304211100040',
    '430421110004.0',
    '-43042111000',
    '%EF%BC%94%EF%BC%93%EF%BC%90%EF%BC%94%EF%BC%92%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%94',
  ];
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
