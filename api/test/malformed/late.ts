import { DISPUTE_STATUSES, HAZARD_STATUSES } from '../../contract/enums.ts';
import { DISPUTE_TRANSITIONS, HAZARD_TRANSITIONS } from '../../domain/lifecycle.ts';
import { enc, JSON_TYPE, statusNext, type Value } from './blocks.ts';
import type { CaseGroup, CorpusContext, MalformedCase } from './types.ts';

/** Requests that pass validation and are refused by the checks behind it. */

/** Intake that validates but is refused later: scope, location, idempotency keys, lifecycle. */
export function lateCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const v = ctx.village;
  const hazard = {
    clientId: 'malformed-corpus-late-hz',
    category: '治安',
    severity: 1,
    lng: v.lng,
    lat: v.lat,
    villageCode: v.code,
    reportedAt: '2025-06-01T09:00:00+08:00',
  };
  const dispute = {
    clientId: 'malformed-corpus-late-ds',
    category: '劳资',
    channel: '综治中心',
    lng: v.lng,
    lat: v.lat,
    villageCode: v.code,
    receivedAt: '2025-06-01T09:00:00+08:00',
  };
  const visit = { clientId: 'malformed-corpus-late-vs', officerId: ctx.officerId, villageCode: v.code, kind: '走访', visitedAt: '2025-06-01T09:00:00+08:00' };
  const post = (name: string, group: CaseGroup, path: string, body: Record<string, Value>, status: number, code: string, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `POST ${path} ${name}`,
    group,
    method: 'POST',
    path,
    headers: { ...JSON_TYPE },
    body: JSON.stringify(body),
    as: 'township',
    status,
    code,
    ...extra,
  });

  for (const [path, body] of [
    ['/api/hazards', hazard],
    ['/api/disputes', dispute],
    ['/api/visits', visit],
  ] as const) {
    const b = body as Record<string, Value>;
    for (const [l, key] of [
      ['sqli-or', "' OR 1=1 --"],
      ['xss-script', '<script>alert(1)</script>'],
      ['too-short', 'abc'],
      ['too-long', 'k'.repeat(101)],
      ['empty', ''],
      ['mismatch with clientId', 'malformed-corpus-other-key'],
    ] as const) {
      out.push({ ...post(`Idempotency-Key ${l}`, 'idempotency', path, b, 400, 'invalid_request'), headers: { ...JSON_TYPE, 'idempotency-key': key } });
    }
    out.push(post('without clientId or Idempotency-Key', 'missing-field', path, { ...b, clientId: undefined }, 400, 'invalid_request'));
    out.push(
      post(
        `villageCode of another township`,
        'scope',
        path,
        { ...b, villageCode: ctx.otherVillage.code, ...(path === '/api/visits' ? {} : { lng: ctx.otherVillage.lng, lat: ctx.otherVillage.lat }) },
        403,
        'out_of_scope',
      ),
    );
    out.push(post('as county (may not write)', 'forbidden', path, b, 403, 'forbidden', { as: 'county' }));
    out.push(post('as admin (may not write intake)', 'forbidden', path, b, 403, 'forbidden', { as: 'admin' }));
    const when = path === '/api/hazards' ? 'reportedAt' : path === '/api/disputes' ? 'receivedAt' : 'visitedAt';
    out.push(post(`${when} in the future`, 'date', path, { ...b, [when]: '2098-01-01T00:00:00+08:00' }, 400, 'invalid_request'));
  }
  for (const [path, body] of [
    ['/api/hazards', hazard],
    ['/api/disputes', dispute],
  ] as const) {
    const b = body as Record<string, Value>;
    const { villageCode: _, ...noVillage } = b;
    out.push(post('point outside the county', 'location', path, { ...noVillage, lng: 100, lat: 20 }, 422, 'outside_county'));
    out.push(post('point at 0,0', 'location', path, { ...noVillage, lng: 0, lat: 0 }, 422, 'outside_county'));
    out.push(post('point at the pole, edge of range', 'location', path, { ...noVillage, lng: 180, lat: 90 }, 422, 'outside_county'));
    out.push(post('point in another township', 'scope', path, { ...noVillage, lng: ctx.otherVillage.lng, lat: ctx.otherVillage.lat }, 403, 'out_of_scope'));
    out.push(post('no such village in the township', 'location', path, { ...b, villageCode: ctx.missingVillage }, 422, 'unknown_village'));
    out.push(post('point in a neighbouring village', 'location', path, { ...b, lng: ctx.neighbour.lng, lat: ctx.neighbour.lat }, 422, 'location_mismatch'));
  }
  out.push(post('unknown officer', 'bad-id', '/api/visits', { ...visit, officerId: 'ZZ9999' }, 422, 'unknown_officer'));
  out.push(post('officer of another village', 'location', '/api/visits', { ...visit, villageCode: ctx.neighbour.code }, 422, 'officer_not_linked'));
  out.push(post('lng without lat', 'coordinates', '/api/visits', { ...visit, lng: v.lng }, 400, 'invalid_request'));
  out.push(post('lat without lng', 'coordinates', '/api/visits', { ...visit, lat: v.lat }, 400, 'invalid_request'));
  out.push(post('point outside the county', 'location', '/api/visits', { ...visit, lng: 100, lat: 20 }, 422, 'outside_county'));

  // Status changes: illegal steps, dates, ids, scope.
  const patch = (name: string, group: CaseGroup, path: string, body: Record<string, Value>, status: number, code: string, extra: Partial<MalformedCase> = {}): MalformedCase => ({
    name: `PATCH ${path.replace(/\/(HZ|DS)\d+$/, '/:id')} ${name}`,
    group,
    method: 'PATCH',
    path,
    headers: { ...JSON_TYPE },
    body: JSON.stringify(body),
    as: 'township',
    status,
    code,
    ...extra,
  });
  const lifecycles = [
    {
      kind: 'hazard',
      id: ctx.hazard.id,
      other: ctx.otherHazardId,
      prefix: 'HZ',
      statuses: HAZARD_STATUSES as readonly string[],
      from: ctx.hazard.status as string,
      next: statusNext.hazard(ctx.hazard.status) ?? '已分流',
      allowed: HAZARD_TRANSITIONS[ctx.hazard.status] as readonly string[],
    },
    {
      kind: 'dispute',
      id: ctx.dispute.id,
      other: ctx.otherDisputeId,
      prefix: 'DS',
      statuses: DISPUTE_STATUSES as readonly string[],
      from: ctx.dispute.status as string,
      next: statusNext.dispute(ctx.dispute.status) ?? '调处中',
      allowed: DISPUTE_TRANSITIONS[ctx.dispute.status] as readonly string[],
    },
  ];
  for (const lc of lifecycles) {
    const path = `/api/${lc.kind}s/${lc.id}`;
    for (const s of lc.statuses.filter((s) => !lc.allowed.includes(s))) {
      out.push(patch(`illegal step ${lc.from} -> ${s}`, 'lifecycle', path, { status: s }, 409, 'illegal_transition'));
    }
    out.push(patch(`legal step dated before the previous one`, 'lifecycle', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 422, 'time_before_previous'));
    out.push(patch(`legal step dated in the future`, 'date', path, { status: lc.next, at: '2098-01-01T00:00:00+08:00' }, 400, 'invalid_request'));
    out.push(
      patch(
        `Idempotency-Key differs from clientId`,
        'idempotency',
        path,
        { status: lc.next, at: '2000-01-02T00:00:00+08:00', clientId: 'malformed-corpus-st-1' },
        400,
        'invalid_request',
        { headers: { ...JSON_TYPE, 'idempotency-key': 'malformed-corpus-st-2' } },
      ),
    );
    out.push(
      patch(`Idempotency-Key with SQL`, 'idempotency', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 400, 'invalid_request', {
        headers: { ...JSON_TYPE, 'idempotency-key': "'; DROP TABLE status_change; --" },
      }),
    );
    out.push(
      patch(`no such ${lc.kind} (well-formed id)`, 'bad-id', `/api/${lc.kind}s/${lc.prefix}99999999999`, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 404, 'not_found'),
    );
    out.push(patch(`${lc.kind} of another township`, 'scope', `/api/${lc.kind}s/${lc.other}`, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 403, 'out_of_scope'));
    out.push(patch(`as county (may not write)`, 'forbidden', path, { status: lc.next, at: '2000-01-02T00:00:00+08:00' }, 403, 'forbidden', { as: 'county' }));
    for (const id of [`${lc.prefix}12`, `${lc.prefix}-1`, '99999999999999999999', `${lc.prefix}0000001%00`, `..%2F${lc.prefix}0000001`, enc("' OR 1=1 --")]) {
      out.push(patch(`bad id ${id}`, 'bad-id', `/api/${lc.kind}s/${id}`, { status: lc.next }, 400, 'invalid_request', { name: `PATCH /api/${lc.kind}s/${id} bad id` }));
    }
  }
  return out;
}
