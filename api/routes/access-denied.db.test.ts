import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { AuditEntryJson } from '../audit.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

const OTHER_TOWNSHIP = '430421111';
let t: TestDb;
let app: ReturnType<typeof createApp>;
let chief: SignedIn;
let officer: SignedIn;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ ...t.deps, throttle: new FailureThrottle() });
  chief = await signIn(app, 'demo-township');
  officer = await signIn(app, 'demo-officer');
});

type Row = Omit<AuditEntryJson, 'id' | 'at'>;

/** Runs `send` and answers its status with the audit entries written meanwhile. */
async function entriesOf(send: () => Response | Promise<Response>): Promise<{ status: number; code: string; rows: Row[] }> {
  const [{ top }] = (await t.db.read(SYSTEM, (h) => h.query<{ top: string }>('SELECT coalesce(max(id), 0)::text AS top FROM audit_log'))) as [{ top: string }];
  const res = await send();
  const code = ((await res.json()) as { error?: { code: string } }).error?.code ?? '';
  const rows = await t.db.read(SYSTEM, (h) => h.query<Row>('SELECT actor, role, action, target, detail, ip FROM audit_log WHERE id > $1::bigint ORDER BY id', [top]));
  return { status: res.status, code, rows };
}

describe(`refused requests are audited (${backend})`, () => {
  it('a chief asking for another township: one access.denied entry, path without the query string', async () => {
    const { status, code, rows } = await entriesOf(() => chief.request(`/api/stats/summary?township=${OTHER_TOWNSHIP}&from=2025-01-01`));
    expect([status, code]).toEqual([403, 'out_of_scope']);
    expect(rows).toEqual([{ actor: 'demo-township', role: 'township', action: 'access.denied', target: 'GET /api/stats/summary', detail: { code: 'out_of_scope' }, ip: null }]);
  });

  it('an officer on an admin endpoint: one entry', async () => {
    const { status, code, rows } = await entriesOf(() => officer.request('/api/admin/users'));
    expect([status, code]).toEqual([403, 'forbidden']);
    expect(rows).toEqual([{ actor: 'demo-officer', role: 'officer', action: 'access.denied', target: 'GET /api/admin/users', detail: { code: 'forbidden' }, ip: null }]);
  });

  it("a write without the CSRF token: one entry, under the session's user, with the client address", async () => {
    const { status, code, rows } = await entriesOf(() =>
      app.request('/api/auth/logout', { method: 'POST', headers: { cookie: chief.cookie } }, { incoming: { socket: { remoteAddress: '10.9.8.7' } } }),
    );
    expect([status, code]).toEqual([403, 'csrf_failed']);
    expect(rows).toEqual([{ actor: 'demo-township', role: 'township', action: 'access.denied', target: 'POST /api/auth/logout', detail: { code: 'csrf_failed' }, ip: '10.9.8.7' }]);
  });

  it('keeps personal data out of the entry (a refused intake body is not recorded)', async () => {
    const body = JSON.stringify({ clientId: 'denied-pd', category: '婚姻家庭', channel: '综治中心', lng: 112.4, lat: 27.0, partyName: '张三丰', partyPhone: '13812341234' });
    const county = await signIn(app, 'demo-county');
    const { status, rows } = await entriesOf(() => county.request('/api/disputes', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    expect(status).toBe(403);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/张三丰|13812341234/);
  });

  it('answers the 403 even when the audit write fails', async () => {
    const broken = createApp({ ...t.deps, db: { ...t.db, write: () => Promise.reject(new Error('disk full')) }, throttle: new FailureThrottle() });
    const error = console.error;
    console.error = () => {};
    try {
      const { status, code, rows } = await entriesOf(() => broken.request('/api/admin/users', { headers: { cookie: officer.cookie } }));
      expect([status, code]).toEqual([403, 'forbidden']);
      expect(rows).toEqual([]);
    } finally {
      console.error = error;
    }
  });

  it('a flood of the same refusal is one entry per window, the next one counting the repeats', async () => {
    const flooding = createApp({ ...t.deps, config: { ...t.config, AUDIT_REPEAT_WINDOW_MS: 400 }, throttle: new FailureThrottle() });
    const chief = await signIn(flooding, 'demo-township');
    const other = '/api/villages?township=430421111';
    const { rows } = await entriesOf(async () => {
      for (let i = 0; i < 30; i++) await chief.request(other);
      await new Promise((r) => setTimeout(r, 450));
      return chief.request(other);
    });
    const denied = rows.filter((r) => r.action === 'access.denied');
    expect(denied).toHaveLength(2);
    expect(denied[0]!.detail).toEqual({ code: 'out_of_scope' });
    expect(denied[1]!.detail).toEqual({ code: 'out_of_scope', repeated: 29 });
  });
});
