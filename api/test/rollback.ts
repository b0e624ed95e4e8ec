import type { Db, Handle } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';

/** Carries `fn`'s result out of the transaction it aborts. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/**
 * Runs `fn` in a write transaction and rolls it back, returning what `fn` returned: tests share
 * one seeded database (vitest.config.ts), so a test that writes leaves nothing behind.
 */
export async function rolledBack<T>(db: Db, fn: (h: Handle) => Promise<T>): Promise<T> {
  try {
    await db.write(SYSTEM, async (h) => {
      throw new Rollback(await fn(h));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.value as T;
    throw e;
  }
  throw new Error('unreachable: the transaction was meant to roll back');
}
