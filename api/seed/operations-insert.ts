import { type BulkColumn, bulkInsert, POINT_EXPR, pointWkt } from '../db/bulk.ts';
import type { Handle } from '../db/index.ts';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_ROUTING } from '../domain/routing.ts';
import type { Dispute, Guardian, Hazard, Officer, Operations, SeedCampaign, Visit } from './generate/types.ts';

const point = (r: { lng: number; lat: number }) => pointWkt(r.lng, r.lat);

const OFFICER: BulkColumn<Officer>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'agency', type: 'text', value: (r) => r.agency },
  { name: 'phone', type: 'text', value: (r) => r.phone },
  { name: 'village_code', type: 'text', value: (r) => r.villageCode },
  { name: 'linked_since', type: 'date', value: (r) => r.linkedSince },
];

const GUARDIAN: BulkColumn<Guardian>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'village_code', type: 'text', value: (r) => r.villageCode },
  { name: 'since', type: 'date', value: (r) => r.since },
];

const VISIT: BulkColumn<Visit>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'officer_id', type: 'text', value: (r) => r.officerId },
  { name: 'village_code', type: 'text', value: (r) => r.villageCode },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'visited_at', type: 'timestamptz', value: (r) => r.visitedAt },
  { name: 'geom', type: 'text', value: point, expr: POINT_EXPR },
];

const DISPUTE: BulkColumn<Dispute>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'category', type: 'text', value: (r) => r.category },
  { name: 'channel', type: 'text', value: (r) => r.channel },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'village_code', type: 'text', value: (r) => r.villageCode },
  { name: 'received_at', type: 'timestamptz', value: (r) => r.receivedAt },
  { name: 'mediation_started_at', type: 'timestamptz', value: (r) => r.mediationStartedAt },
  { name: 'concluded_at', type: 'timestamptz', value: (r) => r.concludedAt },
  { name: 'geom', type: 'text', value: point, expr: POINT_EXPR },
  { name: 'summary', type: 'text', value: (r) => r.summary },
  { name: 'party_name', type: 'text', value: (r) => r.partyName },
  { name: 'party_phone', type: 'text', value: (r) => r.partyPhone },
];

const HAZARD: BulkColumn<Hazard>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'category', type: 'text', value: (r) => r.category },
  { name: 'severity', type: 'smallint', value: (r) => r.severity },
  { name: 'department', type: 'text', value: (r) => r.department },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'village_code', type: 'text', value: (r) => r.villageCode },
  { name: 'reported_at', type: 'timestamptz', value: (r) => r.reportedAt },
  { name: 'routed_at', type: 'timestamptz', value: (r) => r.routedAt },
  { name: 'started_at', type: 'timestamptz', value: (r) => r.startedAt },
  { name: 'closed_at', type: 'timestamptz', value: (r) => r.closedAt },
  { name: 'deadline', type: 'timestamptz', value: (r) => r.deadline },
  { name: 'geom', type: 'text', value: point, expr: POINT_EXPR },
  { name: 'description', type: 'text', value: (r) => r.description },
  { name: 'reporter_name', type: 'text', value: (r) => r.reporterName },
  { name: 'reporter_phone', type: 'text', value: (r) => r.reporterPhone },
];

/** The editable routing and deadline tables, from the defaults in code. */
export async function insertRouting(h: Handle): Promise<void> {
  await bulkInsert(
    h,
    'hazard_routing',
    [
      { name: 'category', type: 'text', value: (r) => r.category },
      { name: 'min_severity', type: 'smallint', value: (r) => r.minSeverity },
      { name: 'department', type: 'text', value: (r) => r.department },
    ],
    DEFAULT_ROUTING,
  );
  const deadlines = Object.entries(DEFAULT_DEADLINE_DAYS).map(([severity, days]) => ({ severity: Number(severity), days }));
  await bulkInsert(
    h,
    'hazard_deadline',
    [
      { name: 'severity', type: 'smallint', value: (r) => r.severity },
      { name: 'days', type: 'int', value: (r) => r.days },
    ],
    deadlines,
  );
}

/**
 * The generator's campaigns (source 'synthetic', replacing those of an earlier generation; an
 * admin's campaign of the same code is kept), then the tags of every auto-tagging campaign on
 * the cases just loaded, set-based (the insert trigger skips synthetic rows).
 */
async function insertCampaigns(h: Handle, campaigns: readonly SeedCampaign[]): Promise<void> {
  await h.query(`DELETE FROM campaign WHERE source = 'synthetic'`);
  for (const c of campaigns) {
    await h.query(
      `INSERT INTO campaign (code, name, description, start_date, end_date, dispute_categories, hazard_categories, townships, lead_department, auto_tag, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'synthetic') ON CONFLICT DO NOTHING`,
      [c.code, c.name, c.description, c.startDate, c.endDate, c.disputeCategories, c.hazardCategories, c.townships, c.leadDepartment, c.autoTag],
    );
  }
}

export async function insertOperations(h: Handle, ops: Operations): Promise<void> {
  await insertCampaigns(h, ops.campaigns);
  await bulkInsert(h, 'officer', OFFICER, ops.officers);
  await bulkInsert(h, 'guardian', GUARDIAN, ops.guardians);
  await bulkInsert(h, 'visit', VISIT, ops.visits);
  await bulkInsert(h, 'dispute', DISPUTE, ops.disputes);
  await bulkInsert(h, 'hazard', HAZARD, ops.hazards);
  await h.query('SELECT campaign_autotag(code) FROM campaign WHERE auto_tag');
}
