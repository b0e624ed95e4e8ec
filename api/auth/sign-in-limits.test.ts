import { describe, expect, it } from 'vitest';
import { backoffMs, SignInLimits } from './sign-in-limits.ts';
import { FailureThrottle } from './throttle.ts';

describe('backoffMs', () => {
  it.each([
    [0, 10, 3000, 0],
    [9, 10, 3000, 0],
    [10, 10, 3000, 100],
    [11, 10, 3000, 200],
    [14, 10, 3000, 1600],
    [15, 10, 3000, 3000],
    [10_000, 10, 3000, 3000],
    [50, 10, 0, 0],
  ])('%i failures (after %i, max %i ms) -> %i ms', (failures, after, max, ms) => expect(backoffMs(failures, after, max)).toBe(ms));
});

const LIMITS = { LOGIN_LOCK_AFTER: 3, LOGIN_LOCK_MINUTES: 1, LOGIN_ADDRESS_LIMIT: 5, LOGIN_DELAY_AFTER: 4, LOGIN_DELAY_MAX_MS: 1000 };

function setup() {
  const clock = { now: 1_000_000 };
  const limits = new SignInLimits(new FailureThrottle(99, 1, () => clock.now), LIMITS);
  const fail = (user: string, address: string) => {
    limits.begin(user, address);
    limits.settle(user, address, 'failed');
  };
  return { clock, limits, fail };
}

describe('SignInLimits', () => {
  it('locks an account at one address only; other addresses and accounts go on', () => {
    const { limits, fail } = setup();
    for (let i = 0; i < 3; i++) fail('zhang', 'attacker');
    expect(limits.refusal('zhang', 'attacker')).toEqual({ seconds: 60, by: 'account_address' });
    expect(limits.refusal('zhang', 'desk')).toBeNull();
    expect(limits.refusal('li', 'attacker')).toBeNull();
  });

  it('pauses an address after LOGIN_ADDRESS_LIMIT failures over all usernames; a success does not reset it', () => {
    const { limits, fail } = setup();
    for (const u of ['a', 'b', 'c', 'd']) fail(u, 'ip');
    limits.begin('mine', 'ip');
    limits.settle('mine', 'ip', 'succeeded');
    expect(limits.refusal('e', 'ip')).toBeNull();
    fail('e', 'ip');
    expect(limits.refusal('mine', 'ip')).toEqual({ seconds: 60, by: 'address' });
  });

  it('a success resets its own pair; an error counts nothing', () => {
    const { limits, fail } = setup();
    fail('zhang', 'desk');
    fail('zhang', 'desk');
    limits.begin('zhang', 'desk');
    limits.settle('zhang', 'desk', 'succeeded');
    fail('zhang', 'desk');
    fail('zhang', 'desk');
    limits.begin('zhang', 'desk');
    limits.settle('zhang', 'desk', 'error');
    expect(limits.refusal('zhang', 'desk')).toBeNull();
  });

  it('delays an account failing from many addresses, the same for any username, and never locks it', () => {
    const { limits, fail, clock } = setup();
    for (let i = 0; i < 6; i++) {
      fail('zhang', `bot${i}`);
      fail('nobody', `bot${i}`);
    }
    expect(limits.delayMs('zhang')).toBe(400);
    expect(limits.delayMs('nobody')).toBe(400);
    expect(limits.delayMs('li')).toBe(0);
    expect(limits.refusal('zhang', 'desk')).toBeNull();
    clock.now += 60_001;
    expect(limits.delayMs('zhang')).toBe(0);
  });

  it("forgetAccount ends the account's locks at every address", () => {
    const { limits, fail } = setup();
    for (let i = 0; i < 3; i++) {
      fail('zhang', 'x');
      fail('zhang2', 'y');
    }
    limits.forgetAccount('zhang');
    expect(limits.refusal('zhang', 'x')).toBeNull();
    expect(limits.refusal('zhang2', 'y')).not.toBeNull();
  });
});
