import { type Config, loadConfig } from '../config.ts';
import { replaceBidiControls } from '../domain/bidi.ts';
import { AppError } from '../errors.ts';

/**
 * The limits an uploaded ledger or boundary file is read under. Every one is checked before or
 * while the file is parsed, so a hostile or accidental giant file costs a bounded amount of time
 * and memory and is answered with a 413 naming the setting, never a stall or a crash.
 */

export const IMPORT_LIMIT_KEYS = [
  'IMPORT_MAX_BYTES',
  'IMPORT_MAX_UNPACKED_BYTES',
  'IMPORT_MAX_ENTRIES',
  'IMPORT_MAX_ROWS',
  'IMPORT_MAX_CELL_CHARS',
  'IMPORT_MAX_COLUMNS',
  'IMPORT_MAX_FEATURES',
  'IMPORT_MAX_VERTICES_PER_FEATURE',
  'IMPORT_MAX_VERTICES',
  'IMPORT_MAX_REPAIR_VERTICES',
  'IMPORT_MAX_REPAIR_CROSSINGS',
  'IMPORT_MAX_DEPTH',
  'IMPORT_PARSE_TIMEOUT_MS',
  'IMPORT_PARSE_MEMORY_MB',
] as const;

export type ImportLimitKey = (typeof IMPORT_LIMIT_KEYS)[number];
export type ImportLimits = Pick<Config, ImportLimitKey>;

export function importLimitsOf(config: ImportLimits): ImportLimits {
  return Object.fromEntries(IMPORT_LIMIT_KEYS.map((k) => [k, config[k]])) as ImportLimits;
}

/** The documented defaults, for callers without a loaded config (CLI helpers, tests). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = importLimitsOf(loadConfig({}));

/**
 * A file over one of the limits: 413 `import_limit`, with the setting, its maximum and what was
 * found, so an administrator can tell a hostile file from a limit that is set too low.
 */
export class ImportLimitError extends AppError {
  constructor(limit: ImportLimitKey, max: number, found: number | string, message: string, extra: Record<string, unknown> = {}) {
    super(413, 'import_limit', message, undefined, { limit, max, found, ...extra });
  }
}

/** Throws ImportLimitError when `found` exceeds the limit; `message` says what to do about it. */
export function checkLimit(limits: ImportLimits, limit: ImportLimitKey, found: number, message: (max: number) => string, extra?: Record<string, unknown>): void {
  const max = limits[limit];
  if (found > max) throw new ImportLimitError(limit, max, found, message(max), extra);
}

/** Characters of a file's value echoed in a report or message; the rest is summarised by its length. */
export const ECHO_CHARS = 80;

/**
 * A value from the file as it may be echoed back: whole when short, else its first `max`
 * characters, an ellipsis and its length. A report must never carry a 400 MB cell back.
 */
export function clip(raw: string, max = ECHO_CHARS): string {
  // Echoed text must not reorder what the reader sees after it (U+202E and friends).
  const value = replaceBidiControls(raw);
  if (value.length <= max) return value;
  let head = value.slice(0, max);
  // Do not end on half of a surrogate pair (an emoji or a rare CJK character).
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head}… (${value.length} characters)`;
}
