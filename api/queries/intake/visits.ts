import type { VisitKind } from '../../contract/enums.ts';
import type { Handle } from '../../db/index.ts';
import { UnprocessableError } from '../../errors.ts';
import { CLIENT_ID_COLUMN } from './client-id.ts';
import { type Created, createIntake, type IntakeKind } from './create.ts';
import { locate } from './locate.ts';

export interface VisitInput {
  clientId: string;
  officerId: string;
  villageCode: string;
  kind: VisitKind;
  visitedAt: string;
  lng?: number;
  lat?: number;
}

export interface VisitAnswer {
  id: string;
  clientId: string | null;
  officerId: string;
  villageCode: string;
  townshipCode: string;
  kind: VisitKind;
  visitedAt: string;
  lng: number;
  lat: number;
}

const SELECT = `
  SELECT id, ${CLIENT_ID_COLUMN} AS "clientId", officer_id AS "officerId", village_code AS "villageCode",
         left(village_code, 9) AS "townshipCode", kind, iso_sh(visited_at) AS "visitedAt",
         ST_X(geom) AS lng, ST_Y(geom) AS lat
  FROM visit`;

// Without a point, the visit is placed at the village's label point (inside the village).
const INSERT = `
  INSERT INTO visit (id, client_id, officer_id, village_code, kind, visited_at, geom, source)
  SELECT $1, $2, $3, v.code, $4, $5::timestamptz,
         coalesce(ST_SetSRID(ST_MakePoint($6::float8, $7::float8), 4326), v.label_point), 'intake'
  FROM village v WHERE v.code = $8
  ON CONFLICT (client_id) DO NOTHING
  RETURNING id`;

const VISIT: IntakeKind<VisitInput, VisitAnswer, { townshipCode: string }, void> = {
  idKind: 'visit',
  // The village is stated (and checked against the officer's below), not located.
  place: async (_h, input) => ({ townshipCode: input.villageCode.slice(0, 9) }),
  byClientId: async (h, key) => (await h.query<VisitAnswer>(`${SELECT} WHERE client_id = $1`, [key]))[0],
  sameSubmission: (stored, input) => ({
    officerId: ['same', stored.officerId, input.officerId],
    kind: ['same', stored.kind, input.kind],
    visitedAt: ['instant', stored.visitedAt, input.visitedAt],
  }),
  prepare: async (h, input) => {
    const [officer] = await h.query<{ village_code: string }>(`SELECT village_code FROM officer WHERE id = $1`, [input.officerId]);
    if (!officer) throw new UnprocessableError('unknown_officer', `no officer ${input.officerId}`, { officerId: 'unknown officer' });
    if (officer.village_code !== input.villageCode) {
      throw new UnprocessableError('officer_not_linked', `officer ${input.officerId} is linked to ${officer.village_code}, not to ${input.villageCode}`, {
        villageCode: `officer ${input.officerId} is linked to ${officer.village_code}`,
      });
    }
    if (input.lng !== undefined && input.lat !== undefined) await locate(h, input.lng, input.lat, input.villageCode);
  },
  insert: async (h, { id, key, input }) =>
    (await h.query(INSERT, [id, key, input.officerId, input.kind, input.visitedAt, input.lng ?? null, input.lat ?? null, input.villageCode])).length > 0,
};

/**
 * Records an officer's visit to one of the villages they are linked to; a retry (the same client
 * id in the same township, see ./client-id.ts) answers the original.
 */
export function createVisit(h: Handle, input: VisitInput): Promise<Created<VisitAnswer>> {
  return createIntake(h, VISIT, input);
}
