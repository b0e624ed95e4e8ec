import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { resolver, uniqueSymbol } from 'hono-openapi';
import { z } from 'zod';
import { BIDI_CONTROL } from '../domain/bidi.ts';
import { type FieldErrors, ValidationError } from '../errors.ts';
import { SCHEMA_OPTIONS } from '../openapi/schema-options.ts';

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
    for (const [i, v] of value.entries()) bidiFields(v, [...path, String(i)], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!SECRET.test(k)) bidiFields(v, [...path, k], out);
  }
  return out;
}

/** Strings that reach PostgreSQL must not hold NUL (it cannot store one: a 500 otherwise). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
export const NO_NUL = /^[^\u0000]*$/;

/** For endpoints that take no parameters: an unknown one is refused like everywhere else. */
export const noQuery = z.object({}).strict();
