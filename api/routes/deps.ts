import type { Context } from 'hono';
import type { TypedResponse } from 'hono';
import type { Config } from '../config.ts';
import type { Db, Handle, Scope } from '../db/index.ts';
import { resolvePeriod } from '../domain/period.ts';
import { ValidationError } from '../errors.ts';
import type { MetricContext } from '../queries/context.ts';

/** What the routes need from the outside world; tests pass their own. */
export interface Deps {
  db: Db;
  config: Config;
  /** The current instant (APP_NOW pins it). */
  now: () => Date;
}

/** The scope of the request. Every caller sees the county until sign-in and roles arrive. */
export function scopeOf(_c: Context): Scope {
  return {};
}

/** Reads through the request's one handle, inside one read-only transaction. */
export function read<T>(deps: Deps, c: Context, fn: (h: Handle) => Promise<T>): Promise<T> {
  return deps.db.read(scopeOf(c), fn);
}

export function metricContext(
  deps: Deps,
  q: { from?: string; to?: string; township?: string; category?: readonly string[]; status?: readonly string[] },
): MetricContext {
  return {
    period: resolvePeriod(q, deps.now()),
    requiredVisits: deps.config.COVERAGE_VISITS_PER_QUARTER,
    township: q.township ?? null,
    silenceDays: deps.config.SILENCE_WEEKS * 7,
    categories: q.category ?? null,
    statuses: q.status ?? null,
  };
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
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }) as Response &
    TypedResponse<T, 200, 'json'>;
}
