/**
 * Failed sign-ins per client address, in memory: slows guessing across many usernames (each
 * account also locks itself after repeated failures, in the database). Forgets after the window.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until `key` may try again, or 0. */
  retryAfter(key: string): number {
    const list = this.recent(key);
    if (list.length < this.limit) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - this.clock()) / 1000));
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.clock());
    this.failures.set(key, list);
    // Bounded memory under a flood of distinct addresses: drop the oldest keys.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
