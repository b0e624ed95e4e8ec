import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { importText } from './messages.ts';
import type { LedgerReport } from './upload-ledger.ts';

/** A rejected file's problems, row by row, as the clerk finds them in Excel (header = row 1). */
export function RejectedReport({ report }: { report: LedgerReport }) {
  const { num } = useI18n();
  const it = useLocalText(importText);
  return (
    <div className="import-result rejected" role="alert" data-testid="import-rejected">
      <p>
        <b>{it('rejected', { n: num(report.errorCount) })}</b>
      </p>
      <div className="import-errors-wrap">
        <table className="import-errors" data-testid="import-errors">
          <thead>
            <tr>
              <th>{it('colRow')}</th>
              <th>{it('colColumn')}</th>
              <th>{it('colValue')}</th>
              <th>{it('colProblem')}</th>
              <th>{it('colExpected')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the report is shown as received and never reordered, and one cell can have several problems, so no field is unique
              <tr key={i}>
                <td className="num">{e.row}</td>
                <td>{e.column}</td>
                <td className="value">{e.value}</td>
                <td>{e.problem}</td>
                <td>{e.expected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.errorCount > report.errors.length && <p className="muted small">{it('moreErrors', { shown: num(report.errors.length), n: num(report.errorCount) })}</p>}
    </div>
  );
}

/** A clean dry run or an applied import: how many rows, how many already there. */
export function AcceptedReport({ report }: { report: LedgerReport }) {
  const { num } = useI18n();
  const it = useLocalText(importText);
  const counts = { rows: num(report.rows), n: num(report.inserted), d: num(report.duplicates), batch: report.batchId ?? '—' };
  const headline = report.applied ? it('imported', counts) : report.inserted === 0 ? it('nothingNew', counts) : it('checkedOk', counts);
  return (
    <div className={`import-result ${report.applied ? 'applied' : 'checked'}`} role="status" data-testid={report.applied ? 'import-applied' : 'import-checked'}>
      <p>
        <b>{headline}</b>
      </p>
      {report.ignoredColumns.length > 0 && <p className="muted small">{it('ignoredColumns', { cols: report.ignoredColumns.join('、') })}</p>}
      <SkippedRows report={report} />
      {report.inserted > 0 && <p className="muted small">{it('locationNote')}</p>}
    </div>
  );
}

const SKIPPED_KEY = { total: 'skippedTotal', signature: 'skippedSignature', note: 'skippedNote' } as const;

/** Totals, signature lines and notes the import passed over, so the clerk sees none was taken for a case. */
function SkippedRows({ report }: { report: LedgerReport }) {
  const { num } = useI18n();
  const it = useLocalText(importText);
  const skipped = report.skipped ?? [];
  if (skipped.length === 0) return null;
  const rows = skipped.map((r) => `${it(SKIPPED_KEY[r.kind], { row: num(r.row) })}（${r.text}）`).join('；');
  return (
    <p className="muted small" data-testid="import-skipped">
      {it('skippedRows', { n: num(skipped.length), rows })}
    </p>
  );
}
