import { describe, expect, it } from 'vitest';
import { openPostgres } from './postgres.ts';
import { DbUnavailableError, SYSTEM } from './types.ts';

describe('openPostgres with no server listening', () => {
  it('turns connection failures into DbUnavailableError', async () => {
    // Port 9 (discard) on loopback: nothing listens there on these machines.
    const db = await openPostgres({ connectionString: 'postgres://nobody@127.0.0.1:9/none' });
    try {
      await expect(db.ping()).rejects.toBeInstanceOf(DbUnavailableError);
      await expect(db.read(SYSTEM, (h) => h.query('SELECT 1'))).rejects.toBeInstanceOf(DbUnavailableError);
    } finally {
      await db.close();
    }
  });
});
