import { BIDI_CONTROL } from '../domain/bidi.ts';
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors.ts';

/**
 * zod validation at the edge; a failure becomes a 400 with one message per field. Every string
 * that passes the schema is also refused if it holds a bidirectional control character
 * (see api/domain/bidi.ts), whatever the endpoint: free text is shown to others in lists, tables, the
 * wall and exports.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
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
