import type { Handle } from '../db/index.ts';

/** Id prefix and sequence of each kind of event: ids look like DS0000123. */
export const ID_KINDS = {
  dispute: { prefix: 'DS', seq: 'dispute_id_seq', table: 'dispute' },
  hazard: { prefix: 'HZ', seq: 'hazard_id_seq', table: 'hazard' },
  visit: { prefix: 'VS', seq: 'visit_id_seq', table: 'visit' },
} as const;
export type IdKind = keyof typeof ID_KINDS;

/** The next id of a kind, from its sequence (never reused, also across a rolled-back write). */
export async function nextId(h: Handle, kind: IdKind): Promise<string> {
  const k = ID_KINDS[kind];
  const [row] = await h.query<{ id: string }>(`SELECT $1 || lpad(nextval('${k.seq}')::text, 7, '0') AS id`, [k.prefix]);
  return row!.id;
}

/** Moves every id sequence past the highest id in its table (after a bulk load). */
export async function syncIdSequences(h: Handle): Promise<void> {
  for (const k of Object.values(ID_KINDS)) {
    await h.query(
      `SELECT setval('${k.seq}', coalesce((SELECT max(substr(id, 3)::bigint) FROM ${k.table} WHERE id ~ '^${k.prefix}[0-9]+$'), 0) + 1, false)`,
    );
  }
}
