import { useState } from 'react';

/**
 * The ids in `current` that the previous answer lacked. Before any answer (`previous` null)
 * nothing is new: a wall switched on would otherwise mark every standing alert.
 */
export function newAlertIds(previous: ReadonlySet<string> | null, current: readonly string[]): ReadonlySet<string> {
  if (previous === null) return new Set();
  return new Set(current.filter((id) => !previous.has(id)));
}

interface Seen {
  version: number;
  ids: ReadonlySet<string> | null;
  fresh: ReadonlySet<string>;
}

/**
 * Alert ids new since the previous refresh. `version` changes with every answer (TanStack's
 * `dataUpdatedAt`), so an unchanged answer clears the marks, and a failed poll, which keeps the
 * last answer, keeps them. `ids` is null until the first answer.
 */
export function useNewAlerts(ids: readonly string[] | null, version: number): ReadonlySet<string> {
  const [seen, setSeen] = useState<Seen>(() => ({ version, ids: ids && new Set(ids), fresh: new Set() }));
  if (seen.version === version) return seen.fresh;
  // Adjusting state while rendering (not in an effect): the marks appear with the rows, not a frame later.
  const next: Seen = { version, ids: ids && new Set(ids), fresh: ids ? newAlertIds(seen.ids, ids) : new Set() };
  setSeen(next);
  return next.fresh;
}
