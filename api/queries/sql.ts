import { readFileSync } from 'node:fs';

/**
 * Reads a `.sql` file that sits beside the calling module, once, at import time.
 * Usage: `const VILLAGES = sqlFile(import.meta.url, 'villages.sql')`.
 */
export function sqlFile(moduleUrl: string, name: string): string {
  return readFileSync(new URL(name, moduleUrl), 'utf8');
}

/** `null` and missing numbers from aggregate SQL become 0; numeric strings become numbers. */
export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : Number(v);
}

/** A ratio that is `null` (not 0) when there is nothing to divide. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
