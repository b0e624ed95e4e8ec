import type { Handle } from '../../db/index.ts';
import { ID_KINDS, type IdKind } from '../../domain/ids.ts';

/**
 * A table name cannot be a bind parameter, so it is interpolated; it only ever comes from the
 * ID_KINDS allow-list, and this check keeps a future entry from smuggling in anything but a
 * plain identifier.
 */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

/** The next id of a kind, from its sequence (never reused, also across a rolled-back write). */
export async function nextId(h: Handle, kind: IdKind): Promise<string> {
  const k = ID_KINDS[kind];
  const [row] = await h.query<{ id: string }>(`SELECT $1 || lpad(nextval($2::regclass)::text, 7, '0') AS id`, [k.prefix, k.seq]);
  return row!.id;
}

/**
 * Moves every id sequence past the highest id in its table (after a bulk load), never back: the
 * operations regenerated (`npm run seed` on a seeded database) delete the cases they replace, and
 * an id handed out before must not name another case afterwards (the audit log, append-only,
 * names its cases by id).
 */
export async function syncIdSequences(h: Handle): Promise<void> {
  for (const k of Object.values(ID_KINDS)) {
    // the sequence's own next value: last_value once called, last_value itself after a
    // setval(..., false) (pg_sequence_last_value says NULL then, as if it had never run)
    await h.query(
      `SELECT setval($1::regclass,
                     greatest(coalesce((SELECT max(substr(id, 3)::bigint) FROM ${identifier(k.table)} WHERE id ~ ('^' || $2 || '[0-9]+$')), 0) + 1,
                              (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${identifier(k.seq)})),
                     false)`,
      [k.seq, k.prefix],
    );
  }
}
