import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { audit } from '../audit.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

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

describe(`the audit log against its own connection (${backend})`, () => {
  const count = async () => (await t.db.read(SYSTEM, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')))[0]!.n;

  it('belongs to hengyang_audit; the connection role may only insert and read it', async () => {
    const [r] = await t.db.read(SYSTEM, (h) =>
      h.query<Record<string, unknown>>(
        `SELECT (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS owner,
              (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'hengyang_audit') AS login,
              has_table_privilege('audit_log', 'INSERT') AS ins, has_table_privilege('audit_log', 'SELECT') AS sel,
              (SELECT count(*)::int FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE r.rolname = 'hengyang_audit') AS members,
              (SELECT array_agg(DISTINCT tgenabled::text) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal) AS fire`,
      ),
    );
    expect(r).toEqual({ owner: 'hengyang_audit', login: false, ins: true, sel: true, members: 0, fire: ['A'] });
  });

  it.each([
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /audit log is append-only|must be owner/],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update', /audit log is append-only|must be owner/],
    ['ALTER TRIGGER audit_log_no_update ON audit_log RENAME TO gone', /audit log is append-only|must be owner/],
    ['TRUNCATE audit_log', /append-only|permission denied/],
    ['DELETE FROM audit_log', /append-only|permission denied/],
    ['UPDATE audit_log SET actor = $$x$$', /append-only|permission denied/],
    ['DROP TABLE audit_log', /audit log is append-only|must be owner/],
    ['DROP FUNCTION audit_log_append_only() CASCADE', /audit log is append-only|must be owner/],
    ['CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN OLD; END$$', /audit log is append-only|must be owner/],
    ['CREATE RULE keep_quiet AS ON INSERT TO audit_log DO INSTEAD NOTHING', /audit log is append-only|must be owner/],
  ])('refuses %s from the connection role, and keeps every row', async (sql, refusal) => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(t.db.write(SYSTEM, (h) => h.exec(sql))).rejects.toThrow(refusal);
    expect(await count()).toBe(before);
  });

  it('also refuses the second step of "disable, then delete" in one transaction', async () => {
    const before = await count();
    await expect(
      t.db.write(SYSTEM, async (h) => {
        await h.exec('ALTER TABLE audit_log DISABLE TRIGGER ALL');
        await h.exec('DELETE FROM audit_log');
      }),
    ).rejects.toThrow(/audit log is append-only|must be owner/);
    expect(await count()).toBe(before);
    // And still takes new entries.
    await t.db.write(SYSTEM, (h) => audit(h, { actor: 'append-test', role: null, action: 'export' }));
    expect(await count()).toBe(before + 1);
  });
});
