import type { SessionRow } from './sessions.ts';

/**
 * Recently checked sessions, for a few seconds: without it every request pays one more database
 * transaction, which on the one-connection embedded database queues behind the answers. Sign-out,
 * disabling a user and revoking a device through this server drop entries at once; the TTL
 * bounds how long another server's change can take to bite.
 */
export class SessionCache {
  private readonly entries = new Map<string, { at: number; session: SessionRow }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(token: string): SessionRow | null {
    const e = this.entries.get(token);
    if (!e) return null;
    if (this.clock() - e.at >= this.ttlMs) {
      this.entries.delete(token);
      return null;
    }
    return e.session;
  }

  set(token: string, session: SessionRow): void {
    if (this.ttlMs <= 0) return;
    this.entries.set(token, { at: this.clock(), session });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  /** After a user or device change: any cached session may now be refused. */
  clear(): void {
    this.entries.clear();
  }
}
