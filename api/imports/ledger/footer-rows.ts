import { clip } from '../limits.ts';
import type { Cell } from './values.ts';
import { cellText } from './values.ts';

/**
 * Rows a township's ledger carries below (or between) its cases that are not cases: totals and
 * subtotals (合计 共5件，成功3件), signature lines (制表人、审核人、日期) and notes (注：…). They are
 * skipped with a note in the report. A row is skipped only when every filled cell reads as such a
 * line; any cell that could be case data (a name, a village, a date on its own) keeps the row a
 * case row, to be validated like the others: a case is never skipped.
 */

export type NonCaseKind = 'total' | 'signature' | 'note';

export interface NonCaseRow {
  row: number;
  kind: NonCaseKind;
  /** The row's text, clipped, for the report. */
  text: string;
}

const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计|总\s*数|本[月周季年]合计)/;
const SIGNATURE =
  /^(制\s*表\s*人|制\s*表|填\s*表\s*人|填\s*报\s*人|统\s*计\s*人|审\s*核\s*人|审\s*核|审\s*批\s*人|复\s*核\s*人|负\s*责\s*人|分管领导|主要领导|单位负责人|经\s*办\s*人|签\s*字|签\s*名|盖\s*章|（?\s*盖章\s*）?|填\s*报\s*日\s*期|制\s*表\s*日\s*期|报\s*送\s*日\s*期|填\s*报\s*单\s*位|联\s*系\s*人|联\s*系\s*电\s*话|日\s*期\s*[：:]|时\s*间\s*[：:])/;
const NOTE = /^(注\s*[：:0-9０-９一二三四五六七八九十、.]|备\s*注\s*[：:]|说\s*明\s*[：:]|填表说明)/;
/** What a total row's other cells hold: counts, shares and their words (5件, 3, 60%, 成功3件). */
const COUNT = /^[\s共计其中成功失败调解办结已未在件起次个户人.%％0-9０-９,，、:：;；()（）]*$/;
/** A signature line's value cell after its label: a name or a date, but only beside a label. */
const SIGNATURE_VALUE = /^[\s\u4e00-\u9fa5·.]{1,12}$|^[\s0-9０-９年月日./\-:：]+$/;

function kindOf(text: string): NonCaseKind | null {
  const t = text.trim();
  if (TOTAL.test(t)) return 'total';
  if (SIGNATURE.test(t)) return 'signature';
  if (NOTE.test(t)) return 'note';
  return null;
}

/** Text that belongs to a total, signature or note line (合计, 制表人：…, 共5件) rather than to a case. */
export function isFooterText(text: string): boolean {
  return kindOf(text) !== null || COUNT.test(text);
}

/**
 * What a row is when it is not a case, or null for a case row. `row` is the sheet's row number.
 */
export function nonCaseRow(row: number, cells: readonly Cell[]): NonCaseRow | null {
  const texts = cells.map(cellText).filter((t) => t !== '');
  if (texts.length === 0) return null;
  const first = kindOf(texts[0]!);
  if (!first) return null;
  const rest = texts.slice(1);
  const fits =
    first === 'total'
      ? rest.every((t) => COUNT.test(t) || kindOf(t) === 'total')
      : first === 'signature'
        ? // 制表人：张三 | 审核人：李四 | 日期：2026-11-30, or a label cell followed by its value.
          rest.every((t, i) => kindOf(t) !== null || (SIGNATURE_VALUE.test(t) && kindOf(texts[i]!) === 'signature'))
        : rest.every((t) => kindOf(t) !== null);
  if (!fits) return null;
  return { row, kind: first, text: clip(texts.join(' '), 60) };
}

const KIND_WORDS: Record<NonCaseKind, string> = { total: '合计/小计', signature: '签字栏', note: '注释' };

/** The report's note for the rows skipped, e.g. "skipped 3 rows that are not cases: row 12 合计/小计 (合计 共5件，成功3件); …". */
export function skippedNote(rows: readonly NonCaseRow[]): string | null {
  if (rows.length === 0) return null;
  const listed = rows.slice(0, 10).map((r) => `row ${r.row} ${KIND_WORDS[r.kind]} (${r.text})`);
  const more = rows.length > 10 ? `; … ${rows.length - 10} more` : '';
  return `skipped ${rows.length} row${rows.length === 1 ? '' : 's'} that ${rows.length === 1 ? 'is' : 'are'} not a case (已跳过非案件行): ${listed.join('; ')}${more}`;
}
