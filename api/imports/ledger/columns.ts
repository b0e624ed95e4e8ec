import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_STATUSES, VISIT_KINDS } from '../../contract/enums.ts';

/**
 * The columns of the two township ledgers: the header the template writes, the other headers
 * townships use for the same thing, and the help text of the template's 填写说明 sheet.
 */

export const LEDGER_KINDS = ['disputes', 'visits'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface ColumnSpec {
  field: string;
  header: string;
  synonyms: readonly string[];
  /** The column must be present in the file (a missing one rejects the file at row 1). */
  requiredColumn: boolean;
  /** 填写说明: when a value is required. */
  rule: string;
  allowed?: readonly string[];
  help: string;
}

const TOWNSHIP: ColumnSpec = {
  field: 'township',
  header: '乡镇',
  synonyms: ['乡镇名称', '所属乡镇', '乡镇街道', '乡镇代码'],
  requiredColumn: false,
  rule: '村(社区)填名称时必填（导入时已指定乡镇的除外）',
  help: '乡镇名称（如 界牌镇）或 9 位统计用区划代码（如 430421110）',
};
const VILLAGE: ColumnSpec = {
  field: 'village',
  header: '村(社区)',
  synonyms: ['村社区', '村名', '村', '社区', '村社区名称', '村居', '村居委会', '村社区代码', '村代码'],
  requiredColumn: true,
  rule: '必填',
  help: '村（社区）名称（如 银溪村 或 银溪村委会，须属于所填乡镇）或 12 位统计用区划代码',
};

export const DISPUTE_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'receivedDate',
    header: '受理日期',
    synonyms: ['受理时间', '登记日期', '收案日期'],
    requiredColumn: true,
    rule: '必填',
    help: '如 2025-03-01、2025/3/1 或 2025年3月1日，可带时间（2025-03-01 14:30）；不得晚于今天、早于 2000 年',
  },
  TOWNSHIP,
  VILLAGE,
  {
    field: 'category',
    header: '纠纷类型',
    synonyms: ['纠纷类别', '类型', '类别', '纠纷种类'],
    requiredColumn: true,
    rule: '必填',
    allowed: DISPUTE_CATEGORIES,
    help: '可写全称或常见说法，如 婚姻家庭纠纷、邻里、劳资纠纷',
  },
  {
    field: 'channel',
    header: '受理渠道',
    synonyms: ['受理途径', '纠纷来源', '来源'],
    requiredColumn: false,
    rule: '选填，默认 人民调解委员会',
    allowed: DISPUTE_CHANNELS,
    help: '调委会 视为 人民调解委员会',
  },
  {
    field: 'status',
    header: '调解结果',
    synonyms: ['调处结果', '办理结果', '处理结果', '调解状态', '状态'],
    requiredColumn: true,
    rule: '必填',
    allowed: DISPUTE_STATUSES,
    help: '成功/已调解 = 调解成功；失败 = 调解失败；转诉讼 = 移交诉讼；调解中 = 调处中；待调解 = 受理',
  },
  {
    field: 'concludedDate',
    header: '办结日期',
    synonyms: ['办结时间', '结案日期', '调结日期'],
    requiredColumn: false,
    rule: '调解结果为 调解成功/调解失败/移交诉讼 时必填，否则留空',
    help: '日期格式同受理日期，不得早于受理日期',
  },
  { field: 'mediator', header: '调解员', synonyms: ['调解人', '调解人员', '承办人'], requiredColumn: false, rule: '选填', help: '调解员姓名' },
  { field: 'partyName', header: '当事人', synonyms: ['当事人姓名', '申请人', '当事人名称'], requiredColumn: false, rule: '选填', help: '当事人姓名，多人用顿号分隔' },
  {
    field: 'partyPhone',
    header: '联系电话',
    synonyms: ['电话', '手机', '手机号码', '联系方式', '当事人电话'],
    requiredColumn: false,
    rule: '选填',
    help: '11 位手机号或带区号的座机（如 0734-1234567）',
  },
  {
    field: 'summary',
    header: '纠纷简况',
    synonyms: ['简要情况', '纠纷概况', '基本情况', '案情简介', '纠纷事由', '简况', '事由'],
    requiredColumn: false,
    rule: '选填',
    help: '纠纷经过与调解情况',
  },
  {
    field: 'campaigns',
    header: '专项行动',
    synonyms: ['专项', '专项行动名称', '所属专项行动', '行动'],
    requiredColumn: false,
    rule: '选填',
    help: '本案所属的专项行动：名称（如 净网）或代码（如 jingwang），多个用顿号、逗号或分号分隔；须是本乡镇参加的行动。类别、日期与自动归类的行动相符的，不填也会归入',
  },
];

