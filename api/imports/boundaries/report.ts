import type { DbfEncoding, Level } from './attributes.ts';
import type { Duplicate, Unmatched } from './match.ts';

export type CrsSource = 'prj' | 'geojson' | 'flag' | 'default';

export interface MatchedFeature {
  /** 1-based position of the feature in the file. */
  feature: number;
  code: string;
  name: string;
  by: 'code' | 'name';
  /** Area of the boundary as imported (WGS 84, on the ellipsoid); null when its geometry was rejected. */
  areaKm2: number | null;
  /** ST_MakeValid fixed the geometry (e.g. a self-intersecting ring). */
  repaired: boolean;
}

/** What a boundary import found and did; the API answers it, the CLI prints it. */
export interface BoundaryImportReport {
  fileName: string;
  level: Level | null;
  crs: { detected: string | null; source: CrsSource | null };
  encoding: { name: DbfEncoding; source: 'cpg' | 'default' } | null;
  features: number;
  matched: MatchedFeature[];
  unmatched: Unmatched[];
  duplicates: Duplicate[];
  /** Units in the database the file has no feature for: they keep their boundary. */
  missing: string[];
  /** Why the file is refused; `feature: null` is about the whole file. */
  rejected: { feature: number | null; reason: string }[];
  dryRun: boolean;
  applied: boolean;
  /** The import_batch row of an applied import. */
  batchId: number | null;
}

/** Any rejected feature or any duplicate refuses the whole file. */
export function isRejected(r: BoundaryImportReport): boolean {
  return r.rejected.length > 0 || r.duplicates.length > 0;
}

export function rejectionReasons(r: BoundaryImportReport): string[] {
  return [
    ...r.rejected.map((x) => (x.feature === null ? x.reason : `feature ${x.feature}: ${x.reason}`)),
    ...r.duplicates.map((d) => `features ${d.features.join(', ')} are all for ${d.code} ${d.name}: keep one`),
  ];
}

export function rejectionMessage(r: BoundaryImportReport): string {
  const reasons = rejectionReasons(r);
  return `the boundary file was rejected and nothing changed (${reasons.length} problem${reasons.length === 1 ? '' : 's'}): ${reasons.join('; ')}`;
}

const unitWord = (level: Level | null) => (level === 'township' ? 'townships' : 'villages');

/** The report as text for a terminal. */
export function formatReport(r: BoundaryImportReport): string {
  const lines = [
    `file: ${r.fileName}: ${r.features} feature${r.features === 1 ? '' : 's'}, level ${r.level ?? 'unknown'}`,
    `crs: ${r.crs.detected ?? 'unknown'} (from ${r.crs.source ?? '-'})` +
      (r.encoding ? `; attributes decoded as ${r.encoding.name} (from ${r.encoding.source === 'cpg' ? '.cpg' : 'default'})` : ''),
    `matched: ${r.matched.length}`,
    ...r.matched.map((m) => `  #${m.feature} ${m.code} ${m.name} by ${m.by}${m.areaKm2 === null ? '' : `, ${m.areaKm2.toFixed(3)} km²`}${m.repaired ? ', repaired' : ''}`),
  ];
  if (r.unmatched.length) lines.push(`unmatched: ${r.unmatched.length}`, ...r.unmatched.map((u) => `  #${u.feature} ${u.code ?? '-'} ${u.name ?? '-'}: ${u.reason}`));
  if (r.missing.length)
    lines.push(`missing: ${r.missing.length} ${unitWord(r.level)} not in the file keep their boundary (${r.missing.slice(0, 8).join(', ')}${r.missing.length > 8 ? ', …' : ''})`);
  if (isRejected(r)) lines.push('REJECTED, nothing changed:', ...rejectionReasons(r).map((x) => `  ${x}`));
  else if (r.applied) lines.push(`applied: ${r.matched.length} ${unitWord(r.level)} now have imported boundaries (import batch ${r.batchId})`);
  else if (r.dryRun) lines.push('dry run: the file is acceptable; nothing was written');
  return lines.join('\n');
}
