import { describe, expect, it, vi } from 'vitest';
import { ledgerReport, rowError } from './test-reports.ts';
import { contentTypeFor, templateHref, type UploadRequest, uploadLedger } from './upload-ledger.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('contentTypeFor', () => {
  it.each<[string, string, string]>([
    ['台账.xlsx', '', XLSX],
    ['台账.XLSX', 'application/octet-stream', XLSX],
    ['visits.csv', '', 'text/csv'],
    // Windows with Excel installed labels .csv as an Excel file
    ['visits.csv', 'application/vnd.ms-excel', 'text/csv'],
    ['ledger.txt', 'text/plain', 'text/plain'],
    ['ledger', '', 'application/octet-stream'],
  ])('%s (%j) -> %s', (name, type, expected) => expect(contentTypeFor({ name, type })).toBe(expected));
});

describe('templateHref', () => {
  it.each<[Parameters<typeof templateHref>, string]>([
    [['disputes', null], '/api/imports/ledger/template?kind=disputes'],
    [['visits', '430421110'], '/api/imports/ledger/template?kind=visits&township=430421110'],
  ])('%j -> %s', (args, href) => expect(templateHref(...args)).toBe(href));
});

describe('uploadLedger', () => {
  const req: UploadRequest = { file: new File(['走访日期\n'], '界牌镇 走访.csv'), kind: 'visits', township: '430421110', dryRun: true };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('posts the raw file with its content type and the query the API expects', async () => {
    const fetchImpl = vi.fn(async () => json(200, ledgerReport()));
    await uploadLedger(req, fetchImpl as unknown as typeof fetch);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    const u = new URL(url, 'http://x');
    expect(u.pathname).toBe('/api/imports/ledger');
    expect(Object.fromEntries(u.searchParams)).toEqual({ kind: 'visits', dryRun: 'true', fileName: '界牌镇 走访.csv', township: '430421110' });
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'text/csv' });
    expect(init.body).toBe(req.file);
  });

  it.each<[string, () => Promise<Response>, unknown]>([
    ['200: the report', async () => json(200, ledgerReport({ inserted: 4 })), { kind: 'ok', report: ledgerReport({ inserted: 4 }) }],
    [
      '422: rejected with its rows',
      async () =>
        json(422, {
          error: { code: 'import_rejected', message: '1 problem in x.csv; nothing was imported' },
          report: ledgerReport({ errors: [rowError()], errorCount: 1, inserted: 0 }),
        }),
      { kind: 'rejected', message: '1 problem in x.csv; nothing was imported', report: ledgerReport({ errors: [rowError()], errorCount: 1, inserted: 0 }) },
    ],
    [
      '413: too large',
      async () => json(413, { error: { code: 'payload_too_large', message: 'the file is larger than 10 MiB' } }),
      { kind: 'error', status: 413, code: 'payload_too_large', message: 'the file is larger than 10 MiB' },
    ],
    ['502 without JSON', async () => new Response('<html>bad gateway</html>', { status: 502 }), { kind: 'error', status: 502, code: 'http', message: 'HTTP 502' }],
    [
      'connection lost',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      { kind: 'error', status: 0, code: 'network', message: 'Failed to fetch' },
    ],
  ])('%s', async (_name, respond, outcome) => {
    expect(await uploadLedger(req, vi.fn(respond) as unknown as typeof fetch)).toEqual(outcome);
  });
});
