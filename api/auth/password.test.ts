import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('scrypt password hashes', () => {
  it('verifies the right password, refuses a wrong one, salts every hash', async () => {
    const a = await hashPassword('hengyang-demo');
    const b = await hashPassword('hengyang-demo');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('hengyang-demo', a)).toBe(true);
    expect(await verifyPassword('hengyang-demo ', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it.each(['', 'plain', 'scrypt$15$8$1$abc', 'scrypt$40$8$1$AAAA$AAAA', 'bcrypt$1$2$3$4$5'])('refuses the malformed hash %j', async (stored) => {
    expect(await verifyPassword('x', stored)).toBe(false);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['short1', 'at least 10 characters'],
    ['onlyletterslong', 'letters and at least one digit or symbol'],
    ['1234567890', 'letters and at least one digit or symbol'],
    ['hengyang-demo', null],
    [`${'x'.repeat(199)}1`, null],
    ['x'.repeat(201), 'at most 200 characters'],
  ])('%j', (pw, problem) => expect(passwordProblem(pw)).toBe(problem));
});
