import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';
import { DbUnavailableError, SYSTEM } from './types.ts';

describe('openPglite', () => {
  it('answers DbUnavailableError once the instance is gone, and keeps SQL errors as they are', async () => {
    const db = await openPglite();
    await expect(db.read(SYSTEM, (h) => h.query('SELECT no_such_column FROM pg_class'))).rejects.toThrow(/no_such_column/);
    await expect(db.read(SYSTEM, (h) => h.query<{ v: string }>('SELECT postgis_lib_version() AS v'))).resolves.toEqual([{ v: expect.stringMatching(/^3\./) }]);
    await db.close();
    await expect(db.ping()).rejects.toBeInstanceOf(DbUnavailableError);
    await expect(db.read(SYSTEM, (h) => h.query('SELECT 1'))).rejects.toBeInstanceOf(DbUnavailableError);
  }, 60_000);
});
