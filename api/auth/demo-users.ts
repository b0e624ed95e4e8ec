import { audit } from '../audit.ts';
import type { Db } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { createUser, type NewUser } from './users.ts';

/** The demo password, printed in the README: for the embedded demo database only. */
export const DEMO_PASSWORD = 'hengyang-demo';
/** 界牌镇: the demo township chief's and officer's township. */
export const DEMO_TOWNSHIP = '430421110';

/**
 * On the embedded default's first start, one user per role so the dashboard can be tried at once.
 * Never with DATABASE_URL (main.ts), and never once any user exists.
 */
export async function ensureDemoUsers(db: Db): Promise<string[]> {
  return db.write(SYSTEM, async (h) => {
    const [{ n }] = (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user')) as [{ n: number }];
    if (n > 0) return [];
    const [officer] = await h.query<{ id: string }>(`SELECT o.id FROM officer o WHERE left(o.village_code, 9) = $1 ORDER BY o.village_code LIMIT 1`, [DEMO_TOWNSHIP]);
    const users: NewUser[] = [
      { username: 'demo-county', displayName: '县级领导（演示）', role: 'county', password: DEMO_PASSWORD },
      { username: 'demo-township', displayName: '界牌镇（演示）', role: 'township', townshipCode: DEMO_TOWNSHIP, password: DEMO_PASSWORD },
      ...(officer ? [{ username: 'demo-officer', displayName: '界牌镇民警（演示）', role: 'officer' as const, officerId: officer.id, password: DEMO_PASSWORD }] : []),
      { username: 'demo-wall', displayName: '指挥中心大屏（演示）', role: 'wall', password: DEMO_PASSWORD },
      { username: 'demo-admin', displayName: '系统管理员（演示）', role: 'admin', password: DEMO_PASSWORD },
    ];
    for (const u of users) {
      await createUser(h, u);
      await audit(h, { actor: 'system', role: null, action: 'user.create', target: `user:${u.username}`, detail: { role: u.role, demo: true } });
    }
    return users.map((u) => u.username);
  });
}
