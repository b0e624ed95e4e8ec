/** How many failures within a window lock a key, and for how long. */
export interface LockRule {
  limit: number;
  windowMs: number;
  /** How long the lock lasts once the limit is reached; default the window. */
  lockMs?: number;
  /** Most failures remembered per key (a rule that never locks still stays bounded). */
  keep?: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  /** Attempts begun and not yet settled: they count as failures until they are known. */
  pending: number;
}

/**
 * Failed attempts per key, in memory (sign-in: per account and address, per address, per
 * account; see sign-in-limits.ts). A failure older than the window no longer counts; the
 * failure that reaches the limit locks the key, and a lock that has ended starts from zero.
 * Memory stays bounded under a flood of distinct keys: past `maxKeys` the oldest are dropped.
 */
export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  private get defaults(): LockRule {
    return { limit: this.limit, windowMs: this.windowMs };
  }

  /** The key's entry with old failures and an ended lock forgotten (dropped when nothing is left). */
  private current(key: string, rule: LockRule): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const now = this.clock();
    if (e.lockedUntil && e.lockedUntil <= now) {
      e.lockedUntil = 0;
      e.failures = [];
    }
    e.failures = e.failures.filter((t) => t > now - rule.windowMs);
    if (!e.lockedUntil && e.failures.length === 0 && e.pending === 0) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private entry(key: string, rule: LockRule): Entry {
    let e = this.current(key, rule);
    if (!e) {
      e = { failures: [], lockedUntil: 0, pending: 0 };
      this.entries.set(key, e);
      if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    }
    return e;
  }

  /** Seconds until `key` may try again, or 0. Attempts in flight count as failures (1 s). */
  retryAfter(key: string, rule: LockRule = this.defaults): number {
    const e = this.current(key, rule);
    if (!e) return 0;
    const now = this.clock();
    if (e.lockedUntil > now) return Math.max(1, Math.ceil((e.lockedUntil - now) / 1000));
    return e.failures.length + e.pending >= rule.limit ? 1 : 0;
  }

  /** Failures within the window (a locked key's are cleared when it locks). */
  count(key: string, rule: LockRule = this.defaults): number {
    return this.current(key, rule)?.failures.length ?? 0;
  }

  /** Counts a failure; answers true when it locks the key. */
  fail(key: string, rule: LockRule = this.defaults): boolean {
    const e = this.entry(key, rule);
    const now = this.clock();
    e.failures.push(now);
    if (rule.keep !== undefined && e.failures.length > rule.keep) e.failures.shift();
    if (e.failures.length < rule.limit) return false;
    e.lockedUntil = now + (rule.lockMs ?? rule.windowMs);
    e.failures = [];
    return true;
  }

  /** An attempt begins: until settle(), it counts toward the limit. */
  begin(key: string, rule: LockRule = this.defaults): void {
    this.entry(key, rule).pending++;
  }

  /** The attempt begun on `key` is over: a failure (counted), or not. */
  settle(key: string, failed: boolean, rule: LockRule = this.defaults): boolean {
    const e = this.entries.get(key);
    if (e && e.pending > 0) e.pending--;
    if (failed) return this.fail(key, rule);
    this.current(key, rule);
    return false;
  }

  reset(key: string): void {
    const e = this.entries.get(key);
    if (e?.pending) Object.assign(e, { failures: [], lockedUntil: 0 });
    else this.entries.delete(key);
  }

  /** Forgets every key starting with `prefix` (an admin's password reset ends an account's locks). */
  resetPrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.reset(key);
  }
}
