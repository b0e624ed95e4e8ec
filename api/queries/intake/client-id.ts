import { ConflictError } from '../../errors.ts';
/**
 * Client ids (the idempotency ids terminals send with intake, visits and status changes) are
 * scoped by township: the stored key is `<client id>@<township code>`, the township being the one
 * the record belongs to (its village's). The same id in two townships is two records, a retry in
 * the same township finds the original, and no township can learn of, or squat, another's ids.
 * Ledger rows keep their own `ledger:<sha256>` ids, which never contain '@' (nor do client ids:
 * see the clientId schema in api/routes/intake-common.ts). Migration 006 explains why the key is
 * stored in client_id itself.
 */
export function scopedClientId(townshipCode: string, clientId: string): string {
  return `${clientId}@${townshipCode}`;
}

/** The client id as the terminal sent it, for SELECT lists: `${CLIENT_ID_COLUMN} AS "clientId"`. */
export const CLIENT_ID_COLUMN = `split_part(client_id, '@', 1)`;

/** Two instants as the same second (stored instants are answered to the second). */
const sameSecond = (a: string, b: string) => Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
/** Two coordinates within a micro-degree (stored as float8, answered rounded). */
const samePlace = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export type Field = ['same', unknown, unknown] | ['instant', string, string] | ['coordinate', number, number];

/**
 * A retry sends the same thing again; a different submission under a used client id is a client
 * bug or a squatter, and answering the original as if it were the new one would lose the new
 * report without a word: 409 `idempotency_key_reused`, naming what differs.
 */
export function requireSameSubmission(clientId: string, fields: Record<string, Field>): void {
  const differ = Object.entries(fields)
    .filter(([, [kind, stored, sent]]) =>
      kind === 'instant'
        ? !sameSecond(stored as string, sent as string)
        : kind === 'coordinate'
          ? !samePlace(stored as number, sent as number)
          : (stored ?? null) !== (sent ?? null),
    )
    .map(([name]) => name);
  if (differ.length)
    throw new ConflictError(
      'idempotency_key_reused',
      `client id ${clientId} was already used for a different submission (${differ.join(', ')} differ); send a new client id for a new record`,
      {
        fields: differ,
      },
    );
}
