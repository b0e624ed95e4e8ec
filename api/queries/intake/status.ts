import type { DisputeStatus, HazardStatus } from '../../contract/enums.ts';
import type { Handle } from '../../db/index.ts';
import { allowedNext, DISPUTE_STAMP, DISPUTE_TRANSITIONS, HAZARD_STAMP, HAZARD_TRANSITIONS } from '../../domain/lifecycle.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { scopedClientId } from './client-id.ts';

interface Lifecycle<S extends string> {
  entity: 'dispute' | 'hazard';
  table: string;
  transitions: Readonly<Record<S, readonly S[]>>;
  stamps: Readonly<Partial<Record<S, string>>>;
  /** Every timestamp column of the lifecycle: a new stamp may not precede any of them. */
  columns: readonly string[];
}

// Table and column names come from these literals only.
const DISPUTE: Lifecycle<DisputeStatus> = {
  entity: 'dispute',
  table: 'dispute',
  transitions: DISPUTE_TRANSITIONS,
  stamps: DISPUTE_STAMP,
  columns: ['received_at', 'mediation_started_at', 'concluded_at'],
};
const HAZARD: Lifecycle<HazardStatus> = {
  entity: 'hazard',
  table: 'hazard',
  transitions: HAZARD_TRANSITIONS,
  stamps: HAZARD_STAMP,
  columns: ['reported_at', 'routed_at', 'started_at', 'closed_at'],
};

export interface StatusChangeInput<S extends string> {
  status: S;
  /** When it happened (ISO with offset); default now. */
  at?: string;
  note?: string;
  clientId?: string;
}

/**
 * Moves a dispute or hazard one step along its lifecycle, stamping the matching timestamp and
 * recording the change. An illegal step is a 409 naming the allowed ones; a retry with the same
 * client id is answered as done without changing anything again.
 */
async function change<S extends string>(h: Handle, lc: Lifecycle<S>, id: string, input: StatusChangeInput<S>): Promise<{ changed: boolean }> {
  const [row] = await h.query<{ status: string; township: string }>(`SELECT status, left(village_code, 9) AS township FROM ${lc.table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError(`no ${lc.entity} ${id}`);
  // Client ids are scoped by the township the dispute or hazard belongs to (./client-id.ts).
  const key = input.clientId ? scopedClientId(row.township, input.clientId) : null;
  if (key) {
    const [seen] = await h.query<{ entity: string; entity_id: string; to_status: string }>(`SELECT entity, entity_id, to_status FROM status_change WHERE client_id = $1`, [key]);
    if (seen) {
      if (seen.entity !== lc.entity || seen.entity_id !== id || seen.to_status !== input.status) {
        throw new ConflictError('idempotency_key_reused', `client id ${input.clientId} was already used for another change`);
      }
      return { changed: false };
    }
  }
  const from = row.status as S;
  const allowed = allowedNext(lc.transitions, from);
  if (!allowed.includes(input.status)) {
    const next = allowed.length ? allowed.join(', ') : 'none (final status)';
    throw new ConflictError('illegal_transition', `${lc.entity} ${id} is ${from}; it can move to: ${next}`, { from, to: input.status, allowed });
  }
  // Instants are compared at full precision, not as the seconds iso_sh() shows. A change dated
  // within the same second as the previous step (a terminal echoing the intake time it was shown,
  // truncated to the second) is accepted and stamped at that step's instant, so the table's
  // ordering CHECKs hold; a change dated in an earlier second is refused.
  const [at] = await h.query<{ at: string; future: boolean; early: boolean }>(
    `SELECT greatest(s.t, p.m)::text AS at, s.t > now() + interval '5 minutes' AS future,
            coalesce(s.t < date_trunc('second', p.m), false) AS early
     FROM (SELECT coalesce($1::timestamptz, now()) AS t) s,
          (SELECT greatest(${lc.columns.join(', ')}) AS m FROM ${lc.table} WHERE id = $2) p`,
    [input.at ?? null, id],
  );
  if (at!.future) throw new UnprocessableError('time_in_future', 'the change is dated in the future', { at: 'in the future' });
  if (at!.early) throw new UnprocessableError('time_before_previous', `the change is dated before the ${lc.entity}'s previous step`, { at: 'before the previous step' });
  const stamp = lc.stamps[input.status]!;
  await h.query(`UPDATE ${lc.table} SET status = $2, ${stamp} = $3::timestamptz WHERE id = $1`, [id, input.status, at!.at]);
  const recorded = await h.query(
    `INSERT INTO status_change (entity, entity_id, from_status, to_status, changed_at, client_id, note) VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [lc.entity, id, from, input.status, at!.at, key, input.note ?? null],
  );
  // The client id was taken meanwhile by a concurrent retry in the same township: refuse, and the
  // caller's transaction undoes the UPDATE above.
  if (recorded.length === 0) throw new ConflictError('idempotency_key_reused', `client id ${input.clientId} was already used for another change`);
  return { changed: true };
}

export const changeDisputeStatus = (h: Handle, id: string, input: StatusChangeInput<DisputeStatus>) => change(h, DISPUTE, id, input);
export const changeHazardStatus = (h: Handle, id: string, input: StatusChangeInput<HazardStatus>) => change(h, HAZARD, id, input);
