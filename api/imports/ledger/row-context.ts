import { createHash } from 'node:crypto';
import { shanghaiDate } from '../../contract/calendar.ts';
import { clip } from '../limits.ts';
import type { ColumnSpec, HeaderMapping } from './columns.ts';
import { type LedgerDate, ledgerInstant, parseLedgerDate } from './dates.ts';
import type { Places, Township, Village } from './places.ts';
import type { SheetRow } from './read-file.ts';
import { type Cell, cellText, type Normalised } from './values.ts';

/** One problem of one cell, located as the clerk sees it in Excel (header = row 1). */
export interface RowError {
  row: number;
  column: string;
  value: string;
  problem: string;
  expected: string;
}

export interface ImportOptions {
  /** The township the whole file belongs to (a township's own ledger often has no 乡镇 column). */
  township: Township | null;
  now: Date;
}

/** Hours ledgers do not record: received/visited in the morning, concluded at the end of the day. */
export const DEFAULT_START_TIME = '09:00';
export const DEFAULT_END_TIME = '17:00';

/** 'ledger:' + sha256 of a row's identity: the same row imported twice is the same row. */
export function ledgerClientId(identity: readonly (string | null)[]): string {
  return `ledger:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

/**
 * Reads one data row through the header mapping and collects its problems. The helpers return
 * null after recording an error, so a row handler reads top to bottom and gives up at the end.
 */
export class RowContext {
  readonly errors: RowError[] = [];
  readonly today: string;

  constructor(
    readonly row: SheetRow,
    private readonly mapping: HeaderMapping,
    private readonly columns: readonly ColumnSpec[],
    readonly places: Places,
    readonly options: ImportOptions,
  ) {
    this.today = shanghaiDate(options.now);
  }

  /** The header as written in the file, or the template's header when the column is absent. */
  header(field: string): string {
    return this.mapping.columns.get(field)?.header ?? this.columns.find((c) => c.field === field)?.header ?? field;
  }

  cell(field: string): Cell {
    const col = this.mapping.columns.get(field);
    return col ? (this.row.cells[col.index] ?? null) : null;
  }

  text(field: string): string {
    return cellText(this.cell(field));
  }

  fail(field: string, problem: string, expected: string): null {
    // Values are echoed clipped: a report must stay small whatever the cell held.
    this.errors.push({ row: this.row.row, column: clip(this.header(field)), value: clip(this.text(field)), problem, expected });
    return null;
  }

  check<T>(field: string, result: Normalised<T>): T | null {
    return result.ok ? result.value : this.fail(field, result.problem, result.expected);
  }

  required(field: string, expected: string): string | null {
    const text = this.text(field);
    return text ? text : this.fail(field, '未填写', expected);
  }

  date(field: string, expected: string): LedgerDate | null {
    if (!this.text(field)) return this.fail(field, '未填写', expected);
    return this.check(field, parseLedgerDate(this.cell(field), this.today));
  }

  /** The date's instant at its time or the default hour; a default hour later than now becomes now. */
  instant(field: string, d: LedgerDate, defaultTime: string): Date | null {
    const at = ledgerInstant(d, defaultTime);
    if (at <= this.options.now) return at;
    return d.time ? this.fail(field, '这个时间还没到', '不晚于现在的时间') : this.options.now;
  }

  /** The row's township: its 乡镇 cell, else the import's township; they must agree. */
  township(): Township | null | undefined {
    const text = this.text('township');
    const chosen = this.options.township;
    if (!text) return chosen;
    const t = this.check('township', this.places.township(text));
    if (!t) return undefined;
    if (chosen && t.code !== chosen.code) {
      return this.fail('township', `本次导入的是${chosen.name}（${chosen.code}）的台账`, `${chosen.name}，或留空`) ?? undefined;
    }
    return t;
  }

  /** The row's village; undefined (with an error) when it cannot be found. */
  village(): Village | undefined {
    const text = this.required('village', '村（社区）名称或12位代码');
    const township = this.township();
    if (text === null || township === undefined) return undefined;
    if (!township && !/^\d{12}$/.test(text.normalize('NFKC').replace(/\s+/g, ''))) {
      this.fail('township', '未填写', `${this.header('village')}所属的乡镇（不同乡镇有重名的村），或改填12位村（社区）代码`);
      return undefined;
    }
    return this.check('village', this.places.village(text, township)) ?? undefined;
  }
}
