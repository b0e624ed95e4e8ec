import { open as openShapefile } from 'shapefile';
import { AppError } from '../../errors.ts';
import { checkLimit, DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from '../limits.ts';
import { inflateEntry, listZipEntries, unpackBudget, ZipFormatError } from '../zip-entries.ts';
import { type DbfEncoding, DEFAULT_DBF_ENCODING, encodingFromCpg } from './attributes.ts';
import { coordinatesOf, countPositions } from './count-positions.ts';
import { type CrsResult, crsFromGeojson, crsFromPrj } from './crs.ts';
import { jsonDepth } from './json-depth.ts';
import { checkShapefileStructure } from './shapefile-structure.ts';

/** The file is not a readable GeoJSON or zipped shapefile at all: 400, nothing to report on. */
export class BadBoundaryFileError extends AppError {
  constructor(message: string) {
    super(400, 'bad_file', message);
  }
}

export type FileFormat = 'zip' | 'geojson';

export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface ParsedFile {
  format: FileFormat;
  features: RawFeature[];
  /** The CRS the file declares itself (`.prj` or the GeoJSON `crs` member), null when silent. */
  declaredCrs: { source: 'prj' | 'geojson'; result: CrsResult } | null;
  /** Shapefiles: how the attributes were decoded. */
  encoding: { name: DbfEncoding; source: 'cpg' | 'default' } | null;
  /** Reasons to reject the whole file found while reading it. */
  problems: string[];
}

/** The format from the content type, else the file name, else the first bytes. */
export function formatOf(contentType: string | undefined, fileName: string | undefined, bytes: Uint8Array): FileFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (['application/zip', 'application/x-zip-compressed'].includes(type)) return 'zip';
  if (['application/geo+json', 'application/json'].includes(type)) return 'geojson';
  if (type && type !== 'application/octet-stream') return null;
  if (fileName && /\.zip$/i.test(fileName)) return 'zip';
  if (fileName && /\.(geo)?json$/i.test(fileName)) return 'geojson';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  return null;
}

/** Reads a boundary file under the import limits (features, coordinates, nesting, unpacked size). */
export async function readBoundaryFile(bytes: Uint8Array, format: FileFormat, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<ParsedFile> {
  return format === 'zip' ? readZippedShapefile(bytes, limits) : readGeojson(bytes, limits);
}

/**
 * Counts features and their coordinates as they are read, refusing the file at the first one
 * over a limit: what reaches the geometry checks and the database is bounded.
 */
export class FeatureCounter {
  private features = 0;
  private positions = 0;
  constructor(private readonly limits: ImportLimits) {}

  add(geometry: unknown): void {
    const n = ++this.features;
    checkLimit(this.limits, 'IMPORT_MAX_FEATURES', n, (max) => `the file holds more than ${max} features (IMPORT_MAX_FEATURES): send one township's villages per file`);
    const max = this.limits.IMPORT_MAX_VERTICES_PER_FEATURE;
    const own = countPositions(coordinatesOf(geometry), max);
    if (own > max)
      throw new ImportLimitError(
        'IMPORT_MAX_VERTICES_PER_FEATURE',
        max,
        `more than ${max}`,
        `feature ${n} has more than ${max} coordinates (IMPORT_MAX_VERTICES_PER_FEATURE): simplify it in GIS (a tolerance of 1 m keeps the shape) and import again`,
        { feature: n },
      );
    this.positions += own;
    checkLimit(
      this.limits,
      'IMPORT_MAX_VERTICES',
      this.positions,
      (m) => `the file has more than ${m} coordinates in all (IMPORT_MAX_VERTICES): simplify the boundaries in GIS or split the file`,
    );
  }
}

function readGeojson(bytes: Uint8Array, limits: ImportLimits): ParsedFile {
  const depth = jsonDepth(bytes, limits.IMPORT_MAX_DEPTH);
  checkLimit(
    limits,
    'IMPORT_MAX_DEPTH',
    depth,
    (max) => `the GeoJSON nests brackets more than ${max} deep (IMPORT_MAX_DEPTH), where a boundary file needs about 8: check it is the right file`,
  );
  let doc: { type?: unknown; features?: unknown; crs?: unknown; properties?: unknown; geometry?: unknown };
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BadBoundaryFileError(`not a GeoJSON file: ${(e as Error).message}`);
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) throw new BadBoundaryFileError('expected a GeoJSON FeatureCollection (or a Feature)');
  const declared = crsFromGeojson(doc.crs);
  const counter = new FeatureCounter(limits);
  for (const f of features as { geometry?: unknown }[]) counter.add(f?.geometry);
  return {
    format: 'geojson',
    features: features.map((f: { properties?: unknown; geometry?: unknown }) => ({
      properties: f && typeof f.properties === 'object' && f.properties !== null ? (f.properties as Record<string, unknown>) : {},
      geometry: f?.geometry ?? null,
    })),
    declaredCrs: declared && { source: 'geojson', result: declared },
    encoding: null,
    problems: [],
  };
}

