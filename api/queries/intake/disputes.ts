import type { Handle } from '../../db/index.ts';
import type { DisputeCategory, DisputeChannel, DisputeStatus } from '../../contract/enums.ts';
import { nextId } from './ids.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { CLIENT_ID_COLUMN, requireSameSubmission, scopedClientId } from './client-id.ts';
import { locate } from './locate.ts';

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
}

const SELECT = `
  SELECT id, ${CLIENT_ID_COLUMN} AS "clientId", village_code AS "villageCode", left(village_code, 9) AS "townshipCode",
         category, channel, status, iso_sh(received_at) AS "receivedAt",
         iso_sh(mediation_started_at) AS "mediationStartedAt", iso_sh(concluded_at) AS "concludedAt",
         ST_X(geom) AS lng, ST_Y(geom) AS lat, summary, mediator,
         party_name AS "partyName", party_phone AS "partyPhone"
  FROM dispute`;

const INSERT = `
  INSERT INTO dispute (id, client_id, category, channel, status, village_code, received_at, geom, summary,
                       party_name, party_phone, mediator, source)
  VALUES ($1, $2, $3, $4, '受理', $5, $6::timestamptz, ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326), $9,
          $10, $11, $12, 'intake')
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

async function byClientId(h: Handle, key: string): Promise<DisputeAnswer | undefined> {
  return (await h.query<DisputeAnswer>(`${SELECT} WHERE client_id = $1`, [key]))[0];
}

/**
 * Registers a dispute as 受理 in the village its point lies in; a retry (the same client id in the
 * same township, see ./client-id.ts) answers the original.
 */
export async function createDispute(h: Handle, input: DisputeInput): Promise<{ created: boolean; dispute: DisputeAnswer }> {
  const where = await locate(h, input.lng, input.lat, input.villageCode);
  const key = scopedClientId(where.townshipCode, input.clientId);
  const existing = await byClientId(h, key);
  if (existing) {
    requireSameSubmission(input.clientId, {
      category: ['same', existing.category, input.category],
      channel: ['same', existing.channel, input.channel],
      summary: ['same', existing.summary, input.summary],
      // A time the terminal left out was "now" on each try: only a stated one must match.
      ...(input.receivedAtStated === false ? {} : { receivedAt: ['instant', existing.receivedAt, input.receivedAt] as const }),
      lng: ['coordinate', existing.lng, input.lng],
      lat: ['coordinate', existing.lat, input.lat],
    });
    return { created: false, dispute: existing };
  }
  const id = await nextId(h, 'dispute');
  const inserted = await h.query(INSERT, [
    id, key, input.category, input.channel, where.villageCode, input.receivedAt, input.lng, input.lat,
    input.summary, input.partyName ?? null, input.partyPhone ?? null, input.mediator ?? null,
  ]);
  if (inserted.length === 0) {
    // A concurrent request with the same key won: answer its row.
    const row = await byClientId(h, key);
    if (!row) throw new ConflictError('client_id_taken', `client id ${input.clientId} is already used by another record`);
    return { created: false, dispute: row };
  }
  return { created: true, dispute: await getDispute(h, id) };
}
