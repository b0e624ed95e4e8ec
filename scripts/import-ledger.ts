/**
 * npm run import:ledger -- FILE.xlsx|FILE.csv [--kind disputes|visits] [--township CODE] [--dry-run]
 * Imports a township ledger (矛盾纠纷 or 走访 台账), all or nothing, and prints the row-by-row
 * report. Goes through the running server's API when a server holds the embedded database,
 * else straight to the database. Exits 1 when the ledger is rejected or cannot be read.
 */

import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { audit } from '../api/audit.ts';
import { type Config, loadConfig } from '../api/config.ts';
import { SYSTEM } from '../api/db/types.ts';
import { AppError } from '../api/errors.ts';
import { LEDGER_KINDS, type LedgerKind } from '../api/imports/ledger/columns.ts';
import { importLedger } from '../api/imports/ledger/import.ts';
import { readLedgerInWorker } from '../api/imports/ledger/read-in-worker.ts';
import { formatReport, type LedgerReport } from '../api/imports/ledger/report.ts';
import { analyzeAfterImport } from '../api/imports/ledger/write.ts';
import { importLimitsOf } from '../api/imports/limits.ts';
import { viaServerOrDb } from './cli-api.ts';
import { cliArgs, UsageError } from './cli-args.ts';

const USAGE = 'usage: npm run import:ledger -- FILE.xlsx|FILE.csv [--kind disputes|visits] [--township 430421110] [--dry-run]';

export interface LedgerCliArgs {
  file: string;
  kind: LedgerKind | null;
  township: string | null;
  dryRun: boolean;
}

/** The server answered with an error other than a rejection report (bad query, file too large...). */
class ServerRefusedError extends Error {}

/** The command line, or null for --help. */
export function parseLedgerArgs(argv: readonly string[]): LedgerCliArgs | null {
  const { values, positionals } = cliArgs(argv, USAGE, { kind: { type: 'string' }, township: { type: 'string' }, 'dry-run': { type: 'boolean' } }, true);
  if (values.help) return null;
  const { kind, township } = values;
  if (kind !== undefined && !(LEDGER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be disputes or visits, not "${kind}"`, USAGE);
  if (township !== undefined && !/^\d{9}$/.test(township)) throw new UsageError(`--township must be a 9-digit township code, not "${township}"`, USAGE);
  if (positionals.length > 1) throw new UsageError(`one file at a time (got ${positionals.join(' and ')})`, USAGE);
  if (!positionals[0]) throw new UsageError('which file?', USAGE);
  return { file: positionals[0], kind: (kind as LedgerKind | undefined) ?? null, township: township ?? null, dryRun: values['dry-run'] ?? false };
}

const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
};

/** The report, or the reason the server refused the file (a 4xx other than a rejection). */
async function viaApi(base: string, auth: Record<string, string>, args: LedgerCliArgs, bytes: Uint8Array<ArrayBuffer>, fileName: string): Promise<LedgerReport> {
  const q = new URLSearchParams({ fileName, dryRun: String(args.dryRun) });
  if (args.kind) q.set('kind', args.kind);
  if (args.township) q.set('township', args.township);
  const res = await fetch(`${base}/api/imports/ledger?${q}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream' },
    body: bytes,
  });
  const body = (await res.json()) as { report?: LedgerReport; error?: { message: string } } & Partial<LedgerReport>;
  if (res.status === 200) return body as LedgerReport;
  if (res.status === 422 && body.report) return body.report;
  throw new ServerRefusedError(`the server refused the file (${res.status}): ${body.error?.message ?? 'no message'}`);
}

/** Runs the CLI; returns the exit status (0 imported, valid dry run or --help; 1 rejected or failed; 2 usage). */
export async function runLedgerCli(argv: readonly string[], config: Config, print: (line: string) => void = console.log): Promise<number> {
  let args: LedgerCliArgs | null;
  try {
    args = parseLedgerArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    print(`import:ledger: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (!args) {
    print(USAGE);
    return 0;
  }
  const fileName = path.basename(args.file);
  const bytes = new Uint8Array(await readFile(args.file));
  const now = config.APP_NOW ? new Date(config.APP_NOW) : new Date();
  try {
    const report = await viaServerOrDb(config, {
      api: (base, auth) => viaApi(base, auth, args, bytes, fileName),
      db: async (db) => {
        // Read as the server reads an upload: in a worker, under the configured import limits.
        const parsed = await readLedgerInWorker(bytes.slice(), importLimitsOf(config));
        const input = { bytes, parsed, fileName, kind: args.kind, townshipCode: args.township, dryRun: args.dryRun, now };
        if (args.dryRun) return db.read(SYSTEM, (h) => importLedger(h, input));
        const r = await db.write(SYSTEM, async (h) => {
          const r = await importLedger(h, input);
          // Directly on the database, the audit entry names the operating-system user.
          if (r.applied)
            await audit(h, {
              actor: `cli:${userInfo().username}`,
              role: 'admin',
              action: 'import.ledger',
              target: `import_batch:${r.batchId}`,
              detail: { fileName, kind: r.kind, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates },
            });
          return r;
        });
        if (r.applied && r.inserted > 0) await db.write(SYSTEM, (h) => analyzeAfterImport(h, r.kind));
        return r;
      },
    });
    print(formatReport(report));
    return report.errorCount > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof AppError || e instanceof ServerRefusedError)) throw e;
    print(`import:ledger: ${fileName}: ${e.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runLedgerCli(process.argv.slice(2), loadConfig()).then(
    (status) => process.exit(status),
    (e: unknown) => {
      console.error(`import:ledger: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
