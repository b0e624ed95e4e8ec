import type { Config } from '../config.ts';
import type { FailureThrottle, LockRule } from './throttle.ts';

/**
 * The limits on guessing passwords (sign-in, and the current password of a password change),
 * all in memory and all the same for a username that exists and one that does not:
 *  - one account from one client address: LOGIN_LOCK_AFTER failures lock that pair for
 *    LOGIN_LOCK_MINUTES; the user still signs in from their own desk; a success resets the pair;
 *  - one address, over every username: LOGIN_ADDRESS_LIMIT failures pause it for the same time;
 *    a success does not reset it;
 *  - one account from everywhere: past LOGIN_DELAY_AFTER failures each attempt waits (100 ms,
 *    doubling, at most LOGIN_DELAY_MAX_MS) before its password is checked. It only delays.
 * Failures older than LOGIN_LOCK_MINUTES do not count; a lock that has ended starts from zero.
 */
export type LimitedBy = 'address' | 'account_address';

export interface Refusal {
  seconds: number;
  by: LimitedBy;
}

type Limits = Pick<Config, 'LOGIN_LOCK_AFTER' | 'LOGIN_LOCK_MINUTES' | 'LOGIN_ADDRESS_LIMIT' | 'LOGIN_DELAY_AFTER' | 'LOGIN_DELAY_MAX_MS'>;

/** The back-off before checking a password, after `failures` failures of the account (table-tested). */
export function backoffMs(failures: number, after: number, maxMs: number): number {
  if (failures < after) return 0;
  return Math.min(maxMs, 100 * 2 ** Math.min(20, failures - after));
}

export class SignInLimits {
  private readonly pairRule: LockRule;
  private readonly addressRule: LockRule;
  private readonly accountRule: LockRule;

  constructor(
    private readonly store: FailureThrottle,
    private readonly limits: Limits,
  ) {
    const windowMs = Math.round(limits.LOGIN_LOCK_MINUTES * 60_000);
    this.pairRule = { limit: limits.LOGIN_LOCK_AFTER, windowMs };
    this.addressRule = { limit: limits.LOGIN_ADDRESS_LIMIT, windowMs };
    // Never locks: the limit only bounds how far back it counts.
    this.accountRule = { limit: Number.MAX_SAFE_INTEGER, windowMs, keep: 1000 };
  }

  // Usernames never hold NUL (validation), so a pair key cannot collide.
  private pair = (username: string, address: string) => `pair:${username}\0${address}`;
  private address = (address: string) => `addr:${address}`;
  private account = (username: string) => `acct:${username}`;

  /** Whether this attempt is refused before any check (429 with the seconds to wait), or null. */
  refusal(username: string, address: string): Refusal | null {
    const a = this.store.retryAfter(this.address(address), this.addressRule);
    if (a > 0) return { seconds: a, by: 'address' };
    const p = this.store.retryAfter(this.pair(username, address), this.pairRule);
    if (p > 0) return { seconds: p, by: 'account_address' };
    return null;
  }

  /** How long to wait before checking the password (the account-wide back-off). */
  delayMs(username: string): number {
    return backoffMs(this.store.count(this.account(username), this.accountRule), this.limits.LOGIN_DELAY_AFTER, this.limits.LOGIN_DELAY_MAX_MS);
  }

  /** The attempt is in flight: it counts toward the pair's and the address's limits until settled. */
  begin(username: string, address: string): void {
    this.store.begin(this.pair(username, address), this.pairRule);
    this.store.begin(this.address(address), this.addressRule);
  }

  /**
   * The attempt is over: failed (counted everywhere), succeeded (the pair starts again; the
   * address and the account do not), or neither (an error: nothing counted).
   */
  settle(username: string, address: string, outcome: 'failed' | 'succeeded' | 'error'): void {
    const failed = outcome === 'failed';
    this.store.settle(this.pair(username, address), failed, this.pairRule);
    this.store.settle(this.address(address), failed, this.addressRule);
    if (failed) this.store.fail(this.account(username), this.accountRule);
    if (outcome === 'succeeded') this.store.reset(this.pair(username, address));
  }

  /** Device tokens: only the address counts. */
  addressRefusal(address: string): number {
    return this.store.retryAfter(this.address(address), this.addressRule);
  }

  addressFailed(address: string): void {
    this.store.fail(this.address(address), this.addressRule);
  }

  /** An admin set a new password: the account's locks and back-off end. */
  forgetAccount(username: string): void {
    this.store.resetPrefix(`pair:${username}\0`);
    this.store.reset(this.account(username));
  }
}

export const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
