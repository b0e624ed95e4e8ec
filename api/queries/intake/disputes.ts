import type { DisputeCategory, DisputeChannel, DisputeStatus } from '../../contract/enums.ts';
import type { Handle } from '../../db/index.ts';
import { NotFoundError } from '../../errors.ts';
import { CLIENT_ID_COLUMN } from './client-id.ts';
import { type Created, createIntake, type IntakeKind } from './create.ts';
import { type Located, locate } from './locate.ts';

export interface DisputeInput {
  clientId: string;
  /** False when the client sent no time and receivedAt is the server's "now". */
  receivedAtStated?: boolean;
  category: DisputeCategory;
  channel: DisputeChannel;
  lng: number;
  lat: number;
  villageCode?: string;
  receivedAt: string;
  summary: string;
  partyName?: string;
  partyPhone?: string;
  mediator?: string;
  /** Campaign codes (checked by the route); auto-tagging campaigns are added by the insert trigger. */
  campaigns?: string[];
}

export interface DisputeAnswer {
  id: string;
  clientId: string | null;
  villageCode: string;
  townshipCode: string;
  category: DisputeCategory;
  channel: DisputeChannel;
  status: DisputeStatus;
  receivedAt: string;
  mediationStartedAt: string | null;
  concludedAt: string | null;
  lng: number;
  lat: number;
  summary: string;
  mediator: string | null;
  /** Personal data: masked or removed per role by the route (api/auth/mask.ts). */
  partyName: string | null;
  partyPhone: string | null;
  /** The campaigns (专项行动) it is tagged with. */
  campaigns: string[];
}

const SELECT = `
  SELECT id, ${CLIENT_ID_COLUMN} AS "clientId", village_code AS "villageCode", left(village_code, 9) AS "townshipCode",
         category, channel, status, iso_sh(received_at) AS "receivedAt",
         iso_sh(mediation_started_at) AS "mediationStartedAt", iso_sh(concluded_at) AS "concludedAt",
         ST_X(geom) AS lng, ST_Y(geom) AS lat, summary, mediator,
         party_name AS "partyName", party_phone AS "partyPhone", campaigns
  FROM dispute`;

const INSERT = `
  INSERT INTO dispute (id, client_id, category, channel, status, village_code, received_at, geom, summary,
                       party_name, party_phone, mediator, source, campaigns)
  VALUES ($1, $2, $3, $4, '受理', $5, $6::timestamptz, ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326), $9,
          $10, $11, $12, 'intake', $13::text[])
  ON CONFLICT (client_id) DO NOTHING
  RETURNING id`;

/** The dispute, or null when there is none the caller may see. */
export async function findDispute(h: Handle, id: string): Promise<DisputeAnswer | null> {
  return (await h.query<DisputeAnswer>(`${SELECT} WHERE id = $1`, [id]))[0] ?? null;
}

export async function getDispute(h: Handle, id: string): Promise<DisputeAnswer> {
  const [row] = await h.query<DisputeAnswer>(`${SELECT} WHERE id = $1`, [id]);
  if (!row) throw new NotFoundError(`no dispute ${id}`);
  return row;
}

const DISPUTE: IntakeKind<DisputeInput, DisputeAnswer, Located, Located> = {
  idKind: 'dispute',
  place: (h, input) => locate(h, input.lng, input.lat, input.villageCode),
  byClientId: async (h, key) => (await h.query<DisputeAnswer>(`${SELECT} WHERE client_id = $1`, [key]))[0],
  sameSubmission: (stored, input) => ({
    category: ['same', stored.category, input.category],
    channel: ['same', stored.channel, input.channel],
    summary: ['same', stored.summary, input.summary],
    // A time the terminal left out was "now" on each try: only a stated one must match.
    ...(input.receivedAtStated === false ? {} : { receivedAt: ['instant', stored.receivedAt, input.receivedAt] as const }),
    lng: ['coordinate', stored.lng, input.lng],
    lat: ['coordinate', stored.lat, input.lat],
  }),
  prepare: async (_h, _input, where) => where,
  insert: async (h, { id, key, input, prepared: where }) =>
    (
      await h.query(INSERT, [
        id,
        key,
        input.category,
        input.channel,
        where.villageCode,
        input.receivedAt,
        input.lng,
        input.lat,
        input.summary,
        input.partyName ?? null,
        input.partyPhone ?? null,
        input.mediator ?? null,
        input.campaigns ?? [],
      ])
    ).length > 0,
};

/**
 * Registers a dispute as 受理 in the village its point lies in; a retry (the same client id in the
 * same township, see ./client-id.ts) answers the original.
 */
export function createDispute(h: Handle, input: DisputeInput): Promise<Created<DisputeAnswer>> {
  return createIntake(h, DISPUTE, input);
}
