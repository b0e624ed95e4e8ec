import { ApiError } from '../../api/client.ts';

/**
 * An admin action's failure in one line: the API's field problems when it named them (they say
 * exactly what to fix: "password: at least 10 characters"), else its message, else the status.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.body.fields;
    if (fields && Object.keys(fields).length > 0) {
      return Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
    }
    return error.code && error.message.startsWith('HTTP') ? `${error.code} (${error.message})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
