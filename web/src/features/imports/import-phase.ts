import type { LedgerReport, UploadOutcome } from './upload-ledger.ts';

/** Where the dialog stands: editing, waiting, or showing what the server said. */
export type ImportPhase =
  | { step: 'edit' }
  | { step: 'busy'; dryRun: boolean }
  | { step: 'checked'; report: LedgerReport }
  | { step: 'rejected'; report: LedgerReport }
  | { step: 'imported'; report: LedgerReport }
  | { step: 'error'; status: number; code: string; message: string };

/** The phase an answer leads to. A clean dry run with nothing new leaves nothing to confirm. */
export function phaseAfter(outcome: UploadOutcome, dryRun: boolean): ImportPhase {
  if (outcome.kind === 'error') return { step: 'error', status: outcome.status, code: outcome.code, message: outcome.message };
  if (outcome.kind === 'rejected') return { step: 'rejected', report: outcome.report };
  return dryRun ? { step: 'checked', report: outcome.report } : { step: 'imported', report: outcome.report };
}

export type ErrorMeaning = 'errorTooLarge' | 'errorUnreadable' | 'errorNetwork' | 'errorServer' | 'errorOther';

/** What an error means for the clerk, before the server's own words. */
export function errorMeaning(status: number, code: string): ErrorMeaning {
  if (status === 413) return 'errorTooLarge';
  if (status === 0 || code === 'network') return 'errorNetwork';
  if (status >= 500) return 'errorServer';
  if (status === 400 && (code === 'unreadable_file' || code === 'unsupported_file_type')) return 'errorUnreadable';
  return 'errorOther';
}

/** The confirm button shows only after a clean dry run that found rows to write. */
export const canConfirm = (phase: ImportPhase): boolean => phase.step === 'checked' && phase.report.inserted > 0;
