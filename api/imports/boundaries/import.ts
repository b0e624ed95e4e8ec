import { createHash } from 'node:crypto';
import type { Db, Handle, Scope } from '../../db/index.ts';
import { clip, DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits.ts';
import { detectFields, detectLevel, type Level, normaliseCode, normaliseName } from './attributes.ts';
import { prepareBoundary } from './geometry-db.ts';
import { checkGeometry } from './geometry-input.ts';
import { type FeatureKey, matchFeatures, type Unit, type Unmatched } from './match.ts';
import type { FileFormat, ParsedFile } from './read-file.ts';
import { readBoundaryInWorker } from './read-in-worker.ts';
import { type BoundaryImportReport, isRejected } from './report.ts';
import { resolveCrs } from './resolve-crs.ts';

export interface BoundaryImportOptions {
  fileName: string;
  /** Absent: detected from the codes (12 digits: villages, 9: townships). */
  level?: Level;
  /** `gcj02` or `EPSG:n`; overrides what the file declares. */
  crs?: string;
  dryRun: boolean;
  /** Import the features that match and leave out those that match nothing (listed as unmatched); default: refuse the file. */
  subset?: boolean;
  /** The import limits; absent: the documented defaults. */
  limits?: ImportLimits;
  /** Move the bytes' buffer to the parse worker instead of copying it (the caller is done with them). */
  moveBytes?: boolean;
  /** Runs in the import's transaction once the file is applied (the API's audit entry). */
  onApplied?: (h: Handle, report: BoundaryImportReport) => Promise<void>;
}

// Allow-lists: the only identifiers that reach SQL.
const TABLE = { village: 'village', township: 'township' } as const;
const BATCH_KIND = { village: 'boundaries-village', township: 'boundaries-township' } as const;
const UNITS_SQL = {
  village: `SELECT v.code, v.name, v.nbs_name AS "nbsName", v.township_code AS "townshipCode", t.name AS "townshipName"
            FROM village v JOIN township t ON t.code = v.township_code ORDER BY v.code`,
  township: 'SELECT code, name FROM township ORDER BY code',
} as const;

const MAX_REASON_CHARS = 400;
const clipped = (s: string | null) => (s === null ? null : clip(s));

/** "489 of 491 features match no village (489: no code and no name)" and what to do about it. */
export function unmatchedSummary(unmatched: readonly Unmatched[], total: number, level: Level): string {
  const byReason = new Map<string, number>();
  for (const u of unmatched) byReason.set(u.reason, (byReason.get(u.reason) ?? 0) + 1);
  const reasons = [...byReason]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([r, n]) => `${n}: ${r}`)
    .join('; ');
  return (
    `${unmatched.length} of ${total} features match no ${level} of the county (${reasons}); nothing was imported. ` +
    `Fix the file, or import only the ${total - unmatched.length} that match with subset=true (CLI: --subset)`
  );
}

/**
 * Reads the file in a worker thread (under the import limits, before any transaction is opened),
 * then validates and (unless rejected or a dry run) applies it in one transaction.
 */
export async function importBoundaryFile(db: Db, scope: Scope, bytes: Uint8Array, format: FileFormat, opts: BoundaryImportOptions): Promise<BoundaryImportReport> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const parsed = await readBoundaryInWorker(bytes, format, limits, opts.moveBytes);
  return db.write(scope, async (h) => {
    const report = await importParsedBoundaries(h, parsed, { ...opts, sha256 });
    if (report.applied && opts.onApplied) await opts.onApplied(h, report);
    return report;
  });
}

/**
 * The import on one transaction's handle. Everything is checked before anything is written, and
 * a rejected file writes nothing, so the caller's transaction only ever sees all or none of it.
 */
