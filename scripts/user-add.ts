/**
 * Adds a user.
 *   npm run user:add -- --username zhang.san --role township --township 430421110 --display-name 张三 --password '...'
 *   roles: county | township (needs --township) | officer (needs --officer <officer id>) | wall | admin
 * Without --password a random one is generated and printed once.
 * Goes through the running server's API when it holds the embedded database (PGlite allows one
 * process), else writes to the database directly; either way the audit log records it.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { audit } from '../api/audit.ts';
import { ROLES, type Role } from '../api/auth/principal.ts';
import { type AdminUserJson, adminUserJson, createUser, type NewUser } from '../api/auth/users.ts';
import { loadConfig } from '../api/config.ts';
import { SYSTEM } from '../api/db/types.ts';
import { seedIfEmpty } from '../api/seed/seed.ts';
import { viaServerOrDb } from './cli-api.ts';
import { cliArgsOrExit } from './cli-args.ts';

const USAGE = 'usage: npm run user:add -- --username NAME --role county|township|officer|wall|admin [--township CODE] [--officer ID] [--display-name TEXT] [--password PW]';

const OPTIONS = {
  username: { type: 'string' },
  // The older spelling of --username, still accepted.
  name: { type: 'string' },
  role: { type: 'string' },
  township: { type: 'string' },
  officer: { type: 'string' },
  'display-name': { type: 'string' },
  password: { type: 'string' },
} as const;

function parse(): { user: NewUser; generated: boolean } {
  const { values: f } = cliArgsOrExit('user:add', USAGE, OPTIONS);
  const username = f.username ?? f.name;
  const role = f.role as Role | undefined;
  if (!username || !role) throw new Error(USAGE);
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const generated = f.password === undefined;
  const password = f.password ?? `hy-${randomBytes(12).toString('base64url')}`;
  const user: NewUser = {
    username: username.toLowerCase(),
    displayName: f['display-name'] ?? username,
    role,
    password,
    townshipCode: f.township ?? null,
    officerId: f.officer ?? null,
  };
  return { user, generated };
}

async function viaApi(base: string, auth: Record<string, string>, u: NewUser): Promise<AdminUserJson> {
  const res = await fetch(`${base}/api/admin/users`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ ...u, townshipCode: u.townshipCode ?? undefined, officerId: u.officerId ?? undefined }),
  });
  const body = (await res.json()) as { user?: AdminUserJson; error?: { message: string; fields?: Record<string, string> } };
  if (res.status !== 201 || !body.user) {
    const fields = body.error?.fields
      ? ` (${Object.entries(body.error.fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')})`
      : '';
    throw new Error(`the server refused (${res.status}): ${body.error?.message ?? 'no message'}${fields}`);
  }
  return body.user;
}

async function main(): Promise<number> {
  const { user, generated } = parse();
  const config = loadConfig();
  const created = await viaServerOrDb<AdminUserJson>(config, {
    api: (base, auth) => viaApi(base, auth, user),
    db: async (db) => {
      // A township or officer user refers to the county's places: make sure they are loaded.
      await seedIfEmpty(db, { seed: config.SEED, scale: config.SEED_SCALE, now: config.APP_NOW ? new Date(config.APP_NOW) : new Date() });
      return db.write(SYSTEM, async (h) => {
        const u = await createUser(h, user);
        await audit(h, {
          actor: `cli:${userInfo().username}`,
          role: 'admin',
          action: 'user.create',
          target: `user:${u.username}`,
          detail: { role: u.role, townshipCode: u.townshipCode, officerId: u.officerId },
        });
        return adminUserJson(u);
      });
    },
  });
  const where = created.townshipName ? ` (${created.townshipName}${created.villageCodes ? `, villages ${created.villageCodes.join(', ')}` : ''})` : '';
  console.log(`added ${created.username}: role ${created.role}${where}`);
  if (generated) console.log(`password (shown once): ${user.password}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err = e as { message?: string; fields?: Record<string, string> };
    const fields = err.fields
      ? ` (${Object.entries(err.fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')})`
      : '';
    console.error(`user:add: ${err.message ?? String(e)}${fields}`);
    process.exit(1);
  },
);
