/**
 * Whether the parts of a shapefile agree with themselves and with each other, checked from their
 * headers and record framing before any feature is read. A reader walking a .dbf cut short just
 * stops (or reads blanks), so a truncated file would otherwise import as "2 matched, 489 without a
 * code": a partial import nobody asked for. Any disagreement makes the file corrupt as a whole.
 * Formats: ESRI Shapefile Technical Description (1998), dBase III.
 */

export interface ShapefileParts {
  shp: Uint8Array;
  shx?: Uint8Array;
  dbf: Uint8Array;
}

export interface ShapefileStructure {
  /** Records found in the .shp by walking its framing (complete records only). */
  shpRecords: number;
  /** Records the .dbf header declares. */
  dbfRecords: number;
  /** Records the .shx holds, when there is one. */
  shxRecords: number | null;
  /** Whether the .shp starts like a shapefile at all (else it is another kind of file, not a damaged one). */
  shpHeader: boolean;
  /** Why the file is corrupt; empty when its parts agree. */
  problems: string[];
}

const SHP_CODE = 9994;
const HEADER = 100;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The .shp's own framing: header code and length, then records of (number, length) + content. */
function walkShp(shp: Uint8Array, problems: string[]): number {
  if (shp.length < HEADER || view(shp).getInt32(0, false) !== SHP_CODE) {
    problems.push(`the .shp is not a shapefile (${shp.length} bytes, no valid header)`);
    return 0;
  }
  const declared = view(shp).getInt32(24, false) * 2;
  if (declared !== shp.length) problems.push(`the .shp header says ${declared} bytes but the file has ${shp.length}${shp.length < declared ? ': it was cut short' : ''}`);
  let records = 0;
  let at = HEADER;
  while (at + 8 <= shp.length) {
    const contentBytes = view(shp).getInt32(at + 4, false) * 2;
    if (contentBytes < 4 || at + 8 + contentBytes > shp.length) {
      problems.push(`the .shp record ${records + 1} at byte ${at} runs past the end of the file: it was cut short`);
      return records;
    }
    records++;
    at += 8 + contentBytes;
  }
  if (at !== shp.length) problems.push(`the .shp ends with ${shp.length - at} stray bytes after record ${records}`);
  return records;
}

function readShx(shx: Uint8Array, problems: string[]): number | null {
  if (shx.length < HEADER || view(shx).getInt32(0, false) !== SHP_CODE) {
    problems.push(`the .shx is not a shapefile index (${shx.length} bytes, no valid header)`);
    return null;
  }
  const declared = view(shx).getInt32(24, false) * 2;
  if (declared !== shx.length || (shx.length - HEADER) % 8 !== 0)
    problems.push(`the .shx header says ${declared} bytes but the file has ${shx.length}: it was cut short or padded`);
  return Math.floor((shx.length - HEADER) / 8);
}

/** dBase: record count at 4, header length at 8, record length at 10 (little-endian), 0x1A at the end. */
function readDbf(dbf: Uint8Array, problems: string[]): number {
  if (dbf.length < 32) {
    problems.push(`the .dbf is ${dbf.length} bytes, too short for its header`);
    return 0;
  }
  const d = view(dbf);
  const records = d.getUint32(4, true);
  const headerBytes = d.getUint16(8, true);
  const recordBytes = d.getUint16(10, true);
  const expected = headerBytes + records * recordBytes;
  if (headerBytes < 33 || recordBytes < 1) {
    problems.push(`the .dbf header is damaged (header ${headerBytes} bytes, records ${recordBytes} bytes)`);
  } else if (dbf.length < expected) {
    const whole = Math.max(0, Math.floor((dbf.length - headerBytes) / recordBytes));
    problems.push(`the .dbf header says ${records} records but the file holds ${whole} whole ones (${dbf.length} of ${expected} bytes): it was cut short`);
  } else if (dbf.length > expected + 1 || (dbf.length === expected + 1 && dbf[expected] !== 0x1a)) {
    problems.push(`the .dbf has ${dbf.length - expected} bytes beyond its ${records} records`);
  }
  return records;
}

/** Checks each part's framing and that .shp, .shx and .dbf hold the same number of records. */
export function checkShapefileStructure(parts: ShapefileParts): ShapefileStructure {
  const problems: string[] = [];
  const shpHeader = parts.shp.length >= HEADER && view(parts.shp).getInt32(0, false) === SHP_CODE;
  const shpRecords = walkShp(parts.shp, problems);
  const shxRecords = parts.shx ? readShx(parts.shx, problems) : null;
  const dbfRecords = readDbf(parts.dbf, problems);
  if (problems.length === 0) {
    if (shpRecords !== dbfRecords)
      problems.push(`the .shp holds ${shpRecords} shapes but the .dbf ${dbfRecords} attribute records: the parts do not belong together or one is damaged`);
    if (shxRecords !== null && shxRecords !== shpRecords) problems.push(`the .shx indexes ${shxRecords} shapes but the .shp holds ${shpRecords}`);
  }
  return { shpHeader, shpRecords, dbfRecords, shxRecords, problems };
}
