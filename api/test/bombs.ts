import { strToU8, Zip, ZipDeflate } from 'fflate';

/**
 * Hostile and oversized import files, built on the fly so no big fixture is committed: each is
 * small (or quick) to make and expensive to read naively. The import tests and the fault scripts
 * send them to check the server answers 4xx in bounded time and memory.
 */

const MB = 1024 * 1024;

interface StreamedEntry {
  name: string;
  /** The entry's content, piece by piece: a huge entry never exists in memory whole. */
  chunks: Iterable<Uint8Array>;
}

/** A zip made by streaming deflate (fflate's Zip): seconds and a few MB for a 400 MB entry. */
function streamZip(entries: StreamedEntry[], level: 1 | 6 = 6): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const e of entries) {
    const file = new ZipDeflate(e.name, { level });
    zip.add(file);
    for (const c of e.chunks) file.push(c);
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of out) {
    bytes.set(c, o);
    o += c.length;
  }
  return bytes;
}

function* repeated(unit: Uint8Array, total: number): Iterable<Uint8Array> {
  const block = new Uint8Array(Math.min(total, MB - (MB % unit.length)));
  for (let i = 0; i < block.length; i += unit.length) block.set(unit.subarray(0, Math.min(unit.length, block.length - i)), i);
  for (let left = total; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

const text = (s: string) => [strToU8(s)];

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="矛盾纠纷台账" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const DISPUTE_HEADERS = ['受理日期', '乡镇', '村社区', '纠纷类型', '调解结果', '纠纷简况'];
const COLUMN_LETTERS = 'ABCDEF';

/**
 * A ~400 KB .xlsx whose sharedStrings.xml holds one string of `unpackedBytes` (default 400 MB)
 * that `cells` summary cells (default 1; 3 made the old importer throw "Invalid string length")
 * all point at. The headers and the other cells are inline strings of a valid disputes ledger.
 */
export function sharedStringBombXlsx(opts: { unpackedBytes?: number; cells?: number } = {}): Uint8Array {
  const unpacked = opts.unpackedBytes ?? 400 * MB;
  const cells = opts.cells ?? 1;
  const inline = (col: number, row: number, v: string) => `<c r="${COLUMN_LETTERS[col]}${row}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const rows = [`<row r="1">${DISPUTE_HEADERS.map((h, i) => inline(i, 1, h)).join('')}</row>`];
  for (let r = 2; r < cells + 2; r++)
    rows.push(`<row r="${r}">${['2025-07-01', '界牌镇', '银溪村', '婚姻家庭', '受理'].map((v, i) => inline(i, r, v)).join('')}<c r="F${r}" t="s"><v>0</v></c></row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells}" uniqueCount="1"><si><t>`;
  const tail = '</t></si></sst>';
  const body = Math.max(0, unpacked - head.length - tail.length);
  return streamZip(
    [
      { name: '[Content_Types].xml', chunks: text(CONTENT_TYPES) },
      { name: '_rels/.rels', chunks: text(ROOT_RELS) },
      { name: 'xl/workbook.xml', chunks: text(WORKBOOK) },
      { name: 'xl/_rels/workbook.xml.rels', chunks: text(WORKBOOK_RELS) },
      { name: 'xl/worksheets/sheet1.xml', chunks: text(sheet) },
      { name: 'xl/sharedStrings.xml', chunks: [strToU8(head), ...repeated(strToU8('调解'), body), strToU8(tail)] },
    ],
    1,
  );
}

/** Villages of 界牌镇 in the seeded county (as in the ledger fixtures). */
const VILLAGES = ['银溪村', '界牌村', '蟠龙村', '桂花台社区'];
const CATEGORIES = ['婚姻家庭', '邻里', '宅基地', '土地承包', '其他'];

/** A well-formed disputes ledger CSV (UTF-8) of `rows` valid data rows, all of 界牌镇. */
export function bigLedgerCsv(rows: number): Uint8Array {
  const lines = ['受理日期,乡镇,村社区,纠纷类型,调解结果,纠纷简况'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},界牌镇,${VILLAGES[i % VILLAGES.length]},${CATEGORIES[i % CATEGORIES.length]},受理,第${i + 1}号纠纷`);
  }
  return strToU8(`${lines.join('\r\n')}\r\n`);
}

/** 界牌村 (430421110201): its properties as the boundary fixtures carry them, and a point inside it. */
const VILLAGE = { XZQDM: '430421110201', XZQMC: '界牌村' };
const [CX, CY, SPAN] = [112.52, 27.19, 0.01];

const collection = (coordinates: string) =>
  `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${JSON.stringify(VILLAGE)},"geometry":{"type":"Polygon","coordinates":${coordinates}}}]}`;

/**
 * One village whose ring zigzags across itself: out along a sawtooth, back along another offset by
 * half a tooth, so nearly every edge crosses two others. About `vertices` coordinates.
 */
export function selfIntersectingBoundaryGeoJson(vertices: number): Uint8Array {
  const half = Math.max(2, Math.floor((vertices - 1) / 2));
  const ring: [number, number][] = [];
  for (let i = 0; i < half; i++) ring.push([CX - SPAN + (2 * SPAN * i) / half, CY + (i % 2 ? SPAN : -SPAN)]);
  for (let i = half - 1; i >= 0; i--) ring.push([CX - SPAN + (2 * SPAN * (i + 0.5)) / half, CY + (i % 2 ? -0.8 * SPAN : 0.8 * SPAN)]);
  ring.push(ring[0]!);
  return strToU8(collection(JSON.stringify([ring.map(([x, y]) => [Number(x.toFixed(7)), Number(y.toFixed(7))])])));
}

/** A village whose coordinates are nested `depth` arrays deep (recursive readers overflow their stack). */
export function deeplyNestedGeoJson(depth: number): Uint8Array {
  return strToU8(collection('['.repeat(depth) + ']'.repeat(depth)));
}

/**
 * A zip of one entry (`name`) of `realBytes` zeros whose directory declares only `declaredBytes`:
 * a reader that trusts the declared size allocates little and then unpacks far more.
 */
export function lyingZip(opts: { name?: string; realBytes?: number; declaredBytes?: number } = {}): Uint8Array {
  const name = opts.name ?? 'villages.shp';
  const bytes = streamZip([{ name, chunks: repeated(new Uint8Array(1), opts.realBytes ?? 200 * MB) }], 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Rewrite the declared size in the central directory (the one entry right after the data and
  // its 16-byte descriptor) and in that descriptor.
  const directory = view.getUint32(bytes.length - 22 + 16, true);
  view.setUint32(directory + 24, opts.declaredBytes ?? 1000, true);
  if (view.getUint32(directory - 16, true) === 0x08074b50) view.setUint32(directory - 4, opts.declaredBytes ?? 1000, true);
  return bytes;
}
