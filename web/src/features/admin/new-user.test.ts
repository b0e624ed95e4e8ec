import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, type NewUserForm, newUserPayload } from './new-user.ts';

const form = (patch: Partial<NewUserForm>): NewUserForm => ({ ...EMPTY_FORM, username: 'chief-jiepai', displayName: '界牌镇 镇长', password: 'hengyang-2026', ...patch });

describe('newUserPayload', () => {
  it.each<[string, Partial<NewUserForm>, object]>([
    ['county: no scope field', { role: 'county', townshipCode: '430421110', officerId: 'OF1' }, { role: 'county' }],
    ['township: its township only', { role: 'township', townshipCode: '430421110', officerId: 'OF1' }, { role: 'township', townshipCode: '430421110' }],
    ['officer: its officer id only', { role: 'officer', townshipCode: '430421110', officerId: ' OF0220 ' }, { role: 'officer', officerId: 'OF0220' }],
    ['username lower-cased and trimmed', { username: '  Chief-JiePai ' }, { username: 'chief-jiepai' }],
  ])('%s', (_, patch, expected) => {
    const p = newUserPayload(form(patch));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.body).toMatchObject(expected);
    for (const k of ['townshipCode', 'officerId'] as const) if (!(k in expected)) expect(p.body).not.toHaveProperty(k);
  });

  it.each<[string, Partial<NewUserForm>, string[]]>([
    ['short username', { username: 'ab' }, ['username']],
    ['username with spaces', { username: 'zhang san' }, ['username']],
    ['empty display name', { displayName: '  ' }, ['displayName']],
    ['short password', { password: 'abc123' }, ['password']],
    ['letters only', { password: 'abcdefghijkl' }, ['password']],
    ['township without a township', { role: 'township', townshipCode: '' }, ['townshipCode']],
    ['officer without an id', { role: 'officer', officerId: '' }, ['officerId']],
    ['everything', { username: '', displayName: '', password: '' }, ['username', 'displayName', 'password']],
  ])('refuses %s', (_, patch, problems) => {
    expect(newUserPayload(form(patch))).toEqual({ ok: false, problems });
  });
});
