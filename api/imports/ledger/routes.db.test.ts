import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { SYSTEM } from '../../db/types.ts';
import { type SignedIn, signIn } from '../../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { COLUMNS, LEDGER_KINDS } from './columns.ts';
import type { LedgerReport } from './report.ts';
import { deleteLedgerRows, fixture, ledgerFootprint } from './test-support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestDb;
let app: SignedIn;
let before: Awaited<ReturnType<typeof ledgerFootprint>>;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-admin');
  // Start from no ledger rows: afterEach deletes every ledger row, so rows an earlier file left behind
  // would vanish and fail the footprint check below. On the throwaway PostgreSQL cluster (asynchronous
  // commit) a file's committed cleanup can be lost when the fault test's kill -9 forces crash recovery.
  await deleteLedgerRows(t.db);
  before = await t.db.read(SYSTEM, ledgerFootprint);
});
// These requests commit: delete what they wrote so the shared database is as it was.
afterEach(() => deleteLedgerRows(t.db));
afterAll(async () => expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before));

async function post(query: string, body: Uint8Array<ArrayBuffer> | FormData, type?: string, a = app) {
  const headers: Record<string, string> = type ? { 'content-type': type } : {};
  const res = await a.request(`/api/imports/ledger?${query}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe(`POST /api/imports/ledger (${backend})`, () => {
  it('imports a raw .xlsx body, then the same file again as duplicates, one batch each', async () => {
    // The planner's row estimate: refreshed by the ANALYZE that follows an import (no autovacuum on the embedded database).
    const estimate = async () => Number((await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'dispute'`)))[0]!.n);
    await t.db.write(SYSTEM, (h) => h.exec('ANALYZE dispute'));
    const estimated = await estimate();
    const first = await post('fileName=界牌镇台账.xlsx', fixture('disputes-good.xlsx'), XLSX);
    expect(first.status).toBe(200);
    expect(await estimate()).toBe(estimated + 5);
    expect(first.body as LedgerReport).toMatchObject({ kind: 'disputes', inserted: 5, duplicates: 0, applied: true, file: { name: '界牌镇台账.xlsx' } });
    const again = await post('fileName=界牌镇台账.xlsx', fixture('disputes-good.xlsx'), XLSX);
    expect(again.body).toMatchObject({ inserted: 0, duplicates: 5, applied: true });
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual({ ...before, disputes: before.disputes + 5, batches: before.batches + 2 });
  });

  it('answers a file with bad rows with 422 import_rejected and the row report, writing nothing', async () => {
    const r = await post('', fixture('disputes-bad-rows.xlsx'), XLSX);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'import_rejected', message: expect.stringMatching(/4 problems.*nothing was imported/) });
    expect(r.body.report.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6]);
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('a dry run validates and counts without writing; kind and township can be given', async () => {
    const r = await post('dryRun=true&kind=visits&township=430421110', fixture('visits-gbk.csv'), 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'visits', dryRun: true, applied: false, inserted: 2, batchId: null });
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('takes a multipart form upload, naming the import after the uploaded file', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture('visits-good.csv')], { type: 'text/csv' }), '六月走访.csv');
    const r = await post('', form);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'visits', inserted: 5, file: { name: '六月走访.csv' } });
  });

  it.each([
    ['an empty body', new Uint8Array(0), XLSX, 'unreadable_file'],
    ['a legacy .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/vnd.ms-excel', 'unreadable_file'],
    ['a damaged .xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), XLSX, 'unreadable_file'],
    ['binary bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 'application/octet-stream', 'unreadable_file'],
    ['a CSV that is no ledger', new TextEncoder().encode('name,age\nA,3\n'), 'text/csv', 'unrecognised_ledger'],
    ['JSON', new TextEncoder().encode('{"rows":[]}'), 'application/json', 'unsupported_file_type'],
  ])('answers %s with a 400 JSON error', async (_what, bytes, type, code) => {
    const r = await post('', bytes as Uint8Array<ArrayBuffer>, type);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code, message: expect.any(String) });
  });

  it.each(['kind=hazards', 'township=4304211', 'township=430421999', 'dryRun=maybe', 'sheet=1'])('refuses the query %s with a 400', async (q) => {
    const r = await post(q, fixture('visits-good.csv'), 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });

  it('answers a body over IMPORT_MAX_BYTES with 413, announced or streamed', async () => {
    const small = await signIn(createApp({ ...t.deps, config: { ...t.config, IMPORT_MAX_BYTES: 1024 } }), 'demo-admin');
    const big = new Uint8Array(4096).fill(0x41);
    const announced = await small.request('/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': '4096' }, body: big });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const stream = new ReadableStream({
      start: (c) => {
        c.enqueue(big);
        c.close();
      },
    });
    const streamed = await small.request('/api/imports/ledger', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});

describe(`GET /api/imports/ledger/template (${backend})`, () => {
  it.each(LEDGER_KINDS)('the %s template: a named download, the headers, a 填写说明 sheet, and an example row that imports', async (kind) => {
    const res = await app.request(`/api/imports/ledger/template?kind=${kind}&township=430421111`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const disposition = res.headers.get('content-disposition')!;
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!;
    expect(disposition).toMatch(/^attachment; filename="ledger-template-\w+\.xlsx"/);
    expect(decodeURIComponent(encoded)).toBe(kind === 'disputes' ? '矛盾纠纷台账模板.xlsx' : '走访台账模板.xlsx');
    const bytes = new Uint8Array(await res.arrayBuffer());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([kind === 'disputes' ? '矛盾纠纷台账' : '走访台账', '填写说明']);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(COLUMNS[kind].map((c) => c.header));
    expect(wb.worksheets[0]!.actualRowCount).toBe(2);
    const help = wb.getWorksheet('填写说明')!;
    for (const c of COLUMNS[kind]) {
      const row = help.getRows(2, COLUMNS[kind].length)!.find((r) => r.getCell(1).value === c.header);
      expect(row, c.header).toBeDefined();
      expect(String(row!.getCell(2).value)).toMatch(/必填|选填|至少/);
      if (c.allowed) for (const v of c.allowed) expect(String(row!.getCell(3).value)).toContain(v);
    }

    const r = await post('dryRun=true', bytes, XLSX);
    expect(r.status, JSON.stringify(r.body.report?.errors)).toBe(200);
    expect(r.body).toMatchObject({ kind, rows: 1, errorCount: 0, inserted: 1 });
  });

  it('refuses a missing or unknown kind and an unknown township', async () => {
    for (const q of ['', 'kind=hazards', 'kind=visits&township=430421999']) {
      const res = await app.request(`/api/imports/ledger/template?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
