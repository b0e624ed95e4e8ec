/**
 * Domain errors. Routes and queries throw these; one `onError` in app.ts turns each into
 * `{ error: { code, message, fields?, ...details } }` with its HTTP status.
 */

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    /** Extra machine-readable members of the error object (e.g. the allowed transitions). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(400, 'invalid_request', message, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

/** The request is well-formed but conflicts with the current state (e.g. an illegal transition). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, undefined, details);
  }
}

/** The request is well-formed but its content can't be accepted (e.g. a point outside the county). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, fields?: FieldErrors, details?: Record<string, unknown>) {
    super(422, code, message, fields, details);
  }
}

/** No session, or an expired one. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in first') {
    super(401, 'unauthenticated', message);
  }
}

/** The caller's role may not do this (`forbidden`), or the thing asked for lies outside its township or villages (`out_of_scope`). */
export class ForbiddenError extends AppError {
  constructor(message: string, code: 'forbidden' | 'out_of_scope' | 'csrf_failed' = 'forbidden') {
    super(403, code, message);
  }
}
