import type { DisputeStatus, HazardStatus } from '../../contract/enums.ts';

/** The shapes of the malformed-request corpus (see ./index.ts) and the rows of the seeded database it names. */

/** Whose session cookie the request carries ('none': no cookie; the case's headers say the rest). */
export type Caller = 'county' | 'township' | 'admin' | 'none';
/** The X-CSRF-Token a write carries: the session's own, none, a wrong one, an empty one, another session's. */
export type CsrfMode = 'valid' | 'missing' | 'wrong' | 'empty' | 'foreign';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type CaseGroup =
  | 'wrong-type'
  | 'date'
  | 'coordinates'
  | 'bbox'
  | 'enum'
  | 'range'
  | 'oversize'
  | 'broken-json'
  | 'content-type'
  | 'injection'
  | 'traversal'
  | 'unknown-param'
  | 'bad-id'
  | 'missing-field'
  | 'csrf'
  | 'login'
  | 'unauthenticated'
  | 'forbidden'
  | 'scope'
  | 'lifecycle'
  | 'location'
  | 'idempotency'
  | 'import'
  | 'method';

export interface MalformedCase {
  /** Unique across the corpus. */
  name: string;
  group: CaseGroup;
  method: HttpMethod;
  /** Path and query exactly as sent (already percent-encoded where needed). */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  as: Caller;
  /** Writes only; default 'valid'. */
  csrf?: CsrfMode;
  /** Send to the app whose IMPORT_MAX_BYTES is `smallImportMaxBytes` (import size limits). */
  smallImportLimit?: boolean;
  /** The expected answer (always 4xx). */
  status: number | readonly number[];
  /** The expected `error.code`, where it is certain. */
  code?: string;
  /**
   * The audit entry the case writes: a well-formed sign-in that fails (it also counts toward the
   * sign-in limits), or any refused request (403: `access.denied`, set by malformedCorpus).
   */
  audit?: 'auth.login_failed' | 'auth.device_login_failed' | 'access.denied';
}

export interface Place {
  code: string;
  lng: number;
  lat: number;
}

export interface CorpusContext {
  /** The writer's (demo-township's) township. */
  township: string;
  /** A village of `township` (with its label point) and the officer linked to it. */
  village: Place;
  officerId: string;
  /** Another village of `township`. */
  neighbour: Place;
  /** A 12-digit code in `township` that names no village. */
  missingVillage: string;
  /** Another township, and one of its villages. */
  otherTownship: string;
  otherVillage: Place;
  /** An open hazard and an open dispute in `township`, with their status. */
  hazard: { id: string; status: HazardStatus };
  dispute: { id: string; status: DisputeStatus };
  /** A hazard and a dispute of another township. */
  otherHazardId: string;
  otherDisputeId: string;
  /** The ids of a `wall` user and of a `county` user. */
  wallUserId: number;
  countyUserId: number;
  /** IMPORT_MAX_BYTES of the app `smallImportLimit` cases go to. */
  smallImportMaxBytes: number;
}

/** Plausible values for the seeded demo database (tests pass the real rows). */
export const DEFAULT_CONTEXT: CorpusContext = {
  township: '430421110',
  village: { code: '430421110004', lng: 112.62, lat: 27.08 },
  officerId: 'OF0220',
  neighbour: { code: '430421110006', lng: 112.64, lat: 27.1 },
  missingVillage: '430421110999',
  otherTownship: '430421100',
  otherVillage: { code: '430421100001', lng: 112.37, lat: 26.97 },
  hazard: { id: 'HZ0000001', status: '上报' },
  dispute: { id: 'DS0000001', status: '受理' },
  otherHazardId: 'HZ0000002',
  otherDisputeId: 'DS0000002',
  wallUserId: 4,
  countyUserId: 1,
  smallImportMaxBytes: 1024,
};
