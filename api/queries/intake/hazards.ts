import type { HazardCategory, HazardStatus, Severity } from '../../contract/enums.ts';
import type { Handle } from '../../db/index.ts';
import { NotFoundError, UnprocessableError } from '../../errors.ts';
import { CLIENT_ID_COLUMN } from './client-id.ts';
import { type Created, createIntake, type IntakeKind } from './create.ts';
import { type Located, locate } from './locate.ts';

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
  /** Campaign codes (checked by the route); auto-tagging campaigns are added by the insert trigger. */
  campaigns?: string[];
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
  /** The campaigns (专项行动) it is tagged with. */
  campaigns: string[];
}

const SELECT = `
  SELECT id, ${CLIENT_ID_COLUMN} AS "clientId", village_code AS "villageCode", left(village_code, 9) AS "townshipCode",
         category, severity::int AS severity, department, status,
         iso_sh(reported_at) AS "reportedAt", iso_sh(routed_at) AS "routedAt", iso_sh(started_at) AS "startedAt",
         iso_sh(closed_at) AS "closedAt", iso_sh(deadline) AS deadline,
         (closed_at IS NULL AND deadline < now()) AS overdue,
         ST_X(geom) AS lng, ST_Y(geom) AS lat, description,
         reporter_name AS "reporterName", reporter_phone AS "reporterPhone", campaigns
  FROM hazard`;

// The county's editable routing table: the most specific rule (highest min_severity) wins.
const ROUTE = `
  SELECT (SELECT department FROM hazard_routing WHERE category = $1 AND min_severity <= $2 ORDER BY min_severity DESC LIMIT 1) AS department,
         (SELECT days FROM hazard_deadline WHERE severity = $2) AS days`;

const INSERT = `
  INSERT INTO hazard (id, client_id, category, severity, department, status, village_code, reported_at, deadline,
                      geom, description, reporter_name, reporter_phone, source, campaigns)
  VALUES ($1, $2, $3, $4, $5, '上报', $6, $7::timestamptz, $7::timestamptz + make_interval(days => $8),
          ST_SetSRID(ST_MakePoint($9::float8, $10::float8), 4326), $11, $12, $13, 'intake', $14::text[])
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

interface Routed extends Located {
  department: string;
  days: number;
}

const HAZARD: IntakeKind<HazardInput, HazardAnswer, Located, Routed> = {
  idKind: 'hazard',
  place: (h, input) => locate(h, input.lng, input.lat, input.villageCode),
  byClientId: async (h, key) => (await h.query<HazardAnswer>(`${SELECT} WHERE client_id = $1`, [key]))[0],
  sameSubmission: (stored, input) => ({
    category: ['same', stored.category, input.category],
    severity: ['same', stored.severity, input.severity],
    description: ['same', stored.description, input.description],
    // A time the terminal left out was "now" on each try: only a stated one must match.
    ...(input.reportedAtStated === false ? {} : { reportedAt: ['instant', stored.reportedAt, input.reportedAt] as const }),
    lng: ['coordinate', stored.lng, input.lng],
    lat: ['coordinate', stored.lat, input.lat],
  }),
  prepare: async (h, input, where) => {
    const [route] = await h.query<{ department: string | null; days: number | null }>(ROUTE, [input.category, input.severity]);
    if (!route?.department || !route.days) {
      throw new UnprocessableError('no_routing_rule', `no routing rule for ${input.category} at severity ${input.severity}; ask the county to add one`);
    }
    return { ...where, department: route.department, days: route.days };
  },
  insert: async (h, { id, key, input, prepared: p }) =>
    (
      await h.query(INSERT, [
        id,
        key,
        input.category,
        input.severity,
        p.department,
        p.villageCode,
        input.reportedAt,
        p.days,
        input.lng,
        input.lat,
        input.description,
        input.reporterName ?? null,
        input.reporterPhone ?? null,
        input.campaigns ?? [],
      ])
    ).length > 0,
};

/**
 * Records a grid worker's report: locates its village, routes it to a department with a deadline
 * by severity. A retry (the same client id in the same township, see ./client-id.ts) answers the
 * original and creates nothing.
 */
export function createHazard(h: Handle, input: HazardInput): Promise<Created<HazardAnswer>> {
  return createIntake(h, HAZARD, input);
}
