/**
 * npm run import:boundaries -- FILE [--level village|township] [--crs gcj02|EPSG:n] [--dry-run] [--subset] [--json]
 * Replaces village or township boundaries with real ones from a GeoJSON or zipped shapefile.
 * Goes through the running server's API when a server holds the embedded database, else
 * straight to the database; says which. Exits 1 when the file is rejected (nothing changed).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { audit } from '../api/audit.ts';
import { loadConfig } from '../api/config.ts';
import { SYSTEM } from '../api/db/types.ts';
import { importBoundaryFile } from '../api/imports/boundaries/import.ts';
import type { FileFormat } from '../api/imports/boundaries/read-file.ts';
import { type BoundaryImportReport, formatReport, isRejected } from '../api/imports/boundaries/report.ts';
import { importLimitsOf } from '../api/imports/limits.ts';
import { viaServerOrDb } from './cli-api.ts';
import { cliArgs, UsageError } from './cli-args.ts';

const USAGE = 'usage: npm run import:boundaries -- FILE.(zip|geojson|json) [--level village|township] [--crs gcj02|EPSG:4490] [--dry-run] [--subset] [--json]';

interface Args {
  file: string;
  level?: 'village' | 'township';
  crs?: string;
  dryRun: boolean;
  subset: boolean;
  json: boolean;
}

function parseCliArgs(argv: string[]): Args | null {
  const { values, positionals } = cliArgs(
    argv,
    USAGE,
    { level: { type: 'string' }, crs: { type: 'string' }, 'dry-run': { type: 'boolean' }, subset: { type: 'boolean' }, json: { type: 'boolean' } },
    true,
  );
  if (values.help) return null;
  const level = values.level;
  if (level !== undefined && level !== 'village' && level !== 'township') throw new UsageError(`--level must be village or township, not "${level}"`, USAGE);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one file at a time (got ${positionals.join(', ')})` : 'which file?', USAGE);
  return { file: positionals[0]!, level, crs: values.crs, dryRun: values['dry-run'] ?? false, subset: values.subset ?? false, json: values.json ?? false };
}

function formatOfName(file: string): FileFormat {
  if (/\.zip$/i.test(file)) return 'zip';
  if (/\.(geo)?json$/i.test(file)) return 'geojson';
  throw new UsageError(`${file}: expected a .zip (zipped shapefile), .geojson or .json file`, USAGE);
}

const CONTENT_TYPE: Record<FileFormat, string> = { zip: 'application/zip', geojson: 'application/geo+json' };

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const format = formatOfName(args.file);
  const bytes = new Uint8Array(readFileSync(args.file));
  const fileName = path.basename(args.file);
  const opts = { fileName, level: args.level, crs: args.crs, dryRun: args.dryRun, subset: args.subset };

  const report = await viaServerOrDb<BoundaryImportReport>(loadConfig(), {
    api: async (base, auth) => {
      const params = new URLSearchParams({ fileName, dryRun: String(args.dryRun), subset: String(args.subset) });
      if (args.level) params.set('level', args.level);
      if (args.crs) params.set('crs', args.crs);
      const res = await fetch(`${base}/api/imports/boundaries?${params}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': CONTENT_TYPE[format] },
        body: bytes,
      });
      const body = (await res.json().catch(() => null)) as { report?: BoundaryImportReport; error?: { message?: string } } | null;
      if (res.status === 200) return body as BoundaryImportReport;
      if (res.status === 422 && body?.report) return body.report;
      throw new Error(`the server answered ${res.status}: ${body?.error?.message ?? res.statusText}`);
    },
    db: (db) =>
      importBoundaryFile(db, SYSTEM, bytes, format, {
        ...opts,
        limits: importLimitsOf(loadConfig()),
        // Directly on the database, the audit entry names the operating-system user.
        onApplied: (h, r) =>
          audit(h, {
            actor: `cli:${userInfo().username}`,
            role: 'admin',
            action: 'import.boundaries',
            target: `import_batch:${r.batchId}`,
            detail: { fileName: r.fileName, level: r.level, matched: r.matched.length },
          }),
      }),
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return isRejected(report) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`import:boundaries: ${e instanceof Error ? e.message : e}`);
    if (e instanceof UsageError) console.error(USAGE);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
