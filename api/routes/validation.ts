import { BIDI_CONTROL } from '../domain/bidi.ts';
import { zValidator } from '@hono/zod-validator';
import { resolver, uniqueSymbol } from 'hono-openapi';
import { SCHEMA_OPTIONS } from '../openapi/schema-options.ts';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { isIsoDate } from '../contract/calendar.ts';
import { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES, VISIT_KINDS } from '../contract/enums.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';

/**
 * zod validation at the edge; a failure becomes a 400 with one message per field. Every string
 * that passes the schema is also refused if it holds a bidirectional control character
 * (see api/domain/bidi.ts), whatever the endpoint: free text is shown to others in lists, tables, the
 * wall and exports.
 *
 * The schema is also recorded on the middleware the way hono-openapi's own `validator` records it,
 * so the published OpenAPI document (api/openapi/) is generated from what is enforced. hono-openapi's
 * `validator` itself is not used: it validates through @hono/standard-validator, whose hook sees the
 * raw input rather than the parsed value (the bidi check would then also look at keys the schema
 * strips) and gets a bare issue list instead of a ZodError.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      const fields: FieldErrors = {};
      for (const issue of result.error.issues) {
        const key = issue.path.join('.') || target;
        fields[key] ??= issue.message;
      }
      throw new ValidationError(`invalid ${target}: ${Object.keys(fields).join(', ')}`, fields);
    }
    const fields = bidiFields(result.data);
    if (Object.keys(fields).length > 0) throw new ValidationError(`invalid ${target}: ${Object.keys(fields).join(', ')}`, fields);
  });
  // Mutated rather than wrapped, so the handler keeps zValidator's type (the web's client infers from it).
  Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema, SCHEMA_OPTIONS) } });
  return middleware;
}

export const BIDI_MESSAGE = 'must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)';

/** Secrets are never displayed, and a password that once held such a character must still work. */
const SECRET = /password|token/i;

/** The fields (dotted paths, as for schema errors) whose strings hold a bidirectional control. */
export function bidiFields(value: unknown, path: string[] = [], out: FieldErrors = {}): FieldErrors {
  if (typeof value === 'string') {
    if (BIDI_CONTROL.test(value)) out[path.join('.') || 'value'] ??= BIDI_MESSAGE;
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => bidiFields(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!SECRET.test(k)) bidiFields(v, [...path, k], out);
  }
  return out;
}

/** Strings that reach PostgreSQL must not hold NUL (it cannot store one: a 500 otherwise). */
export const NO_NUL = /^[^\u0000]*$/;

/** For endpoints that take no parameters: an unknown one is refused like everywhere else. */
export const noQuery = z.object({}).strict();

export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2099-12-31';
/** Longest period one request may ask for (ten years). */
export const MAX_PERIOD_DAYS = 3660;

export const isoDate = z
  .string()
  .refine(isIsoDate, 'expected a date YYYY-MM-DD')
  .refine((d) => d >= MIN_DATE && d <= MAX_DATE, `expected a date between ${MIN_DATE} and ${MAX_DATE}`);

export const townshipCode = z.string().regex(/^\d{9}$/, 'expected a 9-digit township code');
export const villageCode = z.string().regex(/^\d{12}$/, 'expected a 12-digit village code');

/** `from`/`to` (inclusive, Asia/Shanghai dates); both optional. Spread into a query schema. */
export const periodFields = { from: isoDate.optional(), to: isoDate.optional() };

/** The cross-field rules of a period; use as `.superRefine(checkPeriod)`. */
export function checkPeriod(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!q.from || !q.to) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  else if (Date.parse(q.to) - Date.parse(q.from) >= MAX_PERIOD_DAYS * 86400e3)
    ctx.addIssue({ code: 'custom', message: `the period may span at most ${MAX_PERIOD_DAYS} days`, path: ['to'] });
}

/** A comma-separated list of allowed values: `a,b,c`. */
export function csvOf<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1, 'expected at least one value').max(values.length * 2));
}

const CATEGORIES = [...new Set([...DISPUTE_CATEGORIES, ...HAZARD_CATEGORIES, ...VISIT_KINDS])] as [string, ...string[]];
const STATUSES = [...new Set([...DISPUTE_STATUSES, ...HAZARD_STATUSES])] as [string, ...string[]];

/** The dashboard's category and status filters (comma-separated enum values), shared by every metric endpoint. */
export const filterFields = { category: csvOf(CATEGORIES).optional(), status: csvOf(STATUSES).optional() };
