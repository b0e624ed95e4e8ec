import type { Handle, Scope } from './types.ts';

/** The roles request transactions run as: no BYPASSRLS, own nothing (migration 004). */
export const COUNTY_ROLE = 'hengyang_county';
export const APP_ROLE = 'hengyang_app';

/** The transaction-local settings the row-level security policies read. */
export function scopeSettings(scope: Scope): { role: string | null; scope: string; township: string; villages: string } {
  switch (scope.kind) {
    case 'system':
      return { role: null, scope: 'county', township: '', villages: '' };
    case 'none':
      return { role: APP_ROLE, scope: 'none', township: '', villages: '' };
    case 'county':
      return { role: COUNTY_ROLE, scope: 'county', township: '', villages: '' };
    case 'township':
      return { role: APP_ROLE, scope: 'township', township: scope.township, villages: '' };
    case 'villages':
      return { role: APP_ROLE, scope: 'villages', township: scope.township, villages: scope.villages.join(',') };
  }
}

/**
 * Sets the scope for the current transaction only (`set_config(..., true)` is `SET LOCAL`), so a
 * pooled connection never carries one request's scope or role into the next. Every transaction
 * also gets a statement timeout, so no query can hold the database for long.
 */
export async function applyScope(h: Handle, scope: Scope, statementTimeoutMs: number): Promise<void> {
  const s = scopeSettings(scope);
  const settings = [s.scope, s.township, s.villages, String(statementTimeoutMs)];
  // JIT off: these are short queries, and PostgreSQL's JIT spent ~0.8 s compiling the metrics query.
  // The role last, in the same statement (every setting before it is one any role may set): one
  // round trip, and every request's transaction starts with it.
  await h.query(
    `SELECT set_config('app.scope', $1, true), set_config('app.township', $2, true), set_config('app.villages', $3, true),
            set_config('statement_timeout', $4, true), set_config('idle_in_transaction_session_timeout', $4, true),
            set_config('jit', 'off', true)${s.role ? `, set_config('role', $5, true)` : ''}`,
    s.role ? [...settings, s.role] : settings,
  );
}
