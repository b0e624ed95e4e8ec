import { Hono } from 'hono';
import { SYSTEM } from '../db/types.ts';
import type { FairLimiter } from '../limits/fair-limiter.ts';
import type { Deps } from './deps.ts';

/** How long health waits for the database before saying it is busy rather than waiting on. */
const PING_WAIT_MS = 1000;

/**
 * Whether the server answers and the database with it. It answers within about a second whatever
 * else runs: 200 `database: "up"`, 200 `database: "busy"` (alive, but the ping did not come back
 * in time: long queries or a queue), or 503 `database: "down"` (unreachable, or the embedded
 * database restarting). It takes no concurrency slot and reads no township data.
 */
export function healthRoutes(deps: Deps, limiter?: FairLimiter) {
  let postgis: string | null = null;
  return new Hono().get('/', async (c) => {
    const load = limiter?.stats() ?? { running: 0, waiting: 0 };
    const base = { db: deps.db.kind, postgis: postgis ?? 'unknown', requests: load };
    const down = () => {
      c.header('Retry-After', '5');
      const error = { code: 'db_unavailable', message: 'the database is unavailable; try again shortly' };
      return c.json({ error, status: 'unavailable' as const, database: 'down' as const, ...base }, 503);
    };
    if (!deps.db.available()) return down();
    const ping = deps.db
      .read(SYSTEM, (h) => h.query<{ v: string }>('SELECT postgis_lib_version() AS v'))
      .then(
        ([row]) => {
          postgis = row?.v ?? postgis;
          return 'up' as const;
        },
        () => 'down' as const,
      );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'busy'>((r) => (timer = setTimeout(() => r('busy'), PING_WAIT_MS)));
    const database = await Promise.race([ping, late]);
    clearTimeout(timer);
    if (database === 'down') return down();
    return c.json({ status: 'ok' as const, database, ...base, postgis: postgis ?? 'unknown' }, 200);
  });
}
