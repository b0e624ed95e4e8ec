import type { Handle } from '../../db/index.ts';
import type { IdKind } from '../../domain/ids.ts';
import { ConflictError } from '../../errors.ts';
import { type Field, requireSameSubmission, scopedClientId } from './client-id.ts';
import { nextId } from './ids.ts';

export interface Created<R> {
  /** False when the client id had been used for the same submission: a retry, answered with the original. */
  created: boolean;
  record: R;
}

/**
 * What one kind of intake (dispute, hazard, visit) supplies to the shared create path; the rest,
 * idempotency included, is the same for every kind.
 */
export interface IntakeKind<I extends { clientId: string }, R, W extends { townshipCode: string }, P> {
  idKind: IdKind;
  /** Where the record belongs; its township scopes the client id (./client-id.ts). */
  place(h: Handle, input: I): Promise<W>;
  byClientId(h: Handle, key: string): Promise<R | undefined>;
  /** The fields a retry must send again unchanged (409 `idempotency_key_reused` otherwise). */
  sameSubmission(stored: R, input: I): Record<string, Field>;
  /** Checks that may still refuse a new record (422), and what they found for the insert. */
  prepare(h: Handle, input: I, where: W): Promise<P>;
  /** Inserts under `id` and the scoped client id; false when a concurrent request took the key. */
  insert(h: Handle, row: { id: string; key: string; input: I; prepared: P }): Promise<boolean>;
}

/**
 * Creates a record of a kind, or answers the original for a retry: the scoped client id finds a
 * stored record (which must be the same submission), else the kind's checks run, the next id is
 * drawn and the row inserted. Runs in the caller's transaction, where the route also audits.
 */
export async function createIntake<I extends { clientId: string }, R, W extends { townshipCode: string }, P>(
  h: Handle,
  kind: IntakeKind<I, R, W, P>,
  input: I,
): Promise<Created<R>> {
  const where = await kind.place(h, input);
  const key = scopedClientId(where.townshipCode, input.clientId);
  const existing = await kind.byClientId(h, key);
  if (existing) {
    requireSameSubmission(input.clientId, kind.sameSubmission(existing, input));
    return { created: false, record: existing };
  }
  const prepared = await kind.prepare(h, input, where);
  const id = await nextId(h, kind.idKind);
  const inserted = await kind.insert(h, { id, key, input, prepared });
  // A concurrent request with the same key won: answer its row.
  const record = await kind.byClientId(h, key);
  if (!record) throw new ConflictError('client_id_taken', `client id ${input.clientId} is already used by another record`);
  return { created: inserted, record };
}
