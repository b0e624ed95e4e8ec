import type { Db, Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';

/** Carries `fn`'s result out of the transaction it aborts. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/**
 * Runs `fn` in a write transaction of `scope` (the owner's by default, a request role's when a
 * test writes as a chief would) and rolls it back, returning what `fn` returned: tests share one
 * seeded database (vitest.config.ts), so a test that writes leaves nothing behind.
 */
export async function rolledBack<T>(db: Db, fn: (h: Handle) => Promise<T>, scope: Scope = SYSTEM): Promise<T> {
  try {
    await db.write(scope, async (h) => {
      throw new Rollback(await fn(h));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.value as T;
    throw e;
  }
  throw new Error('unreachable: the transaction was meant to roll back');
}
