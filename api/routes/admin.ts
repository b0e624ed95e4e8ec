import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit, clientIp, readAudit } from '../audit.ts';
import { createDevice, listDevices, revokeDevice } from '../auth/devices.ts';
import { allow, principalOf } from '../auth/middleware.ts';
import { ROLES } from '../auth/principal.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { SignInLimits } from '../auth/sign-in-limits.ts';
import { adminUserJson, createUser, listUsers, updateUser } from '../auth/users.ts';
import { townshipCode } from '../contract/case-filter.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { NO_NUL, noQuery, validate } from './validation.ts';

const COUNTY = { kind: 'county' } as const;

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'expected 3-40 lower-case letters, digits and . _ - (starting with a letter or digit)');
const displayName = z.string().trim().min(1, 'required').max(50, 'at most 50 characters').regex(NO_NUL, 'must not contain NUL characters');
const password = z.string().max(200, 'at most 200 characters');
const idParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

const newUser = z
  .object({
    username,
    displayName,
    password,
    role: z.enum(ROLES),
    townshipCode: townshipCode.optional(),
    officerId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,40}$/, 'expected an officer id')
      .optional(),
  })
  .strict();
const userChange = z.object({ displayName: displayName.optional(), password: password.optional(), disabled: z.boolean().optional() }).strict();
const newDevice = z
  .object({
    name: displayName,
    userId: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().min(1).optional() }).strict();

function who(c: Context) {
  const p = principalOf(c);
  return { actor: p.username, role: p.role, ip: clientIp(c) };
}

/** Users, wall devices and the audit log: admins only. Every change is audited in its own transaction. */
export function adminRoutes(deps: Deps, sessions: SessionCache) {
  return new Hono()
    .use('*', allow('admin'))
    .get('/users', validate('query', noQuery), async (c) => c.json({ users: (await deps.db.read(COUNTY, listUsers)).map(adminUserJson) }))
    .post('/users', validate('json', newUser), async (c) => {
      const body = c.req.valid('json');
      const user = await deps.db.write(COUNTY, async (h) => {
        const u = await createUser(h, body);
        await audit(h, { ...who(c), action: 'user.create', target: `user:${u.username}`, detail: { role: u.role, townshipCode: u.townshipCode, officerId: u.officerId } });
        return u;
      });
      return c.json({ user: adminUserJson(user) }, 201);
    })
    .patch('/users/:id', validate('param', idParam), validate('json', userChange), async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      const user = await deps.db.write(COUNTY, async (h) => {
        const u = await updateUser(h, id, change);
        if (!u) throw new NotFoundError(`no user ${id}`);
        // Never the password itself: only that it changed.
        const detail = { displayName: change.displayName, disabled: change.disabled, passwordChanged: change.password !== undefined };
        await audit(h, { ...who(c), action: 'user.update', target: `user:${u.username}`, detail });
        return u;
      });
      sessions.clear();
      // A new password set by an admin ends the account's sign-in locks and back-off.
      if (change.password !== undefined) new SignInLimits(deps.throttle, deps.config).forgetAccount(user.username);
      return c.json({ user: adminUserJson(user) });
    })
    .get('/devices', validate('query', noQuery), async (c) => c.json({ devices: await deps.db.read(COUNTY, listDevices) }))
    .post('/devices', validate('json', newDevice), async (c) => {
      const { name, userId } = c.req.valid('json');
      const created = await deps.db.write(COUNTY, async (h) => {
        const d = await createDevice(h, name, userId);
        await audit(h, { ...who(c), action: 'device.create', target: `device:${d.device.id}`, detail: { name, username: d.device.username } });
        return d;
      });
      return c.json(created, 201);
    })
    .delete('/devices/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const device = await deps.db.write(COUNTY, async (h) => {
        const d = await revokeDevice(h, id);
        await audit(h, { ...who(c), action: 'device.revoke', target: `device:${id}`, detail: { name: d.name } });
        return d;
      });
      sessions.clear();
      return c.json({ device });
    })
    .get('/audit', validate('query', auditQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json({ entries: await deps.db.read(COUNTY, (h) => readAudit(h, q.limit, q.before ?? null)) });
    });
}
