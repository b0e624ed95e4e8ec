import type { Context, TypedResponse } from 'hono';
import { principalOf } from '../auth/middleware.ts';
import { scopeFor, seesVillage } from '../auth/principal.ts';
import type { Handle, Scope } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { scopeTownship } from '../filter/case-filter.ts';

export type { Deps } from '../deps.ts';

/** The rows the caller may see; the database enforces it (row-level security). */
export function scopeOf(c: Context): Scope {
  return scopeFor(principalOf(c));
}

/** The township a request is about, scoped to the caller (see scopeTownship). */
export function scopedTownship(c: Context, requested: string | undefined): string | undefined {
  return scopeTownship(principalOf(c), requested);
}

/** The validated query with its township scoped (see scopedTownship), for routes outside the case filter. */
export function scoped<Q extends { township?: string }>(c: Context, q: Q): Q {
  return { ...q, township: scopedTownship(c, q.township) };
}

/** 403 for a village outside the caller's scope. */
export function requireVillageInScope(c: Context, villageCode: string): void {
  if (!seesVillage(principalOf(c), villageCode)) throw new ForbiddenError(`village ${villageCode} is outside your scope`, 'out_of_scope');
}

/**
 * Row-level security hides rows beyond the scope, so "not found" may mean "someone else's":
 * tells the two apart (403 vs 404) without revealing anything but that the row exists.
 */
export async function notFoundOrOutOfScope(h: Handle, kind: 'dispute' | 'hazard' | 'visit' | 'village', id: string): Promise<never> {
  const [row] = await h.query<{ v: string | null }>('SELECT app_village_of($1, $2) AS v', [kind, id]);
  if (row?.v) throw new ForbiddenError(`${kind} ${id} is outside your scope`, 'out_of_scope');
  throw new NotFoundError(`no ${kind} ${id}`);
}

/** Reads through the request's one handle, inside one read-only transaction. */
export function read<T>(deps: Deps, c: Context, fn: (h: Handle) => Promise<T>): Promise<T> {
  return deps.db.read(scopeOf(c), fn);
}

/** Fails with a field error unless the township exists. */
export async function requireTownship(h: Handle, code: string | undefined): Promise<void> {
  if (!code) return;
  const rows = await h.query('SELECT 1 FROM township WHERE code = $1', [code]);
  if (rows.length === 0) throw new ValidationError(`unknown township ${code}`, { township: `no township with code ${code}` });
}

/**
 * A JSON body the database already serialised, typed for the RPC client as if it came from
 * `c.json<T>()`: skips a parse and a stringify of large GeoJSON.
 */
export function jsonText<T>(text: string): Response & TypedResponse<T, 200, 'json'> {
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }) as Response & TypedResponse<T, 200, 'json'>;
}
