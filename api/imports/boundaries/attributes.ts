/**
 * Reading a boundary file's attribute table: which text encoding its `.dbf` uses, which fields
 * hold the unit's code, name and township, and whether it describes villages or townships.
 * Files from county bureaus use Chinese or pinyin-initial field names (XZQDM = 行政区代码).
 */

export type Level = 'village' | 'township';

/** Labels the dBase reader's decoder understands. */
export type DbfEncoding = 'utf-8' | 'gbk' | 'gb18030';

/** ArcGIS writes GBK without a `.cpg` on Chinese systems, which is why that is the default. */
export const DEFAULT_DBF_ENCODING: DbfEncoding = 'gbk';

const CPG_LABELS: Record<string, DbfEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  gbk: 'gbk',
  cp936: 'gbk',
  '936': 'gbk',
  'ansi 936': 'gbk',
  'windows-936': 'gbk',
  ms936: 'gbk',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  gb18030: 'gb18030',
  '54936': 'gb18030',
};

/** The encoding a `.cpg` names, or null when it names one we cannot decode. */
export function encodingFromCpg(text: string): DbfEncoding | null {
  const label = text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/_/g, '-');
  return CPG_LABELS[label] ?? CPG_LABELS[label.replace(/-/g, '')] ?? null;
}

// In priority order: a village file often also carries its township's code (XZDM) and name.
const CODE_FIELDS = [
  '村代码',
  '村级代码',
  '村级区划代码',
  'CUNDM',
  'CJDM',
  '行政区划代码',
  '行政区划代',
  '行政区代码',
  '区划代码',
  'XZQDM',
  'XZQHDM',
  'QHDM',
  'CODE',
  'ADCODE',
  'DM',
  '乡镇代码',
  'XZDM',
];
const NAME_FIELDS = ['村名', '村名称', '村级名称', '村委会', 'CUNMC', 'CJMC', '名称', '行政区名称', '行政区划名', 'XZQMC', 'QHMC', 'NAME', 'MC'];
const TOWNSHIP_FIELDS = ['乡镇', '乡镇名称', '乡镇名', '所属乡镇', 'XZMC', 'XZ', 'TOWN', 'TOWNSHIP', 'TOWN_NAME'];

export interface AttributeFields {
  code: string | null;
  name: string | null;
  township: string | null;
}

/**
 * The fields holding code, name and township. Names are compared case-insensitively; a code
 * field with an unknown name is recognised by its values (every non-empty one 9 or 12 digits).
 */
export function detectFields(rows: readonly Record<string, unknown>[]): AttributeFields {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const find = (candidates: string[], taken: (string | null)[] = []) => {
    for (const c of candidates) {
      const hit = keys.find((k) => k.trim().toUpperCase() === c.toUpperCase() && !taken.includes(k));
      if (hit) return hit;
    }
    return null;
  };
  const code =
    find(CODE_FIELDS) ??
    keys.find((k) => {
      const values = rows.map((r) => r[k]).filter((v) => v !== null && v !== undefined && v !== '');
      return values.length > 0 && values.every((v) => /^\d{9}(\d{3})?$/.test(codeText(v) ?? ''));
    }) ??
    null;
  const township = find(TOWNSHIP_FIELDS, [code]);
  const name = find(NAME_FIELDS, [code, township]);
  return { code, name, township };
}

function codeText(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string') return v.trim();
  return null;
}

/** A code as digits, or null when the value is not one (blank, text, a float). */
export function normaliseCode(v: unknown): string | null {
  const s = codeText(v);
  return s && /^\d+$/.test(s) ? s : null;
}

export function normaliseName(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFC').trim();
  return s === '' ? null : s;
}

/** A 12-digit NBS code ending in 000 is the township itself (its village-level form). */
export function levelOfCode(code: string): Level | null {
  if (/^\d{9}$/.test(code) || /^\d{9}000$/.test(code)) return 'township';
  if (/^\d{12}$/.test(code)) return 'village';
  return null;
}

/** The level every code agrees on, or null (no codes, other lengths, or a mix). */
export function detectLevel(codes: readonly (string | null)[]): Level | null {
  const levels = new Set(codes.filter((c): c is string => c !== null).map(levelOfCode));
  if (levels.size !== 1) return null;
  return [...levels][0] ?? null;
}
