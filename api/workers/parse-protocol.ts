import { AppError } from '../errors.ts';

/**
 * What a parse worker answers its parent: the parsed value, or the error it threw in a form that
 * survives the structured clone (an AppError arrives as an AppError with its status, code,
 * message, fields and details; class identity does not cross threads).
 */

export type SerializedError =
  | { kind: 'app'; status: AppError['status']; code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> }
  | { kind: 'other'; name: string; message: string; stack?: string };

export type ParseReply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof AppError) return { kind: 'app', status: e.status, code: e.code, message: e.message, fields: e.fields, details: e.details };
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'other', name: err.name, message: err.message, stack: err.stack };
}

/**
 * The error to throw in the parent. A RangeError is the engine giving up on the file itself
 * (call stack, string or array length): the file is refused, not the server's fault.
 */
export function reviveError(e: SerializedError): Error {
  if (e.kind === 'app') return new AppError(e.status, e.code, e.message, e.fields, e.details);
  if (e.name === 'RangeError')
    return new AppError(422, 'import_too_complex', `the file is too large or too deeply nested to read (${e.message.slice(0, 120)}); check it is the right file, or split it`);
  const err = new Error(`parse worker: ${e.message}`);
  if (e.stack) err.stack = e.stack;
  return err;
}
