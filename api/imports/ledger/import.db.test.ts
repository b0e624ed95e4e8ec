import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handle } from '../../db/index.ts';
import { SYSTEM } from '../../db/types.ts';
import { rolledBack } from '../../test/rollback.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { importLedger } from './import.ts';
import { LOCATION_NOTE } from './report.ts';
import { ledgerFootprint, ledgerInput } from './test-support.ts';

let t: TestDb;
let before: Awaited<ReturnType<typeof ledgerFootprint>>;
beforeAll(async () => {
  t = await testDb();
  before = await t.db.read(SYSTEM, ledgerFootprint);
});
afterAll(async () => {
  // Every import here ran in a rolled-back transaction: the shared database is as it was.
  expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
});

const ledgerDisputes = (h: Handle) =>
  h.query<Record<string, unknown>>(
    `SELECT d.id, d.category, d.channel, d.status, d.village_code, d.received_at, d.mediation_started_at, d.concluded_at,
            d.mediator, d.party_name, d.party_phone, d.summary, d.source, ST_Equals(d.geom, v.label_point) AS at_label
       FROM dispute d JOIN village v ON v.code = d.village_code
      WHERE d.client_id LIKE 'ledger:%' ORDER BY d.received_at`,
  );
const iso = (v: unknown) => new Date(v as string).toISOString();