export async function importParsedBoundaries(h: Handle, parsed: ParsedFile, opts: BoundaryImportOptions & { sha256: string }): Promise<BoundaryImportReport> {
  const crs = resolveCrs(parsed.declaredCrs, opts.crs);
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const report: BoundaryImportReport = {
    fileName: opts.fileName,
    level: null,
    crs: { detected: crs.detected, source: crs.source },
    encoding: parsed.encoding,
    features: parsed.features.length,
    matched: [],
    unmatched: [],
    duplicates: [],
    missing: [],
    rejected: parsed.problems.map((reason) => ({ feature: null, reason })),
    dryRun: opts.dryRun,
    applied: false,
    batchId: null,
  };
  // Reasons may quote the file (a .prj's CRS name, a feature's name): never at any length.
  const reject = (reason: string, feature: number | null = null) => report.rejected.push({ feature, reason: clip(reason, MAX_REASON_CHARS) });
  if (crs.problem) reject(crs.problem);
  if (crs.target) {
    const known = await h.query('SELECT 1 FROM spatial_ref_sys WHERE srid = $1', [crs.target.crs.srid]);
    if (known.length === 0) reject(`EPSG:${crs.target.crs.srid} is not in this database's spatial_ref_sys`);
  }
  if (parsed.features.length === 0) {
    if (parsed.problems.length === 0) reject('the file has no features');
    return report;
  }

  const rows = parsed.features.map((f) => f.properties);
  const fields = detectFields(rows);
  if (fields.code === null && fields.name === null && fields.township === null) {
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const seen =
      keys
        .slice(0, 30)
        .map((k) => clip(k))
        .join(', ') + (keys.length > 30 ? `, … (${keys.length} fields)` : '') || 'none';
    reject(`no code or name field found (fields: ${seen}); expected e.g. 行政区划代码/XZQDM/CODE and 村名称/XZQMC/NAME`);
    return report;
  }
  const codes = rows.map((r) => (fields.code === null ? null : normaliseCode(r[fields.code])));
  const fromCodes = detectLevel(codes);
  if (opts.level && fromCodes && opts.level !== fromCodes) reject(`level ${opts.level} was asked for, but the codes in field ${fields.code} are ${fromCodes} codes`);
  const level = opts.level ?? fromCodes;
  if (!level) {
    reject('cannot tell whether the file holds villages or townships from its codes; pass --level village|township (level=)');
    return report;
  }
  report.level = level;

  const nameField = level === 'township' ? (fields.name ?? fields.township) : fields.name;
  const keys: FeatureKey[] = rows.map((r, i) => ({
    feature: i + 1,
    // Clipped: they are echoed in the report, and nothing that long names a unit anyway.
    code: clipped(codes[i] ?? null),
    name: clipped(nameField === null ? null : normaliseName(r[nameField])),
    township: clipped(level === 'village' && fields.township !== null ? normaliseName(r[fields.township]) : null),
  }));
  const units = await h.query<Unit>(UNITS_SQL[level]);
  const matching = matchFeatures(level, keys, units);
  Object.assign(report, { unmatched: matching.unmatched, duplicates: matching.duplicates, missing: matching.missing });
  if (matching.matches.length === 0) reject(`none of the ${parsed.features.length} features matches a ${level} of the county`);
  // A feature that names no unit of the county (no code and no name, an unknown code) may be a
  // damaged or wrong file: the whole file is refused unless a subset was asked for explicitly.
  else if (matching.unmatched.length > 0 && !opts.subset) reject(unmatchedSummary(matching.unmatched, parsed.features.length, level));

  // A file already refused as a whole (duplicates, unmatched features, its CRS) is not worth any
  // geometry work: each feature's checks cost the database time, for nothing that will be applied.
  const refusedWhole = isRejected(report);
  const toWrite: { code: string; ewkb: string }[] = [];
  for (const m of matching.matches) {
    const entry = { feature: m.feature, code: m.unit.code, name: m.unit.name, by: m.by, areaKm2: null as number | null, repaired: false };
    report.matched.push(entry);
    if (!crs.target || refusedWhole) continue;
    const input = checkGeometry(parsed.features[m.feature - 1]!.geometry, crs.target);
    if (!input.ok) {
      reject(input.reason, m.feature);
      continue;
    }
    const checked = await prepareBoundary(h, input.geometry, crs.target.crs.srid, crs.note, limits.IMPORT_MAX_REPAIR_VERTICES, limits.IMPORT_MAX_REPAIR_CROSSINGS);
    entry.repaired = checked.repaired;
    if (!checked.ok) {
      reject(checked.reason, m.feature);
      continue;
    }
    entry.areaKm2 = checked.areaKm2;
    toWrite.push({ code: m.unit.code, ewkb: checked.ewkb });
  }
  if (crs.source === 'default' && report.rejected.some((r) => r.reason.startsWith('coordinates out of range')))
    reject('the file declares no CRS, so WGS 84 lon/lat was assumed, but its coordinates are not lon/lat: pass --crs EPSG:<code> (crs=)');

  if (isRejected(report) || opts.dryRun) return report;

  for (const w of toWrite) await h.query(`UPDATE ${TABLE[level]} SET geom = $2::text::geometry, boundary_source = 'imported' WHERE code = $1`, [w.code, w.ewkb]);
  report.applied = true;
  const [batch] = await h.query<{ id: string | number }>(
    `INSERT INTO import_batch (kind, file_name, file_sha256, rows, inserted, skipped, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
    [BATCH_KIND[level], opts.fileName, opts.sha256, report.features, toWrite.length, report.unmatched.length, JSON.stringify(report)],
  );
  report.batchId = Number(batch!.id);
  return report;
}
