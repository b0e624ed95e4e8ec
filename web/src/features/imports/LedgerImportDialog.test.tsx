import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/session.ts';
import { renderApp } from '../../test/harness.tsx';
import { LedgerImportButton } from './LedgerImportButton.tsx';
import { ledgerReport, rowError } from './test-reports.ts';

interface Post {
  url: URL;
  init: RequestInit;
}

const townships = {
  type: 'FeatureCollection',
  meta: {},
  features: [{ type: 'Feature', id: '430421110', geometry: null, properties: { code: '430421110', name: '界牌镇' } }],
};

/** fetch for the dialog: config and townships for the form, the import endpoint answering `answer`. */
function stubFetch(answer: (url: URL) => Response) {
  const posts: Post[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), window.location.origin);
    if (url.pathname === '/api/config') return new Response('{}', { status: 404 });
    if (url.pathname === '/api/townships') return new Response(JSON.stringify(townships), { status: 200 });
    if (url.pathname === '/api/imports/ledger') {
      posts.push({ url, init });
      return answer(url);
    }
    return new Response('{}', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return posts;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const csv = () => new File(['走访日期,乡镇,村(社区),警号,走访形式\n2026-11-20,界牌镇,银溪村,OF0220,入户走访\n'], '走访.csv', { type: '' });

async function openAndChoose(url = '/?t=430421110') {
  const r = renderApp(<LedgerImportButton />, url);
  fireEvent.click(screen.getByTestId('ledger-import-open'));
  const dialog = screen.getByTestId('ledger-dialog');
  // the township list comes from the API: wait for it so the select keeps the view's township
  await within(dialog).findByRole('option', { name: '界牌镇' });
  fireEvent.click(within(dialog).getByLabelText('民警走访台账'));
  fireEvent.change(within(dialog).getByTestId('ledger-file'), { target: { files: [csv()] } });
  return { ...r, dialog };
}

describe('LedgerImportDialog', () => {
  it('offers the template of the chosen kind for the township in view', async () => {
    stubFetch(() => json(200, ledgerReport()));
    const { dialog } = await openAndChoose();
    expect(within(dialog).getByTestId('ledger-template').getAttribute('href')).toBe('/api/imports/ledger/template?kind=visits&township=430421110');
    expect(within(dialog).getByTestId('ledger-template').hasAttribute('download')).toBe(true);
    expect((within(dialog).getByTestId('ledger-township') as HTMLSelectElement).value).toBe('430421110');
  });

  it('checks first (dry run), then imports on confirmation and refreshes every query', async () => {
    setCsrfToken('csrf-upload');
    const posts = stubFetch((url) =>
      url.searchParams.get('dryRun') === 'true'
        ? json(
            200,
            ledgerReport({
              rows: 5,
              inserted: 4,
              duplicates: 1,
              ignoredColumns: ['序号'],
              skipped: [
                { row: 9, kind: 'total', text: '合计 共5件' },
                { row: 11, kind: 'signature', text: '制表人：张三' },
              ],
            }),
          )
        : json(200, ledgerReport({ rows: 5, inserted: 4, duplicates: 1, applied: true, dryRun: false, batchId: 7 })),
    );
    const { dialog, client } = await openAndChoose();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    expect(within(dialog).queryByTestId('ledger-confirm')).toBeNull(); // nothing to confirm before a check
    fireEvent.click(within(dialog).getByTestId('ledger-check'));
    const checked = await within(dialog).findByTestId('import-checked');
    expect(checked.textContent).toContain('5 行中可导入 4 行，1 行此前已导入');
    expect(checked.textContent).toContain('未导入的列：序号');
    expect(checked.textContent).toContain('已跳过 2 行非案件行：第 9 行 合计/小计（合计 共5件）；第 11 行 签字栏（制表人：张三）');
    expect(posts).toHaveLength(1);
    expect(Object.fromEntries(posts[0]!.url.searchParams)).toEqual({ kind: 'visits', dryRun: 'true', fileName: '走访.csv', township: '430421110' });
    // The session's fetch sends the content type and the CSRF token the API requires of uploads.
    expect(new Headers(posts[0]!.init.headers).get('content-type')).toBe('text/csv');
    expect(new Headers(posts[0]!.init.headers).get('x-csrf-token')).toBe('csrf-upload');
    expect(invalidate).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByTestId('ledger-confirm'));
    const applied = await within(dialog).findByTestId('import-applied');
    expect(applied.textContent).toContain('已导入 4 行，1 行此前已导入（批次 7）');
    expect(posts[1]!.url.searchParams.get('dryRun')).toBe('false');
    await waitFor(() => expect(invalidate).toHaveBeenCalled());
    expect(within(dialog).queryByTestId('ledger-confirm')).toBeNull(); // no second import of the same file
  });

  it('shows a rejected file row by row and offers no import', async () => {
    stubFetch(() =>
      json(422, {
        error: { code: 'import_rejected', message: '2 problems in 走访.csv; nothing was imported' },
        report: ledgerReport({
          inserted: 0,
          errorCount: 2,
          errors: [rowError(), rowError({ row: 4, column: '村(社区)', value: '银西村', problem: 'no such village in 界牌镇', expected: 'a village name or 12-digit code' })],
        }),
      }),
    );
    const { dialog } = await openAndChoose();
    fireEvent.click(within(dialog).getByTestId('ledger-check'));
    const rejected = await within(dialog).findByTestId('import-rejected');
    expect(rejected.textContent).toContain('发现 2 处问题，未导入任何数据');
    const rows = within(screen.getByTestId('import-errors')).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      [],
      ['3', '走访日期', '2025-13-01', 'not a date', 'a date like 2025-03-01'],
      ['4', '村(社区)', '银西村', 'no such village in 界牌镇', 'a village name or 12-digit code'],
    ]);
    expect(within(dialog).queryByTestId('ledger-confirm')).toBeNull();
  });

  it.each<[number, string, string]>([
    [413, 'payload_too_large', '文件过大'],
    [400, 'unreadable_file', '文件无法读取'],
  ])('says what a %i means, with the server’s words', async (status, code, meaning) => {
    stubFetch(() => json(status, { error: { code, message: `server says ${code}` } }));
    const { dialog } = await openAndChoose();
    fireEvent.click(within(dialog).getByTestId('ledger-check'));
    const error = await within(dialog).findByTestId('import-error');
    expect(error.textContent).toContain(meaning);
    expect(error.textContent).toContain(`server says ${code} (HTTP ${status})`);
  });

  it('a new file clears the last answer, and Escape closes the dialog', async () => {
    stubFetch(() => json(200, ledgerReport()));
    const { dialog } = await openAndChoose();
    fireEvent.click(within(dialog).getByTestId('ledger-check'));
    await within(dialog).findByTestId('import-checked');
    fireEvent.change(within(dialog).getByTestId('ledger-file'), { target: { files: [csv()] } });
    expect(within(dialog).queryByTestId('import-checked')).toBeNull();
    expect(within(dialog).queryByTestId('ledger-confirm')).toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('ledger-dialog')).toBeNull();
  });
});
