import type { Handle } from '../../db/index.ts';
import type { HazardCategory, HazardStatus, Severity } from '../../contract/enums.ts';
import { nextId } from './ids.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { CLIENT_ID_COLUMN, requireSameSubmission, scopedClientId } from './client-id.ts';
import { locate } from './locate.ts';

export interface HazardInput {
  clientId: string;
  /** False when the client sent no time and reportedAt is the server's "now". */
  reportedAtStated?: boolean;
  category: HazardCategory;
  severity: Severity;
  lng: number;
  lat: number;
  villageCode?: string;
  reportedAt: string;
  description: string;
  reporterName?: string;
  reporterPhone?: string;
}

export interface HazardAnswer {
  id: string;
  clientId: string | null;
  villageCode: string;
  townshipCode: string;
  category: HazardCategory;
  severity: Severity;
  department: string;
  status: HazardStatus;
  reportedAt: string;
  routedAt: string | null;
  startedAt: string | null;
  closedAt: string | null;
  deadline: string;
  overdue: boolean;
  lng: number;
  lat: number;
  description: string;
  /** Personal data: masked or removed per role by the route (api/auth/mask.ts). */
  reporterName: string | null;
  reporterPhone: string | null;
}

const SELECT = `
  SELECT id, ${CLIENT_ID_COLUMN} AS "clientId", village_code AS "villageCode", left(village_code, 9) AS "townshipCode",
         category, severity::int AS severity, department, status,
         iso_sh(reported_at) AS "reportedAt", iso_sh(routed_at) AS "routedAt", iso_sh(started_at) AS "startedAt",
         iso_sh(closed_at) AS "closedAt", iso_sh(deadline) AS deadline,
         (closed_at IS NULL AND deadline < now()) AS overdue,
         ST_X(geom) AS lng, ST_Y(geom) AS lat, description,
         reporter_name AS "reporterName", reporter_phone AS "reporterPhone"
  FROM hazard`;

// The county's editable routing table: the most specific rule (highest min_severity) wins.
const ROUTE = `
  SELECT (SELECT department FROM hazard_routing WHERE category = $1 AND min_severity <= $2 ORDER BY min_severity DESC LIMIT 1) AS department,
         (SELECT days FROM hazard_deadline WHERE severity = $2) AS days`;

const INSERT = `
  INSERT INTO hazard (id, client_id, category, severity, department, status, village_code, reported_at, deadline,
                      geom, description, reporter_name, reporter_phone, source)
  VALUES ($1, $2, $3, $4, $5, '上报', $6, $7::timestamptz, $7::timestamptz + make_interval(days => $8),
          ST_SetSRID(ST_MakePoint($9::float8, $10::float8), 4326), $11, $12, $13, 'intake')
  ON CONFLICT (client_id) DO NOTHING
  RETURNING id`;

/** The hazard, or null when there is none the caller may see. */
export async function findHazard(h: Handle, id: string): Promise<HazardAnswer | null> {
  return (await h.query<HazardAnswer>(`${SELECT} WHERE id = $1`, [id]))[0] ?? null;
}

export async function getHazard(h: Handle, id: string): Promise<HazardAnswer> {
  const [row] = await h.query<HazardAnswer>(`${SELECT} WHERE id = $1`, [id]);
  if (!row) throw new NotFoundError(`no hazard ${id}`);
  return row;
}

async function byClientId(h: Handle, key: string): Promise<HazardAnswer | undefined> {
  return (await h.query<HazardAnswer>(`${SELECT} WHERE client_id = $1`, [key]))[0];
}

/**
 * Records a grid worker's report: locates its village, routes it to a department with a deadline
 * by severity. A retry (the same client id in the same township, see ./client-id.ts) answers the
 * original and creates nothing.
 */
export async function createHazard(h: Handle, input: HazardInput): Promise<{ created: boolean; hazard: HazardAnswer }> {
  const where = await locate(h, input.lng, input.lat, input.villageCode);
  const key = scopedClientId(where.townshipCode, input.clientId);
  const existing = await byClientId(h, key);
  if (existing) {
    requireSameSubmission(input.clientId, {
      category: ['same', existing.category, input.category],
      severity: ['same', existing.severity, input.severity],
      description: ['same', existing.description, input.description],
      // A time the terminal left out was "now" on each try: only a stated one must match.
      ...(input.reportedAtStated === false ? {} : { reportedAt: ['instant', existing.reportedAt, input.reportedAt] as const }),
      lng: ['coordinate', existing.lng, input.lng],
      lat: ['coordinate', existing.lat, input.lat],
    });
    return { created: false, hazard: existing };
  }
  const [route] = await h.query<{ department: string | null; days: number | null }>(ROUTE, [input.category, input.severity]);
  if (!route?.department || !route.days) {
    throw new UnprocessableError('no_routing_rule', `no routing rule for ${input.category} at severity ${input.severity}; ask the county to add one`);
  }
  const id = await nextId(h, 'hazard');
  const inserted = await h.query(INSERT, [
    id, key, input.category, input.severity, route.department, where.villageCode, input.reportedAt, route.days,
    input.lng, input.lat, input.description, input.reporterName ?? null, input.reporterPhone ?? null,
  ]);
  if (inserted.length === 0) {
    // A concurrent request with the same key won: answer its row.
    const row = await byClientId(h, key);
    if (!row) throw new ConflictError('client_id_taken', `client id ${input.clientId} is already used by another record`);
    return { created: false, hazard: row };
  }
  return { created: true, hazard: await getHazard(h, id) };
}
