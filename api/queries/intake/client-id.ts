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
