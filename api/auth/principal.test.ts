import { describe, expect, it } from 'vitest';
import { type Principal, personalDataView, type Role, scopeFor, seesTownship, seesVillage } from './principal.ts';

const JIEPAI = '430421110';
const OWN = '430421110201';

function who(role: Role, extra: Partial<Principal> = {}): Principal {
  const local = role === 'township' || role === 'officer';
  return {
    userId: 1,
    username: 'u',
    displayName: 'u',
    role,
    townshipCode: local ? JIEPAI : null,
    townshipName: local ? '界牌镇' : null,
    villageCodes: role === 'officer' ? [OWN] : null,
    via: 'session',
    sessionToken: null,
    csrfToken: null,
    ...extra,
  };
}

describe('scopeFor', () => {
  it.each([
    ['county', { kind: 'county' }],
    ['wall', { kind: 'county' }],
    ['admin', { kind: 'county' }],
    ['township', { kind: 'township', township: JIEPAI }],
    ['officer', { kind: 'villages', township: JIEPAI, villages: [OWN] }],
  ] as const)('%s', (role, scope) => expect(scopeFor(who(role))).toEqual(scope));

  it('an officer without villages or a chief without a township sees nothing', () => {
    expect(scopeFor(who('officer', { villageCodes: [] }))).toEqual({ kind: 'none' });
    expect(scopeFor(who('township', { townshipCode: null }))).toEqual({ kind: 'none' });
  });
});

describe('seesVillage / seesTownship', () => {
  it.each([
    ['county', '430421999001', true, true],
    ['township', OWN, true, true],
    ['township', '430421111001', false, false],
    ['officer', OWN, true, true],
    ['officer', '430421110202', false, true],
    ['officer', '430421111001', false, false],
  ] as const)('%s: village %s -> %s, its township -> %s', (role, village, v, t) => {
    expect(seesVillage(who(role), village)).toBe(v);
    expect(seesTownship(who(role), village.slice(0, 9))).toBe(t);
  });
});

describe('personalDataView', () => {
  it.each([
    ['county', 'full'],
    ['officer', 'full'],
    ['admin', 'full'],
    ['township', 'masked'],
    ['wall', 'none'],
  ] as const)('%s sees %s', (role, view) => expect(personalDataView(role)).toBe(view));
});
