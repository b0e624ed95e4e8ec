import { Hono } from 'hono';
import type { Deps } from './deps.ts';

// Being built (issue 5); mounted in app.ts so its tests go through the app's error handling.
export function ledgerImportRoutes(_deps: Deps) {
  return new Hono();
}
