import type { Handle } from '../../db/index.ts';
import type { DisputeStatus, HazardStatus } from '../../domain/enums.ts';
import { allowedNext, DISPUTE_STAMP, DISPUTE_TRANSITIONS, HAZARD_STAMP, HAZARD_TRANSITIONS } from '../../domain/lifecycle.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';

interface Lifecycle<S extends string> {
  entity: 'dispute' | 'hazard';
  table: string;
  transitions: Readonly<Record<S, readonly S[]>>;
  stamps: Readonly<Partial<Record<S, string>>>;
  /** Every timestamp column of the lifecycle, earliest first: a new stamp may not precede them. */
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
  if (input.clientId) {
    const [seen] = await h.query<{ entity: string; entity_id: string; to_status: string }>(
      `SELECT entity, entity_id, to_status FROM status_change WHERE client_id = $1`,
      [input.clientId],
    );
    if (seen) {
      if (seen.entity !== lc.entity || seen.entity_id !== id || seen.to_status !== input.status) {
        throw new ConflictError('idempotency_key_reused', `client id ${input.clientId} was already used for another change`);
      }
      return { changed: false };
    }
  }
  const cols = lc.columns.map((c) => `iso_sh(${c}) AS ${c}`).join(', ');
  const [row] = await h.query<Record<string, string | null>>(`SELECT status, ${cols} FROM ${lc.table} WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError(`no ${lc.entity} ${id}`);
  const from = row.status as S;
  const allowed = allowedNext(lc.transitions, from);
  if (!allowed.includes(input.status)) {
    const next = allowed.length ? allowed.join(', ') : 'none (final status)';
    throw new ConflictError('illegal_transition', `${lc.entity} ${id} is ${from}; it can move to: ${next}`, { from, to: input.status, allowed });
  }
  const [at] = await h.query<{ at: string; future: boolean; early: boolean }>(
    `SELECT iso_sh(t) AS at, t > now() + interval '5 minutes' AS future,
            t < (SELECT max(x) FROM unnest($2::timestamptz[]) x) AS early
     FROM (SELECT coalesce($1::timestamptz, now()) AS t) s`,
    [input.at ?? null, lc.columns.map((c) => row[c]).filter((v) => v !== null)],
  );
  if (at!.future) throw new UnprocessableError('time_in_future', 'the change is dated in the future', { at: 'in the future' });
  if (at!.early) throw new UnprocessableError('time_before_previous', `the change is dated before the ${lc.entity}'s previous step`, { at: 'before the previous step' });
  const stamp = lc.stamps[input.status]!;
  await h.query(`UPDATE ${lc.table} SET status = $2, ${stamp} = $3::timestamptz WHERE id = $1`, [id, input.status, at!.at]);
  const recorded = await h.query(
    `INSERT INTO status_change (entity, entity_id, from_status, to_status, changed_at, client_id, note) VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7)
     ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [lc.entity, id, from, input.status, at!.at, input.clientId ?? null, input.note ?? null],
  );
  // The client id is taken by a change the caller cannot see (another township's) or by a
  // concurrent retry: refuse, and the caller's transaction undoes the UPDATE above.
  if (recorded.length === 0) throw new ConflictError('idempotency_key_reused', `client id ${input.clientId} was already used for another change`);
  return { changed: true };
}

export const changeDisputeStatus = (h: Handle, id: string, input: StatusChangeInput<DisputeStatus>) => change(h, DISPUTE, id, input);
export const changeHazardStatus = (h: Handle, id: string, input: StatusChangeInput<HazardStatus>) => change(h, HAZARD, id, input);
