import { SYSTEM } from '../db/types.ts';
import { Hono } from 'hono';
import type { Deps } from './deps.ts';

export function healthRoutes(deps: Deps) {
  return new Hono().get('/', async (c) => {
    // Outside any request scope on purpose: it reads no township data, only the server's state.
    const [row] = await deps.db.read(SYSTEM, (h) => h.query<{ v: string }>('SELECT postgis_lib_version() AS v'));
    return c.json({ status: 'ok' as const, db: deps.db.kind, postgis: row?.v ?? 'unknown' });
  });
}
