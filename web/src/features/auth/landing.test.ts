import { describe, expect, it } from 'vitest';
import { clampView, DEFAULT_VIEW } from '../url-state/view-state.ts';
import { type Capability, can, type Landing, landingFor, pageOf, scopeLockOf } from './landing.ts';
import { user } from './test-users.ts';
import type { Role } from './types.ts';

const JIEPAI = '430421110';
const show: Landing = { kind: 'show' };
const go = (href: string, reload: boolean): Landing => ({ kind: 'redirect', href, reload });

describe('landingFor', () => {
  it.each<[Role, string, string, Landing]>([
    // county-wide roles stay where they asked to go
    ['county', '/', '', show],
    ['county', '/', `?t=430421111&m=coverage`, show],
    ['county', '/wall', '?refresh=30', show],
    ['county', '/briefing', '?week=2026-W47', show],
    ['county', '/admin', '', { kind: 'forbidden' }],
    ['admin', '/admin', '?tab=devices', show],
    ['admin', '/', '', show],
    ['admin', '/wall', '', show],
    // a township account lands on its township, keeping the rest of the view
    ['township', '/', '', go(`/?t=${JIEPAI}`, false)],
    ['township', '/', `?t=${JIEPAI}`, show],
    ['township', '/', '?t=430421111&m=coverage&lang=en', go(`/?t=${JIEPAI}&m=coverage&lang=en`, false)],
    ['township', '/', `?v=430421111200`, go(`/?t=${JIEPAI}`, false)],
    ['township', '/', `?v=430421110205`, show],
    ['township', '/wall', '', go('/', true)],
    ['township', '/wall', '?lang=en', go('/?lang=en', true)],
    ['township', '/briefing', '?week=2026-W47', go(`/briefing?week=2026-W47&township=${JIEPAI}`, false)],
    ['township', '/briefing', `?township=${JIEPAI}`, show],
    ['township', '/admin', '', { kind: 'forbidden' }],
    // an officer: its township, and only its own villages
    ['officer', '/', '', go(`/?t=${JIEPAI}`, false)],
    ['officer', '/', `?v=430421110200`, show],
    ['officer', '/', `?v=430421110205`, go(`/?t=${JIEPAI}`, false)],
    // a wall screen shows the wall, whatever it was pointed at
    ['wall', '/wall', '?carousel=20', show],
    ['wall', '/', '?t=430421110', go('/wall', true)],
    ['wall', '/admin', '?lang=en', go('/wall?lang=en', true)],
    ['wall', '/briefing', '', go('/wall', true)],
  ])('%s at %s%s', (role, pathname, search, expected) => {
    expect(landingFor(user(role), { pathname, search })).toEqual(expected);
  });
});

describe('can', () => {
  it.each<[Role, Capability[]]>([
    ['county', ['countyView', 'wallView']],
    ['township', ['import']],
    ['officer', []],
    ['wall', ['countyView', 'wallView']],
    ['admin', ['countyView', 'wallView', 'import', 'admin']],
  ])('%s may %j', (role, allowed) => {
    const all: Capability[] = ['countyView', 'wallView', 'import', 'admin'];
    expect(all.filter((c) => can(user(role), c))).toEqual(allowed);
  });

  it('nobody signed in may do anything', () => {
    expect(can(null, 'countyView')).toBe(false);
  });
});

describe('scope lock and clampView', () => {
  it('locks township and officer accounts, not the others', () => {
    expect(scopeLockOf(user('township'))).toEqual({ township: JIEPAI, villages: null });
    expect(scopeLockOf(user('officer'))).toEqual({ township: JIEPAI, villages: ['430421110200', '430421110201'] });
    expect(scopeLockOf(user('county'))).toBeNull();
    expect(scopeLockOf(user('admin'))).toBeNull();
  });

  it.each<[string | null, string | null, string | null, string | null]>([
    [null, null, JIEPAI, null],
    ['430421111', null, JIEPAI, null],
    [JIEPAI, '430421110200', JIEPAI, '430421110200'],
    [JIEPAI, '430421110205', JIEPAI, null], // not one of the officer's villages
    ['430421111', '430421111200', JIEPAI, null],
  ])('officer: %s/%s -> %s/%s', (township, village, t, v) => {
    const lock = scopeLockOf(user('officer'));
    expect(clampView({ ...DEFAULT_VIEW, township, village }, lock)).toMatchObject({ township: t, village: v });
  });

  it('leaves the view (same object) alone without a lock or inside it', () => {
    const view = { ...DEFAULT_VIEW, township: '430421111' };
    expect(clampView(view, null)).toBe(view);
    const inside = { ...DEFAULT_VIEW, township: JIEPAI };
    expect(clampView(inside, scopeLockOf(user('township')))).toBe(inside);
  });
});

describe('pageOf', () => {
  it.each([
    ['/', 'dashboard'],
    ['/wall', 'wall'],
    ['/wall/', 'wall'],
    ['/briefing', 'briefing'],
    ['/admin', 'admin'],
    ['/index.html', 'dashboard'],
  ])('%s -> %s', (path, page) => expect(pageOf(path)).toBe(page));
});
