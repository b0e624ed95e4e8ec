/**
 * A short-lived cache of whole API answers with single flight: when a hundred screens ask for
 * the same summary at once, the database computes it once. Keys always carry the caller's role
 * and scope (see middleware.ts), so one scope's answer never reaches another. Writes made
 * through this server clear it at once; the TTL bounds what another server's writes can miss.
 *
 * Memory is bounded by entries and by bytes (ANSWER_CACHE_MAX_BYTES): any signed-in user can ask
 * for many distinct URLs, so expired entries are swept on every lookup and insert, an answer
 * larger than a quarter of the budget is not kept at all, and past the budget the oldest go.
 */
export interface CachedAnswer {
  body: ArrayBuffer;
  headers: [string, string][];
  /** The body compressed, per content coding, made on first demand (see `variant`). */
  variants?: Map<string, Promise<Uint8Array>>;
}

interface Entry {
  at: number;
  answer: CachedAnswer;
  /** What the entry is counted as against the byte budget. */
  bytes: number;
}

export interface AnswerCacheLimits {
  /** Most answers kept (default 500). */
  maxEntries?: number;
  /** Most bytes kept, bodies, headers and keys together (default 64 MiB). */
  maxBytes?: number;
  clock?: () => number;
}

export const DEFAULT_ANSWER_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** The largest share of the byte budget one answer may take; a larger one is served but not kept. */
const LARGEST_SHARE = 4;

/** Roughly what an entry holds in memory: its body, and its key and headers as UTF-16 strings. */
function sizeOf(key: string, answer: CachedAnswer): number {
  let chars = key.length;
  for (const [k, v] of answer.headers) chars += k.length + v.length;
  return answer.body.byteLength + 2 * chars;
}

export class AnswerCache {
  /** In insertion order, which is also the order of `at`: the oldest first. */
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedAnswer | null>>();
  private generation = 0;
  private total = 0;
  /** Answers computed before this instant are served but not kept (see `clear`). */
  private holdUntil = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly clock: () => number;

  constructor(
    readonly ttlMs: number,
    limits: AnswerCacheLimits = {},
  ) {
    this.maxEntries = limits.maxEntries ?? 500;
    this.maxBytes = limits.maxBytes ?? DEFAULT_ANSWER_CACHE_MAX_BYTES;
    this.clock = limits.clock ?? Date.now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** A fresh answer, or null. */
  fresh(key: string): CachedAnswer | null {
    this.sweep();
    const e = this.entries.get(key);
    if (!e) return null;
    if (this.expired(e)) {
      this.remove(key);
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
      if (answer && generation === this.generation && this.clock() >= this.holdUntil) this.store(key, answer);
      return { answer, shared: false };
    } finally {
      if (this.inflight.get(key) === work) this.inflight.delete(key);
    }
  }

  private expired(e: Entry): boolean {
    return this.clock() - e.at >= this.ttlMs;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  /** Drops the expired entries: they lead the map, so this stops at the first fresh one. */
  private sweep(): void {
    for (const [key, e] of this.entries) {
      if (!this.expired(e)) break;
      this.remove(key);
    }
  }

  private store(key: string, answer: CachedAnswer): void {
    this.remove(key);
    this.sweep();
    const bytes = sizeOf(key, answer);
    if (bytes > this.maxBytes / LARGEST_SHARE) return;
    this.entries.set(key, { at: this.clock(), answer, bytes });
    this.total += bytes;
    while (this.entries.size > this.maxEntries || this.total > this.maxBytes) this.remove(this.entries.keys().next().value!);
  }

  /**
   * The answer's body in another form (compressed for one content coding), made once per kept
   * answer and counted against the byte budget while the answer is kept, so a hundred screens
   * polling the village layer cost one compression, not a hundred.
   */
  variant(key: string, answer: CachedAnswer, name: string, make: (body: ArrayBuffer) => Promise<Uint8Array>): Promise<Uint8Array> {
    answer.variants ??= new Map();
    const known = answer.variants.get(name);
    if (known) return known;
    const made = make(answer.body);
    answer.variants.set(name, made);
    made.then(
      (out) => {
        const e = this.entries.get(key);
        if (e?.answer !== answer) return;
        e.bytes += out.byteLength;
        this.total += out.byteLength;
        while (this.total > this.maxBytes && this.entries.size > 0) this.remove(this.entries.keys().next().value!);
      },
      () => answer.variants?.delete(name),
    );
    return made;
  }

  /**
   * After a write: everything cached may be out of date. `holdMs`: answers computed in the next
   * moments are not kept either, as one read from a streaming replica may not show the write yet.
   */
  clear(holdMs = 0): void {
    this.generation++;
    this.holdUntil = Math.max(this.holdUntil, this.clock() + holdMs);
    this.entries.clear();
    this.inflight.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the kept answers are counted as. */
  get bytes(): number {
    return this.total;
  }
}
