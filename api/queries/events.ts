import type { Handle } from '../db/index.ts';
import type { EventType } from '../contract/enums.ts';
import type { Period } from '../domain/period.ts';

export interface EventRow {
  id: string;
  type: EventType;
  lng: number;
  lat: number;
  /** Dispute or hazard category; for visits, the visit kind. */
  category: string;
  /** Lifecycle status; null for visits. */
  status: string | null;
  /** Hazard severity 1..4; null otherwise. */
  severity: number | null;
  /** When it was received / reported / made, ISO with +08:00. */
  at: string;
  villageCode: string;
}

export interface EventsAnswer {
  cap: number;
  count: number;
  /** True when more rows matched than the cap: the answer holds the newest `cap`. */
  truncated: boolean;
  rows: EventRow[];
}

export interface EventFilter {
  types: readonly EventType[];
  period: Period;
  township: string | null;
  categories: readonly string[] | null;
  statuses: readonly string[] | null;
  bbox: readonly [number, number, number, number] | null;
  cap: number;
}

// Identifiers per event type: a fixed allow-list, never taken from the request.
const SOURCES: Record<EventType, { table: string; at: string; category: string; status: string; severity: string }> = {
  dispute: { table: 'dispute', at: 'received_at', category: 'category', status: 'status', severity: 'NULL::int' },
  hazard: { table: 'hazard', at: 'reported_at', category: 'category', status: 'status', severity: 'severity::int' },
  visit: { table: 'visit', at: 'visited_at', category: 'kind', status: 'NULL::text', severity: 'NULL::int' },
};

function eventSql(type: EventType): string {
  const s = SOURCES[type];
  return `
    SELECT id, '${type}' AS type,
           round(ST_X(geom)::numeric, 6)::float8 AS lng,
           round(ST_Y(geom)::numeric, 6)::float8 AS lat,
           ${s.category} AS category, ${s.status} AS status, ${s.severity} AS severity,
           to_char(${s.at} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS at,
           village_code AS "villageCode"
    FROM ${s.table}
    WHERE ${s.at} >= $1 AND ${s.at} < $2
      AND ($3::text IS NULL OR village_code LIKE $3 || '%')
      AND ($4::text[] IS NULL OR ${s.category} = ANY($4::text[]))
      AND ($5::text[] IS NULL OR ${s.status} = ANY($5::text[]))
      AND ($6::float8 IS NULL OR geom && ST_MakeEnvelope($6, $7, $8, $9, 4326))
    ORDER BY ${s.at} DESC, id
    LIMIT $10`;
}

const SQL = { dispute: eventSql('dispute'), hazard: eventSql('hazard'), visit: eventSql('visit') };

/** Newest first across the requested types, at most `cap` rows. */
export async function events(h: Handle, f: EventFilter): Promise<EventsAnswer> {
  const b = f.bbox ?? [null, null, null, null];
  const params = [f.period.start.toISOString(), f.period.end.toISOString(), f.township, f.categories, f.statuses, ...b, f.cap + 1];
  const rows: EventRow[] = [];
  for (const t of f.types) rows.push(...(await h.query<EventRow>(SQL[t], params)));
  rows.sort((a, z) => (a.at < z.at ? 1 : a.at > z.at ? -1 : a.id.localeCompare(z.id)));
  const truncated = rows.length > f.cap;
  const kept = truncated ? rows.slice(0, f.cap) : rows;
  return { cap: f.cap, count: kept.length, truncated, rows: kept };
}