export const VISIT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'visitDate',
    header: '走访日期',
    synonyms: ['走访时间', '日期', '活动日期'],
    requiredColumn: true,
    rule: '必填',
    help: '如 2025-03-01、2025/3/1 或 2025年3月1日；不得晚于今天、早于 2000 年',
  },
  TOWNSHIP,
  VILLAGE,
  {
    field: 'officerName',
    header: '民警',
    synonyms: ['干警', '民警姓名', '干警姓名', '走访民警', '走访干警', '联村干警'],
    requiredColumn: false,
    rule: '民警、警号至少填一项',
    help: '该村（社区）联系干警的姓名',
  },
  { field: 'officerId', header: '警号', synonyms: ['干警编号', '民警编号', '干警工号', '工号'], requiredColumn: false, rule: '民警、警号至少填一项', help: '干警编号，如 OF0220' },
  {
    field: 'kind',
    header: '走访形式',
    synonyms: ['活动形式', '走访方式', '形式', '活动类型'],
    requiredColumn: false,
    rule: '选填，默认 走访',
    allowed: VISIT_KINDS,
    help: '入户走访 视为 走访；普法宣讲 视为 法治宣讲',
  },
];

export const COLUMNS: Record<LedgerKind, readonly ColumnSpec[]> = { disputes: DISPUTE_COLUMNS, visits: VISIT_COLUMNS };

/** Headers that only one kind of ledger has; they decide the kind when none is given. */
const DISTINCTIVE: Record<LedgerKind, readonly string[]> = {
  disputes: ['receivedDate', 'category', 'status', 'concludedDate', 'summary'],
  visits: ['visitDate', 'officerName', 'officerId', 'kind'],
};

/**
 * The comparable form of a header: full-width characters folded (NFKC), spaces, brackets,
 * required-markers and 必填/选填 removed, so 村（社区）, 村 (社区), 村社区 and *村(社区) all match.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/必填|选填/g, '')
    .replace(/[\s*:()[\]【】<>]/g, '');
}

export interface HeaderMapping {
  /** Field -> its column index and the header as written in the file. */
  columns: Map<string, { index: number; header: string }>;
  /** Headers that were not recognised (序号, 备注...), in file order. */
  ignored: string[];
  /** Headers that name a field a previous column already took. */
  repeated: { index: number; header: string; field: string }[];
}

function lookup(kind: LedgerKind): Map<string, string> {
  const byName = new Map<string, string>();
  for (const c of COLUMNS[kind]) for (const name of [c.header, ...c.synonyms]) byName.set(normaliseHeader(name), c.field);
  return byName;
}
const LOOKUPS: Record<LedgerKind, Map<string, string>> = { disputes: lookup('disputes'), visits: lookup('visits') };

export function mapHeaders(kind: LedgerKind, headers: readonly string[]): HeaderMapping {
  const columns: HeaderMapping['columns'] = new Map();
  const ignored: string[] = [];
  const repeated: HeaderMapping['repeated'] = [];
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (!key) return;
    const field = LOOKUPS[kind].get(key);
    if (!field) ignored.push(header.trim());
    else if (columns.has(field)) repeated.push({ index, header: header.trim(), field });
    else columns.set(field, { index, header: header.trim() });
  });
  return { columns, ignored, repeated };
}

/** How many distinctive headers of each kind a header row has. */
export function kindScores(headers: readonly string[]): Record<LedgerKind, number> {
  const score = (kind: LedgerKind) => {
    const fields = mapHeaders(kind, headers).columns;
    return DISTINCTIVE[kind].filter((f) => fields.has(f)).length;
  };
  return { disputes: score('disputes'), visits: score('visits') };
}

/** The kind a header row belongs to, or null when it looks like neither (or both equally). */
export function detectKind(headers: readonly string[]): LedgerKind | null {
  const s = kindScores(headers);
  if (s.disputes === s.visits) return null;
  return s.disputes > s.visits ? 'disputes' : 'visits';
}

/** Recognised headers of either kind: finds the header row below a title row. */
export function recognisedHeaderCount(headers: readonly string[]): number {
  return Math.max(...LEDGER_KINDS.map((k) => mapHeaders(k, headers).columns.size));
}
