import { isIsoDate } from '../../contract/calendar.ts';
import type { Cell, Normalised } from './values.ts';

/**
 * Dates as township ledgers hold them: real Excel dates, Excel serial numbers (a date column
 * formatted as a number), and the text forms clerks type. All are Asia/Shanghai wall time.
 */

export interface LedgerDate {
  date: string;
  /** `HH:MM` when the cell carries a time of day, else null. */
  time: string | null;
}

export const EARLIEST_DATE = '2000-01-01';
export const DATE_EXPECTED = '日期，如 2025-03-01、2025/3/1 或 2025年3月1日，2000年以后且不晚于今天';

const pad = (n: number | string) => String(n).padStart(2, '0');

/** 1900-date-system serial number of 1970-01-01 (Excel counts the phantom 1900-02-29). */
const SERIAL_UNIX_EPOCH = 25569;
const SERIAL_RANGE: [number, number] = [36526, 73051]; // 2000-01-01 .. 2099-12-31

const PATTERNS: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：]\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(\d{1,2})[:：时点](\d{2})分?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

function fromParts(y: string, m: string, d: string, hh?: string, mm?: string): LedgerDate | 'no-such-date' {
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (!isIsoDate(date)) return 'no-such-date';
  if (hh === undefined || mm === undefined) return { date, time: null };
  if (Number(hh) > 23 || Number(mm) > 59) return 'no-such-date';
  return { date, time: `${pad(hh)}:${mm}` };
}

/** A UTC-encoded wall time (how exceljs hands over date cells) as date and optional time. */
function fromWallClock(instant: Date): LedgerDate {
  const iso = instant.toISOString();
  const time = iso.slice(11, 16);
  return { date: iso.slice(0, 10), time: time === '00:00' ? null : time };
}

function recognise(cell: Cell): LedgerDate | 'no-such-date' | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : fromWallClock(cell);
  if (typeof cell === 'number') {
    if (cell >= SERIAL_RANGE[0] && cell <= SERIAL_RANGE[1]) {
      // Round to the minute: serial fractions carry float noise (0.375 -> 08:59:59.999).
      const minutes = Math.round((cell - SERIAL_UNIX_EPOCH) * 1440);
      return fromWallClock(new Date(minutes * 60_000));
    }
    return Number.isInteger(cell) ? recognise(String(cell)) : null;
  }
  if (typeof cell !== 'string') return null;
  const text = cell.normalize('NFKC').trim();
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (m) return fromParts(m[1]!, m[2]!, m[3]!, m[4], m[5]);
  }
  return null;
}

/** Parses a ledger date and checks it lies between 2000-01-01 and `today` (Asia/Shanghai). */
export function parseLedgerDate(cell: Cell, today: string): Normalised<LedgerDate> {
  const got = recognise(cell);
  if (got === null) return { ok: false, problem: '不是日期', expected: DATE_EXPECTED };
  if (got === 'no-such-date') return { ok: false, problem: '没有这一天（或时间无效）', expected: DATE_EXPECTED };
  if (got.date < EARLIEST_DATE) return { ok: false, problem: '早于2000年', expected: DATE_EXPECTED };
  if (got.date > today) return { ok: false, problem: '晚于今天', expected: DATE_EXPECTED };
  return { ok: true, value: got };
}

/** The instant of a ledger date at its time, or at `defaultTime` when it has none (+08:00). */
export function ledgerInstant(d: LedgerDate, defaultTime: string): Date {
  return new Date(`${d.date}T${d.time ?? defaultTime}:00+08:00`);
}