describe(`ledger import core (${backend})`, () => {
  it('imports a good disputes ledger: synonyms, date forms, lifecycle timestamps, label points, one batch', async () => {
    const { report, rows, batches } = await rolledBack(t.db, async (h) => {
      const report = await importLedger(h, ledgerInput('disputes-good.xlsx', t.now));
      return { report, rows: await ledgerDisputes(h), batches: await h.query(`SELECT kind, file_name, rows, inserted, skipped FROM import_batch WHERE kind LIKE 'ledger-%'`) };
    });
    expect(report).toMatchObject({ kind: 'disputes', rows: 5, errorCount: 0, inserted: 5, duplicates: 0, applied: true, ignoredColumns: ['序号'] });
    expect(report.file).toMatchObject({ format: 'xlsx', sheet: '矛盾纠纷台账' });
    expect(report.notes).toContain(LOCATION_NOTE);
    expect(batches).toEqual([{ kind: 'ledger-disputes', file_name: 'disputes-good.xlsx', rows: 5, inserted: 5, skipped: 0 }]);
    expect(rows.map((r) => [r.village_code, r.category, r.channel, r.status])).toEqual([
      ['430421110200', '婚姻家庭', '人民调解委员会', '调解成功'],
      ['430421110201', '邻里纠纷', '综治中心', '调处中'],
      ['430421110203', '劳资', '人民调解委员会', '受理'],
      ['430421111200', '合同债务', '人民调解委员会', '移交诉讼'],
      ['430421110004', '山林权属', '好人调解室', '调解失败'],
    ]);
    for (const r of rows) expect(r).toMatchObject({ source: 'ledger', at_label: true, id: expect.stringMatching(/^DS\d{7}$/) });
    const [first, mediating, received, withTime] = rows;
    expect(iso(first!.received_at)).toBe('2025-03-01T01:00:00.000Z'); // 09:00 Asia/Shanghai
    expect(iso(first!.mediation_started_at)).toBe(iso(first!.received_at));
    expect(iso(first!.concluded_at)).toBe('2025-03-04T09:00:00.000Z'); // 17:00 Asia/Shanghai
    expect(first).toMatchObject({ mediator: '王明', party_name: '张某某', party_phone: '13907341234', summary: '夫妻因赡养老人发生争执' });
    expect(iso(mediating!.mediation_started_at)).toBe('2025-03-05T01:00:00.000Z');
    expect(mediating).toMatchObject({ concluded_at: null, party_phone: '0734-8123456' });
    expect(received).toMatchObject({ mediation_started_at: null, concluded_at: null, mediator: null });
    expect(iso(withTime!.received_at)).toBe('2025-04-02T06:30:00.000Z'); // the 14:30 the cell gives
  });

  it('imports a good visits ledger (UTF-8 CSV): officers by name or id, kind synonyms, 走访 by default', async () => {
    const { report, rows } = await rolledBack(t.db, async (h) => ({
      report: await importLedger(h, ledgerInput('visits-good.csv', t.now)),
      rows: await h.query(`SELECT officer_id, village_code, kind, visited_at, source FROM visit WHERE client_id LIKE 'ledger:%' ORDER BY visited_at`),
    }));
    expect(report).toMatchObject({ kind: 'visits', rows: 5, inserted: 5, applied: true, file: { format: 'csv', encoding: 'utf-8' } });
    expect(rows.map((r) => [r.officer_id, r.village_code, r.kind])).toEqual([
      ['OF0220', '430421110200', '走访'],
      ['OF0221', '430421110201', '法治宣讲'],
      ['OF0222', '430421110203', '矛盾排查'],
      ['OF0234', '430421111200', '法治电影放映'],
      ['OF0216', '430421110004', '走访'],
    ]);
    expect(iso(rows[0]!.visited_at)).toBe('2025-06-01T01:00:00.000Z');
  });

  it('finds villages by code without a township, and by display or NBS name with the township as name, code or short name', async () => {
    const { report, rows } = await rolledBack(t.db, async (h) => ({
      report: await importLedger(h, ledgerInput('disputes-names-vs-codes.csv', t.now)),
      rows: await ledgerDisputes(h),
    }));
    expect(report).toMatchObject({ errorCount: 0, inserted: 4, file: { encoding: 'utf-8-bom' } });
    expect(rows.map((r) => r.village_code)).toEqual(['430421110200', '430421110201', '430421110203', '430421111200']);
  });

  it('reads a GBK CSV (what Excel writes on a Chinese Windows)', async () => {
    const report = await rolledBack(t.db, (h) => importLedger(h, ledgerInput('visits-gbk.csv', t.now)));
    expect(report).toMatchObject({ kind: 'visits', rows: 2, errorCount: 0, inserted: 2, file: { encoding: 'gbk' } });
  });

  it('rejects a file with bad rows whole: one entry per problem, at the Excel row and header, nothing written', async () => {
    const { report, footprint } = await rolledBack(t.db, async (h) => ({
      report: await importLedger(h, ledgerInput('disputes-bad-rows.xlsx', t.now)),
      footprint: await ledgerFootprint(h),
    }));
    expect(report).toMatchObject({ rows: 6, errorCount: 4, inserted: 0, applied: false, batchId: null });
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, '受理日期', '2025-13-01'],
      [4, '纠纷类型', '打架斗殴'],
      [5, '村(社区)', '银西村'],
      [6, '办结日期', '2025-03-01'],
    ]);
    expect(report.errors[2]!.expected).toMatch(/银溪村/);
    expect(report.errors[3]!.problem).toMatch(/早于受理日期 2025-03-10/);
    expect(footprint).toEqual(before);
  });

  it('rejects a ledger without a required column once, at the header row', async () => {
    const report = await rolledBack(t.db, (h) => importLedger(h, ledgerInput('disputes-missing-column.csv', t.now)));
    expect(report.kind).toBe('disputes');
    expect(report.errors).toEqual([{ row: 1, column: '纠纷类型', value: '', problem: '缺少此列', expected: expect.stringContaining('纠纷类型') }]);
  });

  it('re-importing the same file inserts nothing and counts every row as a duplicate', async () => {
    const [first, second, footprint] = await rolledBack(
      t.db,
      async (h) =>
        [await importLedger(h, ledgerInput('disputes-good.xlsx', t.now)), await importLedger(h, ledgerInput('disputes-good.xlsx', t.now)), await ledgerFootprint(h)] as const,
    );
    expect(first).toMatchObject({ inserted: 5, duplicates: 0 });
    expect(second).toMatchObject({ inserted: 0, duplicates: 5, applied: true });
    expect(second.batchId).toBeGreaterThan(first.batchId!);
    expect(footprint).toEqual({ ...before, disputes: before.disputes + 5, batches: before.batches + 2 });
  });

  it('a dry run reports what it would insert and writes nothing', async () => {
    const { dry, footprint, afterImport } = await rolledBack(t.db, async (h) => {
      const dry = await importLedger(h, ledgerInput('visits-good.csv', t.now, { dryRun: true }));
      const footprint = await ledgerFootprint(h);
      await importLedger(h, ledgerInput('visits-good.csv', t.now));
      return { dry, footprint, afterImport: await importLedger(h, ledgerInput('visits-good.csv', t.now, { dryRun: true })) };
    });
    expect(dry).toMatchObject({ applied: false, dryRun: true, inserted: 5, duplicates: 0, batchId: null });
    expect(footprint).toEqual(before);
    expect(afterImport).toMatchObject({ inserted: 0, duplicates: 5, applied: false });
  });

  it('with a township chosen, rows of another township are errors', async () => {
    const report = await rolledBack(t.db, (h) => importLedger(h, ledgerInput('disputes-names-vs-codes.csv', t.now, { townshipCode: '430421111' })));
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '村社区'],
      [3, '乡镇'],
      [4, '乡镇'],
    ]);
  });
});
