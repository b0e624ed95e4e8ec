import {
  DISPUTE_CATEGORIES,
  DISPUTE_CHANNELS,
  DISPUTE_STATUSES,
  type DisputeCategory,
  type DisputeChannel,
  type DisputeStatus,
  VISIT_KINDS,
  type VisitKind,
} from '../../contract/enums.ts';

/**
 * Normalising the values clerks type into the county's closed vocabularies. Each list of
 * synonyms is what township ledgers actually say for the value; anything else is refused with
 * the allowed values, never guessed.
 */

export type Cell = string | number | boolean | Date | null;

export type Normalised<T> = { ok: true; value: T } | { ok: false; problem: string; expected: string };

/** A cell as the text the clerk sees: trimmed, numbers without exponent, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

/** The comparable form of a vocabulary word: full-width folded, no spaces. */
function key(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function vocabulary<T extends string>(values: readonly T[], synonyms: Record<string, T>, label: string) {
  const table = new Map<string, T>();
  for (const v of values) table.set(key(v), v);
  for (const [word, v] of Object.entries(synonyms)) table.set(key(word), v);
  const expected = `以下之一：${values.join('、')}`;
  return (text: string): Normalised<T> => {
    const k = key(text);
    const hit = table.get(k) ?? table.get(k.replace(/(纠纷|争议|问题|类)$/, ''));
    return hit ? { ok: true, value: hit } : { ok: false, problem: `无法识别的${label}`, expected };
  };
}

export const normaliseCategory = vocabulary<DisputeCategory>(
  DISPUTE_CATEGORIES,
  {
    婚姻: '婚姻家庭',
    家庭: '婚姻家庭',
    婚姻家事: '婚姻家庭',
    家事: '婚姻家庭',
    邻里: '邻里纠纷',
    相邻关系: '邻里纠纷',
    相邻: '邻里纠纷',
    山林: '山林权属',
    林权: '山林权属',
    山林土地权属: '山林权属',
    宅基: '宅基地',
    土地: '土地承包',
    土地承包经营: '土地承包',
    承包地: '土地承包',
    劳动: '劳资',
    劳务: '劳资',
    劳资: '劳资',
    欠薪: '劳资',
    拖欠工资: '劳资',
    合同: '合同债务',
    债务: '合同债务',
    借贷: '合同债务',
    民间借贷: '合同债务',
    债权债务: '合同债务',
    其它: '其他',
  },
  '纠纷类型',
);

export const normaliseChannel = vocabulary<DisputeChannel>(
  DISPUTE_CHANNELS,
  {
    调委会: '人民调解委员会',
    人民调解: '人民调解委员会',
    村调委会: '人民调解委员会',
    人民调解委员会调解: '人民调解委员会',
    综治: '综治中心',
    综治中心受理: '综治中心',
    好人调解: '好人调解室',
  },
  '受理渠道',
);

export const normaliseStatus = vocabulary<DisputeStatus>(
  DISPUTE_STATUSES,
  {
    成功: '调解成功',
    已调解: '调解成功',
    调解成功: '调解成功',
    已化解: '调解成功',
    达成协议: '调解成功',
    失败: '调解失败',
    调解不成: '调解失败',
    未达成协议: '调解失败',
    转诉讼: '移交诉讼',
    诉讼: '移交诉讼',
    移送诉讼: '移交诉讼',
    引导诉讼: '移交诉讼',
    调解中: '调处中',
    正在调解: '调处中',
    处理中: '调处中',
    待调解: '受理',
    已受理: '受理',
    未调解: '受理',
  },
  '调解结果',
);

export const normaliseVisitKind = vocabulary<VisitKind>(
  VISIT_KINDS,
  {
    入户走访: '走访',
    上门走访: '走访',
    走访慰问: '走访',
    入户: '走访',
    法治宣传: '法治宣讲',
    普法宣讲: '法治宣讲',
    普法宣传: '法治宣讲',
    法制宣讲: '法治宣讲',
    法制宣传: '法治宣讲',
    宣讲: '法治宣讲',
    电影放映: '法治电影放映',
    法治电影: '法治电影放映',
    普法电影: '法治电影放映',
    法制电影放映: '法治电影放映',
    放映: '法治电影放映',
    矛盾纠纷排查: '矛盾排查',
    纠纷排查: '矛盾排查',
    排查: '矛盾排查',
  },
  '走访形式',
);

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/**
 * A mainland mobile (11 digits, +86 and separators dropped) or a landline with its area code
 * (0734-1234567 kept as written, spaces dropped).
 */
export function normalisePhone(text: string): Normalised<string> {
  const compact = text
    .normalize('NFKC')
    .replace(/[\s()]/g, '')
    .replace(/[—–]/g, '-');
  const digits = compact.replace(/^\+?86(?=1)/, '').replace(/-/g, '');
  if (MOBILE.test(digits)) return { ok: true, value: digits };
  if (LANDLINE.test(compact)) return { ok: true, value: compact };
  return { ok: false, problem: '不是电话号码', expected: '11位手机号，或带区号的座机号，如 0734-1234567' };
}

/** Free text (names, summaries): trimmed, inner runs of blank lines kept as they were typed. */
export function freeText(cell: Cell, max: number): Normalised<string | null> {
  const text = cellText(cell);
  if (text.length > max) return { ok: false, problem: `超过${max}个字`, expected: `不超过${max}个字` };
  return { ok: true, value: text || null };
}
