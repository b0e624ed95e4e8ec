import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { audit, clientIp } from '../audit.ts';
import { allow, principalOf } from '../auth/middleware.ts';
import { townshipCode } from '../contract/case-filter.ts';
import { SYSTEM } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { LEDGER_KINDS } from '../imports/ledger/columns.ts';
import { importLedger } from '../imports/ledger/import.ts';
import { readLedgerInWorker } from '../imports/ledger/read-in-worker.ts';
import { attachmentDisposition, buildTemplate, TEMPLATE_FILE_NAMES, templateExample } from '../imports/ledger/template.ts';
import { analyzeAfterImport } from '../imports/ledger/write.ts';
import { clip, importLimitsOf } from '../imports/limits.ts';
import { type Deps, read, requireTownship, scoped, scopeOf } from './deps.ts';
import { validate } from './validation.ts';

/**
 * Township ledgers (Excel/CSV) for the web upload:
 * - `POST /?kind&township&dryRun&fileName` with the file as the body (raw, or multipart field
 *   `file`): 200 with the report, 422 `import_rejected` with the row-by-row report, 400 for an
 *   unreadable file, 413 `payload_too_large` over IMPORT_MAX_BYTES, 413 `import_limit` over another
 *   import limit (rows, cell length, unpacked size...), 422 `import_too_complex` past IMPORT_PARSE_TIMEOUT_MS;
 * - `GET /template?kind&township`: the .xlsx template with an example row that imports as is.
 */

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What browsers and curl send for .xlsx and .csv files (Windows labels .csv as vnd.ms-excel). */
const ACCEPTED_TYPES = [XLSX_TYPE, 'text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream', 'multipart/form-data'];

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const importQuery = z
  .object({
    kind: z.enum(LEDGER_KINDS).optional(),
    township: townshipCode.optional(),
    dryRun: flag.optional(),
    fileName: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

const templateQuery = z.object({ kind: z.enum(LEDGER_KINDS), township: townshipCode.optional() }).strict();

/** The uploaded bytes and their name, from a raw body or a multipart form's `file` field. */
async function uploadedFile(c: Context, fileName: string | undefined): Promise<{ bytes: Uint8Array; name: string }> {
  const type = (c.req.header('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new AppError(400, 'unsupported_file_type', `expected an .xlsx or .csv file (content-type ${XLSX_TYPE} or text/csv), got ${type}`);
  }
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody().catch(() => {
      throw new AppError(400, 'unreadable_file', 'the multipart form cannot be read');
    });
    const file = form.file;
    if (!(file instanceof File)) throw new AppError(400, 'unreadable_file', 'the form has no file field named "file"');
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: fileName ?? clip(file.name, 200) };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), name: fileName ?? 'upload' };
}

export function ledgerImportRoutes(deps: Deps) {
  const limit = bodyLimit({
    maxSize: deps.config.IMPORT_MAX_BYTES,
    onError: () => {
      throw new AppError(
        413,
        'payload_too_large',
        `the file is larger than ${Math.floor(deps.config.IMPORT_MAX_BYTES / 1024 / 1024)} MiB (IMPORT_MAX_BYTES); split the ledger into smaller files`,
      );
    },
  });

  return (
    new Hono()
      .get('/template', allow('admin', 'county', 'township'), validate('query', templateQuery), async (c) => {
        const q = scoped(c, c.req.valid('query'));
        const example = await read(deps, c, async (h) => {
          await requireTownship(h, q.township);
          return templateExample(h, q.township ?? null, deps.now());
        });
        const bytes = await buildTemplate(q.kind, example);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': XLSX_TYPE,
          'Content-Disposition': attachmentDisposition(TEMPLATE_FILE_NAMES[q.kind], `ledger-template-${q.kind}.xlsx`),
          'Cache-Control': 'no-store',
        });
      })
      // A chief imports their own township's ledgers only: the township is theirs, and rows naming
      // another township's places are refused (they cannot see them).
      .post('/', allow('admin', 'township'), limit, validate('query', importQuery), async (c) => {
        const q = scoped(c, c.req.valid('query'));
        const file = await uploadedFile(c, q.fileName);
        // Read off the request thread, under the import limits, before any transaction is opened.
        const parsed = await readLedgerInWorker(file.bytes, importLimitsOf(deps.config));
        const input = { bytes: file.bytes, parsed, fileName: file.name, kind: q.kind ?? null, townshipCode: q.township ?? null, dryRun: q.dryRun ?? false, now: deps.now() };
        // A dry run reads only; an import writes in one transaction, so a failure leaves nothing behind.
        const report = input.dryRun
          ? await deps.db.read(scopeOf(c), (h) => importLedger(h, input))
          : await deps.db.write(scopeOf(c), async (h) => {
              const r = await importLedger(h, input);
              if (r.applied) {
                const p = principalOf(c);
                const detail = { fileName: file.name, kind: r.kind, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates };
                await audit(h, { actor: p.username, role: p.role, action: 'import.ledger', target: `import_batch:${r.batchId}`, detail, ip: clientIp(c) });
              }
              return r;
            });
        if (report.applied && report.inserted > 0) await deps.db.write(SYSTEM, (h) => analyzeAfterImport(h, report.kind));
        if (report.errorCount > 0) {
          const message = `${report.errorCount} problem${report.errorCount === 1 ? '' : 's'} in ${file.name}; nothing was imported`;
          return c.json({ error: { code: 'import_rejected' as const, message }, report }, 422);
        }
        return c.json(report, 200);
      })
  );
}
