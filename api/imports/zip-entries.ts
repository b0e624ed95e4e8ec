import { Inflate } from 'fflate';
import { AppError } from '../errors.ts';
import { checkLimit, ImportLimitError, type ImportLimits } from './limits.ts';

/**
 * Reading zip containers (.xlsx workbooks, zipped shapefiles) without trusting them: the central
 * directory is read first, so the entry count and the declared unpacked sizes are checked before
 * anything is inflated, and inflation then counts every byte it produces, so an entry that unpacks
 * to more than it declared (a forged header) is stopped as soon as it does.
 */

/** The bytes are not a zip this reader accepts; callers turn it into their own 400. */
export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: deflate unpacks at most ~1032:1, so each step makes at most ~8 MB. */
const STEP = 8 * 1024;

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) if (u32(bytes, i) === EOCD) return i;
  throw new ZipFormatError('no zip directory found (the file is cut short or not a zip)');
}

/**
 * The entries of a zip from its central directory, checked against IMPORT_MAX_ENTRIES and (their
 * declared sizes summed) IMPORT_MAX_UNPACKED_BYTES before anything is unpacked.
 */
export function listZipEntries(bytes: Uint8Array, limits: ImportLimits): ZipEntry[] {
  const end = findEndOfCentralDirectory(bytes);
  const count = u16(bytes, end + 10);
  const dirOffset = u32(bytes, end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported: a ledger or boundary file is never that large');
  checkLimit(limits, 'IMPORT_MAX_ENTRIES', count, (max) => `the zip holds ${count} files; at most ${max} are accepted (IMPORT_MAX_ENTRIES)`);
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== CENTRAL) throw new ZipFormatError('the zip directory is damaged');
    const nameLength = u16(bytes, p + 28);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
    };
    if (u16(bytes, p + 8) & 1) throw new ZipFormatError(`${entry.name} is encrypted`);
    declaredTotal += entry.declaredSize;
    entries.push(entry);
    p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  checkLimit(
    limits,
    'IMPORT_MAX_UNPACKED_BYTES',
    declaredTotal,
    (max) =>
      `the zip unpacks to ${mib(declaredTotal)}; at most ${mib(max)} is accepted (IMPORT_MAX_UNPACKED_BYTES). A real ledger or boundary file is far smaller: check it is the right file`,
  );
  return entries;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** What is left of the unpacking allowance of one file, shared by all its entries. */
export interface UnpackBudget {
  left: number;
}

export const unpackBudget = (limits: ImportLimits): UnpackBudget => ({ left: limits.IMPORT_MAX_UNPACKED_BYTES });

/**
 * One entry's bytes, inflated in small steps. `onChunk` sees each piece as it is made (a caller
 * counting rows can give up early by throwing). Over its declared size: ZipFormatError; over the
 * file's allowance: ImportLimitError.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: UnpackBudget, limits: ImportLimits, onChunk?: (chunk: Uint8Array) => void): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw new ZipFormatError(`the zip entry ${entry.name} is damaged`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ZipFormatError(`the zip entry ${entry.name} is cut short`);

  const chunks: Uint8Array[] = [];
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.declaredSize)
      throw new ZipFormatError(`the zip entry ${entry.name} unpacks to more than the ${entry.declaredSize} bytes it declares (a forged or damaged zip)`);
    budget.left -= chunk.length;
    if (budget.left < 0)
      throw new ImportLimitError(
        'IMPORT_MAX_UNPACKED_BYTES',
        limits.IMPORT_MAX_UNPACKED_BYTES,
        `more than ${limits.IMPORT_MAX_UNPACKED_BYTES}`,
        `the zip unpacks to more than ${mib(limits.IMPORT_MAX_UNPACKED_BYTES)} (IMPORT_MAX_UNPACKED_BYTES)`,
      );
    onChunk?.(chunk);
    chunks.push(chunk);
  };
  if (entry.method === 0) {
    take(data);
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      // Our own refusals (and a caller's, from onChunk) pass through; fflate's own errors mean damaged data.
      if (e instanceof ZipFormatError || e instanceof AppError || !(e instanceof Error)) throw e;
      throw new ZipFormatError(`the zip entry ${entry.name} cannot be unpacked (${e.message})`);
    }
  } else {
    throw new ZipFormatError(`the zip entry ${entry.name} uses compression method ${entry.method}; only stored and deflated entries are supported`);
  }
  if (produced !== entry.declaredSize) throw new ZipFormatError(`the zip entry ${entry.name} unpacks to ${produced} bytes but declares ${entry.declaredSize}`);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(produced);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
