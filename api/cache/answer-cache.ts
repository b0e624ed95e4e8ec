/**
 * A short-lived cache of whole API answers with single flight: when a hundred screens ask for
 * the same summary at once, the database computes it once. Keys always carry the caller's role
 * and scope (see middleware.ts), so one scope's answer never reaches another. Writes made
 * through this server clear it at once; the TTL bounds what another server's writes can miss.
 */
export interface CachedAnswer {
  body: ArrayBuffer;
  headers: [string, string][];
}

interface Entry {
  at: number;
  answer: CachedAnswer;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedAnswer | null>>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly clock: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** A fresh answer, or null. */
  fresh(key: string): CachedAnswer | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (this.clock() - e.at >= this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return e.answer;
  }

  /**
   * The answer for `key`: fresh from the cache, or from the request already computing it, or
   * computed by `produce` (null: not cacheable, e.g. an error). `shared` says whether it came
   * from someone else's work.
   */
  async get(key: string, produce: () => Promise<CachedAnswer | null>): Promise<{ answer: CachedAnswer | null; shared: boolean }> {
    const hit = this.fresh(key);
    if (hit) return { answer: hit, shared: true };
    const running = this.inflight.get(key);
    if (running) {
      const answer = await running;
      if (answer) return { answer, shared: true };
    }
    const generation = this.generation;
    const work = produce();
    this.inflight.set(key, work);
    try {
      const answer = await work;
      // A write landed while this was computed: the answer may predate it, so don't keep it.
      if (answer && generation === this.generation) this.store(key, answer);
      return { answer, shared: false };
    } finally {
      if (this.inflight.get(key) === work) this.inflight.delete(key);
    }
  }

  private store(key: string, answer: CachedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.clock(), answer });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** After a write: everything cached may be out of date. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
