import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { audit } from '../audit.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { signIn, type SignedIn } from '../test/sign-in.ts';
import { backend, testDb, type TestDb } from '../test/test-db.ts';

let t: TestDb;
let admin: SignedIn;

beforeAll(async () => {
  t = await testDb();
  admin = await signIn(createApp({ ...t.deps, throttle: new FailureThrottle() }), 'demo-admin');
});

const ids = (sql: string, params: unknown[] = []) => t.db.read(SYSTEM, async (h) => (await h.query<{ id: string }>(sql, params)).map((r) => Number(r.id)));

describe(`the audit log (${backend})`, () => {
  it('pages newest first by id with limit/before: strictly descending, nothing skipped or repeated, past id 10', async () => {
    await t.db.write(SYSTEM, async (h) => {
      for (let i = 0; i < 45; i++) await audit(h, { actor: 'paging-test', role: null, action: 'export', detail: { i } });
    });
    const [top] = await ids('SELECT max(id)::text AS id FROM audit_log');
    const expected = await ids('SELECT a.id::text AS id FROM audit_log a WHERE a.id <= $1 ORDER BY a.id DESC', [top]);
    expect(expected.length).toBeGreaterThan(40);
    expect(expected.at(-1)!).toBeLessThan(10);
    const seen: number[] = [];
    let before: number | null = top! + 1;
    for (let page = 0; before !== null && page < 10_000; page++) {
      const res = await admin.request(`/api/admin/audit?limit=13&before=${before}`);
      expect(res.status).toBe(200);
      const { entries } = (await res.json()) as { entries: { id: string }[] };
      expect(entries.length).toBeLessThanOrEqual(13);
      seen.push(...entries.map((e) => Number(e.id)));
      before = entries.length === 13 ? Number(entries.at(-1)!.id) : null;
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!, `entry ${i}`).toBeLessThan(seen[i - 1]!);
    expect(seen).toEqual(expected);
  });
});