const SIDECARS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;

/** The shapefile parts of a zip, unpacked under IMPORT_MAX_ENTRIES and IMPORT_MAX_UNPACKED_BYTES. */
function unzipSidecars(bytes: Uint8Array, limits: ImportLimits): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const budget = unpackBudget(limits);
  try {
    for (const e of listZipEntries(bytes, limits))
      if (!e.name.startsWith('__MACOSX/') && SIDECARS.some((ext) => e.name.toLowerCase().endsWith(`.${ext}`))) entries[e.name] = inflateEntry(bytes, e, budget, limits);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new BadBoundaryFileError(`not a readable zip file: ${e.message}`);
    throw e;
  }
  return entries;
}

async function readZippedShapefile(bytes: Uint8Array, limits: ImportLimits): Promise<ParsedFile> {
  const entries = unzipSidecars(bytes, limits);
  const shps = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length !== 1)
    throw new BadBoundaryFileError(shps.length === 0 ? 'the zip holds no .shp file' : `the zip holds ${shps.length} shapefiles (${shps.join(', ')}); send one per file`);
  const stem = shps[0]!.slice(0, -4).toLowerCase();
  const part = (ext: string) => Object.entries(entries).find(([n]) => n.toLowerCase() === `${stem}.${ext}`)?.[1];
  const [shp, dbf, prj, cpg] = [part('shp')!, part('dbf'), part('prj'), part('cpg')];
  if (!dbf) throw new BadBoundaryFileError(`the zip has ${shps[0]} but no .dbf beside it: the attributes are needed to match features`);

  const problems: string[] = [];
  const declaredCrs = prj ? { source: 'prj' as const, result: crsFromPrj(new TextDecoder().decode(prj)) } : null;
  // Parts that disagree (cut short, mismatched record counts) make the file corrupt as a whole:
  // nothing of it is read, so nothing of it can be half applied.
  const structure = checkShapefileStructure({ shp, shx: part('shx'), dbf });
  if (structure.problems.length && !structure.shpHeader) throw new BadBoundaryFileError(`not a readable shapefile: ${structure.problems[0]}`);
  if (structure.problems.length) {
    problems.push(...structure.problems.map((p) => `the shapefile is corrupt: ${p}; export it again`));
    return { format: 'zip', features: [], declaredCrs, encoding: null, problems };
  }
  let encoding: ParsedFile['encoding'] = { name: DEFAULT_DBF_ENCODING, source: 'default' };
  if (cpg) {
    const text = new TextDecoder().decode(cpg);
    const name = encodingFromCpg(text);
    if (name) encoding = { name, source: 'cpg' };
    else problems.push(`the .cpg names an encoding this import cannot decode: "${text.trim().slice(0, 40)}" (expected UTF-8 or GBK)`);
  }

  const features: RawFeature[] = [];
  const counter = new FeatureCounter(limits);
  try {
    // Copies: the reader wants arrays that start at offset 0 of their buffer.
    const source = await openShapefile(shp.slice(), dbf.slice(), { encoding: encoding.name });
    for (let r = await source.read(); !r.done; r = await source.read()) {
      counter.add(r.value.geometry);
      features.push({ properties: (r.value.properties ?? {}) as Record<string, unknown>, geometry: r.value.geometry ?? null });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new BadBoundaryFileError(`not a readable shapefile: ${(e as Error).message}`);
  }
  return {
    format: 'zip',
    features,
    declaredCrs,
    encoding,
    problems,
  };
}
