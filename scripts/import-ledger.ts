/**
 * npm run import:ledger -- FILE.xlsx|FILE.csv [--kind disputes|visits] [--township CODE] [--dry-run]
 * Imports a township ledger (矛盾纠纷 or 走访 台账), all or nothing, and prints the row-by-row
 * report. Goes through the running server's API when a server holds the embedded database,
 * else straight to the database. Exits 1 when the ledger is rejected or cannot be read.
 */
import { userInfo } from 'node:os';
import { audit } from '../api/audit.ts';
import { SYSTEM } from '../api/db/types.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../api/config.ts';
import { AppError } from '../api/errors.ts';
import { LEDGER_KINDS, type LedgerKind } from '../api/imports/ledger/columns.ts';
import { importLedger } from '../api/imports/ledger/import.ts';
import { analyzeAfterImport } from '../api/imports/ledger/write.ts';
import { readLedgerInWorker } from '../api/imports/ledger/read-in-worker.ts';
import { importLimitsOf } from '../api/imports/limits.ts';
import { formatReport, type LedgerReport } from '../api/imports/ledger/report.ts';
import { viaServerOrDb } from './cli-api.ts';

const USAGE = 'usage: npm run import:ledger -- FILE.xlsx|FILE.csv [--kind disputes|visits] [--township 430421110] [--dry-run]';

export interface LedgerCliArgs {
  file: string;
  kind: LedgerKind | null;
  township: string | null;
  dryRun: boolean;
}

class UsageError extends Error {}
/** The server answered with an error other than a rejection report (bad query, file too large...). */
class ServerRefusedError extends Error {}

export function parseLedgerArgs(argv: readonly string[]): LedgerCliArgs {
  const out: LedgerCliArgs = { file: '', kind: null, township: null, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--dry-run') out.dryRun = true;
    else if (name === '--kind') {
      const k = value();
      if (!(LEDGER_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be disputes or visits, not "${k}"`);
      out.kind = k as LedgerKind;
    } else if (name === '--township') {
      out.township = value();
      if (!/^\d{9}$/.test(out.township)) throw new UsageError(`--township must be a 9-digit township code, not "${out.township}"`);
    } else if (name.startsWith('--')) throw new UsageError(`unknown option ${name}`);
    else if (out.file) throw new UsageError(`one file at a time (got ${out.file} and ${argv[i]})`);
    else out.file = argv[i]!;
  }
  if (!out.file) throw new UsageError('which file?');
  return out;
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

/** Runs the CLI; returns the exit status (0 imported or valid dry run, 1 rejected or failed, 2 usage). */
export async function runLedgerCli(argv: readonly string[], config: Config, print: (line: string) => void = console.log): Promise<number> {
  let args: LedgerCliArgs;
  try {
    args = parseLedgerArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    print(`import:ledger: ${e.message}\n${USAGE}`);
    return 2;
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
          if (r.applied) await audit(h, { actor: `cli:${userInfo().username}`, role: 'admin', action: 'import.ledger', target: `import_batch:${r.batchId}`, detail: { fileName, kind: r.kind, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates } });
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
