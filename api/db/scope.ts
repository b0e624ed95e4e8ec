import type { Handle, Scope } from './types.ts';

/**
 * Sets the request's township scope for the current transaction only (`set_config(..., true)`
 * is `SET LOCAL`), so a pooled connection never carries one request's scope into the next.
 * Row-level security policies (a later issue) read it with `current_setting('app.township', true)`.
 * Every transaction also gets a statement timeout, so no query can hold the database for long.
 */
export async function applyScope(h: Handle, scope: Scope, statementTimeoutMs: number): Promise<void> {
  // JIT off: these are short queries, and PostgreSQL's JIT spent ~0.8 s compiling the metrics query.
  await h.query(`SELECT set_config('app.township', $1, true), set_config('statement_timeout', $2, true), set_config('jit', 'off', true)`, [
    scope.townshipCode ?? '',
    String(statementTimeoutMs),
  ]);
}
