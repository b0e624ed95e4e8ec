import { unzipSync } from 'fflate';
import { read as readShapefile } from 'shapefile';
import { AppError } from '../../errors.ts';
import { DEFAULT_DBF_ENCODING, encodingFromCpg, type DbfEncoding } from './attributes.ts';
import { crsFromGeojson, crsFromPrj, type CrsResult } from './crs.ts';

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

export async function readBoundaryFile(bytes: Uint8Array, format: FileFormat): Promise<ParsedFile> {
  return format === 'zip' ? readZippedShapefile(bytes) : readGeojson(bytes);
}

function readGeojson(bytes: Uint8Array): ParsedFile {
  let doc: { type?: unknown; features?: unknown; crs?: unknown; properties?: unknown; geometry?: unknown };
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BadBoundaryFileError(`not a GeoJSON file: ${(e as Error).message}`);
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) throw new BadBoundaryFileError('expected a GeoJSON FeatureCollection (or a Feature)');
  const declared = crsFromGeojson(doc.crs);
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

/** Any one entry bigger than this when unpacked is refused: a zip bomb, not a county's boundaries. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const SIDECARS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;

async function readZippedShapefile(bytes: Uint8Array): Promise<ParsedFile> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.originalSize > MAX_ENTRY_BYTES) throw new Error(`${f.name} unpacks to ${f.originalSize} bytes`);
        return !f.name.startsWith('__MACOSX/') && SIDECARS.some((ext) => f.name.toLowerCase().endsWith(`.${ext}`));
      },
    });
  } catch (e) {
    throw new BadBoundaryFileError(`not a readable zip file: ${(e as Error).message}`);
  }
  const shps = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length !== 1)
    throw new BadBoundaryFileError(shps.length === 0 ? 'the zip holds no .shp file' : `the zip holds ${shps.length} shapefiles (${shps.join(', ')}); send one per file`);
  const stem = shps[0]!.slice(0, -4).toLowerCase();
  const part = (ext: string) => Object.entries(entries).find(([n]) => n.toLowerCase() === `${stem}.${ext}`)?.[1];
  const [shp, dbf, prj, cpg] = [part('shp')!, part('dbf'), part('prj'), part('cpg')];
  if (!dbf) throw new BadBoundaryFileError(`the zip has ${shps[0]} but no .dbf beside it: the attributes are needed to match features`);

  const problems: string[] = [];
  let encoding: ParsedFile['encoding'] = { name: DEFAULT_DBF_ENCODING, source: 'default' };
  if (cpg) {
    const text = new TextDecoder().decode(cpg);
    const name = encodingFromCpg(text);
    if (name) encoding = { name, source: 'cpg' };
    else problems.push(`the .cpg names an encoding this import cannot decode: "${text.trim().slice(0, 40)}" (expected UTF-8 or GBK)`);
  }

  let collection: { features: { properties: unknown; geometry: unknown }[] };
  try {
    // Copies: the reader wants arrays that start at offset 0 of their buffer.
    collection = await readShapefile(shp.slice(), dbf.slice(), { encoding: encoding.name });
  } catch (e) {
    throw new BadBoundaryFileError(`not a readable shapefile: ${(e as Error).message}`);
  }
  return {
    format: 'zip',
    features: collection.features.map((f) => ({ properties: (f.properties ?? {}) as Record<string, unknown>, geometry: f.geometry ?? null })),
    declaredCrs: prj ? { source: 'prj', result: crsFromPrj(new TextDecoder().decode(prj)) } : null,
    encoding,
    problems,
  };
}
