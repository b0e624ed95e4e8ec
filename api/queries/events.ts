import type { EventType } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { sqlFile } from './sql.ts';

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

export interface EventOptions {
  types: readonly EventType[];
  /** minLng, minLat, maxLng, maxLat in WGS84, or null for anywhere. */
  bbox: readonly [number, number, number, number] | null;
  cap: number;
}

/** Exported with its parameters for queries that build on it (the event tiles). */
export const EVENTS = sqlFile(import.meta.url, 'events.sql');

/** The parameters of events.sql: up to `cap + 1` rows of each type, so a cut can be told. */
export function eventArgs(f: CaseFilter, o: EventOptions): unknown[] {
  const b = o.bbox ?? [null, null, null, null];
  return [f.period.start.toISOString(), f.period.end.toISOString(), f.township, f.categories, f.statuses, ...b, o.cap + 1, o.types, f.campaign];
}

/** Newest first across the requested types, at most `cap` rows. */
export async function events(h: Handle, f: CaseFilter, o: EventOptions): Promise<EventsAnswer> {
  const rows = await h.query<EventRow>(EVENTS, eventArgs(f, o));
  rows.sort((a, z) => (a.at < z.at ? 1 : a.at > z.at ? -1 : a.id.localeCompare(z.id)));
  const truncated = rows.length > o.cap;
  const kept = truncated ? rows.slice(0, o.cap) : rows;
  return { cap: o.cap, count: kept.length, truncated, rows: kept };
}
