import type { Caller, CaseGroup, CorpusContext, MalformedCase } from './types.ts';

/** Reads beyond one's scope or role. */

export function scopeCases(ctx: CorpusContext): MalformedCase[] {
  const rows: [string, string, Caller, number, string, CaseGroup][] = [
    ['villages of another township', `/api/villages?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['events of another township', `/api/events?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['summary of another township', `/api/stats/summary?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['trend of another township', `/api/stats/trend?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['coverage of another township', `/api/coverage?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['alerts of another township', `/api/alerts?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['briefing of another township', `/api/briefing?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['feed of another township', `/api/feed?township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['ledger template of another township', `/api/imports/ledger/template?kind=disputes&township=${ctx.otherTownship}`, 'township', 403, 'out_of_scope', 'scope'],
    ['village of another township', `/api/villages/${ctx.otherVillage.code}`, 'township', 403, 'out_of_scope', 'scope'],
    ['hazard of another township', `/api/hazards/${ctx.otherHazardId}`, 'township', 403, 'out_of_scope', 'scope'],
    ['dispute of another township', `/api/disputes/${ctx.otherDisputeId}`, 'township', 403, 'out_of_scope', 'scope'],
    ['admin users as township', '/api/admin/users', 'township', 403, 'forbidden', 'forbidden'],
    ['admin users as county', '/api/admin/users', 'county', 403, 'forbidden', 'forbidden'],
    ['admin devices as county', '/api/admin/devices', 'county', 403, 'forbidden', 'forbidden'],
    ['admin audit as township', '/api/admin/audit', 'township', 403, 'forbidden', 'forbidden'],
  ];
  return rows.map(([l, path, as, status, code, group]) => ({ name: `GET as ${as}: ${l}`, group, method: 'GET', path, headers: {}, as, status, code }));
}
