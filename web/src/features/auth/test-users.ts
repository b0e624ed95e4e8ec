import type { AuthUser, Role } from './types.ts';

/** The demo accounts of docs/auth-api.md, as the API describes them. */
export function user(role: Role, patch: Partial<AuthUser> = {}): AuthUser {
  const scoped = role === 'township' || role === 'officer';
  return {
    id: { county: 1, township: 3, officer: 4, wall: 5, admin: 6 }[role],
    username: `demo-${role === 'county' ? 'county' : role}`,
    displayName: { county: '县委政法委 演示账号', township: '界牌镇 演示账号', officer: '界牌镇 民警', wall: '综治中心大屏', admin: '系统管理员' }[role],
    role,
    townshipCode: scoped ? '430421110' : null,
    townshipName: scoped ? '界牌镇' : null,
    villageCodes: role === 'officer' ? ['430421110200', '430421110201'] : null,
    ...patch,
  };
}
