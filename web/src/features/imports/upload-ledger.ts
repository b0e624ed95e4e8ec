import { api } from '../../api/client.ts';
import { sessionFetch } from '../../api/session.ts';
import type { LedgerKind, LedgerReport, RowError } from '../../api/types.ts';

export type { LedgerKind, LedgerReport, RowError };

/**
 * The one place the web sends a ledger file. The typed client builds the addresses; the upload
 * itself is a raw fetch because the body is the file's bytes, which the client cannot express.
 */
export type UploadOutcome =
  | { kind: 'ok'; report: LedgerReport }
  | { kind: 'rejected'; report: LedgerReport; message: string }
  | { kind: 'error'; status: number; code: string; message: string };

export interface UploadRequest {
  file: File;
  kind: LedgerKind;
  township: string | null;
  dryRun: boolean;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The content type to send. Browsers label .csv inconsistently ('' on some systems,
 * application/vnd.ms-excel on Windows with Excel installed), so the extension decides.
 */
export function contentTypeFor(file: Pick<File, 'name' | 'type'>): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return file.type || 'application/octet-stream';
}

/** Where the template of a kind downloads from (same origin, so a plain link with `download` works). */
export function templateHref(kind: LedgerKind, township: string | null): string {
  const url = api.api.imports.ledger.template.$url({ query: { kind, township: township ?? undefined } });
  return `${url.pathname}${url.search}`;
}

function uploadUrl({ file, kind, township, dryRun }: UploadRequest): string {
  const url = api.api.imports.ledger.$url({ query: { kind, dryRun: dryRun ? 'true' : 'false', fileName: file.name, township: township ?? undefined } });
  return `${url.pathname}${url.search}`;
}

type ErrorBody = { error?: { code?: string; message?: string }; report?: LedgerReport };

/**
 * Sends the file; never throws: every answer, including a lost connection, is an outcome. Through
 * the session's fetch, which adds the CSRF token the API requires of every upload.
 */
export async function uploadLedger(req: UploadRequest, fetchImpl: typeof fetch = sessionFetch): Promise<UploadOutcome> {
  let res: Response;
  try {
    res = await fetchImpl(uploadUrl(req), { method: 'POST', headers: { 'content-type': contentTypeFor(req.file) }, body: req.file });
  } catch (e) {
    return { kind: 'error', status: 0, code: 'network', message: e instanceof Error ? e.message : String(e) };
  }
  const body = (await res.json().catch(() => null)) as (LedgerReport & ErrorBody) | null;
  if (res.ok && body) return { kind: 'ok', report: body };
  if (res.status === 422 && body?.report) return { kind: 'rejected', report: body.report, message: body.error?.message ?? '' };
  return { kind: 'error', status: res.status, code: body?.error?.code ?? 'http', message: body?.error?.message ?? `HTTP ${res.status}` };
}
