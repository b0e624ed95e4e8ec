import { z } from 'zod';

/**
 * The building blocks of the answer schemas (api/openapi/responses/*.ts). Every object is a
 * `z.strictObject`, so the DB test (api/openapi/responses.db.test.ts) fails on a field the schema
 * does not name or misses; the published document leaves them open (api/openapi/schema-options.ts).
 */

/** An instant with its offset: `2026-11-28T09:30:00+08:00` (records) or `...Z` (period ends). */
export const instant = z.iso.datetime({ offset: true }).describe('时刻，ISO 8601 含时区 (instant with offset)');

/** A calendar day in Asia/Shanghai. */
export const day = z.iso.date().describe('日期 YYYY-MM-DD（Asia/Shanghai）(calendar day)');

export const townshipCode = z
  .string()
  .regex(/^\d{9}$/)
  .describe('乡镇代码，9 位 (9-digit township code)');
export const villageCode = z
  .string()
  .regex(/^\d{12}$/)
  .describe('村(社区)代码，12 位 (12-digit village code)');

/** A count (of cases, villages, visits). */
export const count = z.number().int().min(0);

/** A share 0..1, null when there is nothing to divide by. */
export const ratio = z.number().min(0).max(1).nullable();

/** [lng, lat] in WGS84 (GCJ-02 is the web's business, not the API's). */
export const position = z.tuple([z.number(), z.number()]).describe('坐标 [经度, 纬度]，WGS84 ([lng, lat] in WGS84)');

/**
 * A string the server types as `string` whose values come from closed lists of
 * api/contract/enums.ts: documented as an `enum`, checked at run time, inferred as `string` (so it
 * stays mutually assignable with the query's type).
 */
export function oneOf(lists: readonly (readonly string[])[], description: string) {
  const values = [...new Set(lists.flat())];
  return z
    .string()
    .refine((v) => values.includes(v), { message: `expected one of ${values.join(', ')}` })
    .meta({ enum: values, description });
}

/**
 * Mutual assignability, also with every optional member made required (so a field one side has
 * as optional and the other lacks does not slip through). Used by responses.types.test.ts.
 */
export type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [DeepRequired<A>] extends [DeepRequired<B>]
      ? [DeepRequired<B>] extends [DeepRequired<A>]
        ? true
        : false
      : false
    : false
  : false;

type DeepRequired<T> = T extends (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;
