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

// Against the test cluster (the PostgreSQL run of the suite): a server whose connections are all
// taken refuses a new one with 53300, which is an outage to answer 503, not a request's own error.
describe.runIf(process.env.TEST_DATABASE_URL)('openPostgres with no connection to spare', () => {
  it('turns "too many connections" (53300) into DbUnavailableError', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const admin = await openPostgres({ connectionString: url.toString(), max: 1 });
    const role = `hy_full_${process.pid}`;
    await admin.write(SYSTEM, (h) => h.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`));
    url.username = role;
    const full = await openPostgres({ connectionString: url.toString() });
    try {
      await expect(full.read(SYSTEM, (h) => h.query('SELECT 1'))).rejects.toBeInstanceOf(DbUnavailableError);
    } finally {
      await full.close();
      await admin.write(SYSTEM, (h) => h.query(`DROP ROLE ${role}`));
      await admin.close();
    }
  });
});
