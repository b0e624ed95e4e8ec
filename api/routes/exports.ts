import { Hono } from 'hono';
import { z } from 'zod';
import { audit, clientIp } from '../audit.ts';
import { principalOf } from '../auth/middleware.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

/**
 * Pictures and PDFs are drawn in the browser from answers the caller was already allowed to read;
 * the web reports each one here so the audit log shows who exported what view, and when.
 */
const exportBody = z
  .object({
    kind: z.enum(['dashboard-png', 'wall-png', 'briefing-pdf', 'briefing-png']),
    view: z
      .string()
      .max(500, 'at most 500 characters')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing NUL is the point
      .regex(/^[^<>\u0000]*$/, 'no markup or NUL characters')
      .default(''),
  })
  .strict();

export function exportsRoutes(deps: Deps) {
  return new Hono().post('/', validate('json', exportBody), async (c) => {
    const p = principalOf(c);
    const { kind, view } = c.req.valid('json');
    await deps.db.write({ kind: 'county' }, (h) => audit(h, { actor: p.username, role: p.role, action: 'export', target: kind, detail: { view }, ip: clientIp(c) }));
    return c.json({ ok: true as const }, 201);
  });
}
