import { z } from 'zod';
import { isIsoDate } from './calendar.ts';
import { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES, VISIT_KINDS } from './enums.ts';

/**
 * The case filter on the wire: "what the user is looking at" (period, township, categories,
 * statuses, campaign), the one query shape every read endpoint shares. A new dimension of the filter is
 * added to `caseFilterShape` here, and the server resolves it in api/filter/case-filter.ts.
 */

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
/** A campaign's (专项行动) code: lower-case letters, digits and '-', starting with a letter. */
export const campaignCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'expected a campaign code (2-32 lower-case letters, digits and -)');

/** `from`/`to` (inclusive, Asia/Shanghai dates); both optional. */
export const periodFields = { from: isoDate.optional(), to: isoDate.optional() };

/** The cross-field rules of a period; use as `.superRefine(checkPeriod)`. */
export function checkPeriod(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!q.from || !q.to) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  else if (Date.parse(q.to) - Date.parse(q.from) >= MAX_PERIOD_DAYS * 86400e3)
    ctx.addIssue({ code: 'custom', message: `the period may span at most ${MAX_PERIOD_DAYS} days`, path: ['to'] });
}

/** A comma-separated list of allowed values: `a,b,c`. */
export function csvOf<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(values))
        .min(1, 'expected at least one value')
        .max(values.length * 2),
    );
}

export const CASE_CATEGORIES = [...new Set([...DISPUTE_CATEGORIES, ...HAZARD_CATEGORIES, ...VISIT_KINDS])] as [string, ...string[]];
export const CASE_STATUSES = [...new Set([...DISPUTE_STATUSES, ...HAZARD_STATUSES])] as [string, ...string[]];

/** The dashboard's category and status filters (comma-separated enum values). */
export const filterFields = { category: csvOf(CASE_CATEGORIES).optional(), status: csvOf(CASE_STATUSES).optional() };

/**
 * Every field of the filter. Routes spread it (or `caseFilterFields(...)` of it) into their query.
 * `campaign`: only the disputes and hazards tagged with that campaign (visits are never tagged).
 */
export const caseFilterShape = { ...periodFields, ...filterFields, township: townshipCode.optional(), campaign: campaignCode.optional() };

export type CaseFilterField = keyof typeof caseFilterShape;

/** Some fields of the filter, for an endpoint that takes only those (e.g. the period alone). */
export function caseFilterFields<const K extends CaseFilterField>(...keys: K[]): Pick<typeof caseFilterShape, K> {
  const out = {} as Pick<typeof caseFilterShape, K>;
  for (const k of keys) out[k] = caseFilterShape[k];
  return out;
}

/**
 * A route's query schema: the filter's fields it takes plus its own (`interval`, `bbox`, ...);
 * unknown parameters are refused, and the period's cross-field rules apply.
 */
export function filterQuery<const S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape)
    .strict()
    .superRefine((q, ctx) => checkPeriod(q as { from?: string; to?: string }, ctx));
}

/** The whole filter as one query schema. */
export const caseFilterQuery = filterQuery(caseFilterShape);

/** What a client sends. */
export type CaseFilterQuery = z.input<typeof caseFilterQuery>;
/** What the server reads once the query is parsed (lists split, dates checked). */
export type CaseFilterValues = z.output<typeof caseFilterQuery>;
