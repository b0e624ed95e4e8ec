/**
 * How many requests may do heavy work at once: at most `total` overall and `perUser` for any one
 * user. Beyond that a request waits, briefly, in its user's queue. A freed slot goes to the user
 * with the fewest requests running, and among those to the one whose request has waited longest:
 * one user's burst cannot starve the wall and the chiefs (no user gets a second slot while another
 * waits with none), and when no one is bursting the queue is first come, first served, so no
 * request waits behind later ones because its user happened to have several in the queue at once
 * (round robin made those wait: the tail of 100 screens on 26 scopes, see docs/performance.md).
 * The price: where several users keep backlogs, a newcomer waits behind every request that came
 * before it from users with as few running (at most QUEUE_MAX_PER_USER a user, and QUEUE_MAX_WAIT_MS
 * in all), where a round robin served it within a round of the users waiting; never behind a later
 * request of a user with as many running.
 * Pure bookkeeping: no timers but the wait limit, no I/O.
 */
export interface LimiterOptions {
  total: number;
  perUser: number;
  /** Longest a request waits for a slot before it is refused. */
  maxWaitMs: number;
  /** Most requests one user may have waiting; the next is refused at once. */
  maxQueuedPerUser: number;
}

/** No slot in time, or too many waiting: the caller answers 503 with Retry-After. */
export class LimiterBusyError extends Error {
  constructor(readonly reason: 'queue_full' | 'wait_timeout' | 'abandoned') {
    super(reason === 'queue_full' ? 'too many requests of yours are waiting' : reason === 'wait_timeout' ? 'no free slot in time' : 'the request was abandoned');
    this.name = 'LimiterBusyError';
  }
}

interface Waiter {
  /** Arrival order: the longest waiting is served first among users with as few running. */
  seq: number;
  grant: (release: () => void) => void;
  fail: (err: LimiterBusyError) => void;
}

export class FairLimiter {
  private running = 0;
  private readonly runningBy = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  private arrivals = 0;

  constructor(private readonly opts: LimiterOptions) {}

  /** Resolves with a release function once the request may run. */
  acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new LimiterBusyError('abandoned'));
    if (this.canRun(key) && !this.queues.has(key)) return Promise.resolve(this.take(key));
    const queue = this.queues.get(key) ?? [];
    if (queue.length >= this.opts.maxQueuedPerUser) return Promise.reject(new LimiterBusyError('queue_full'));
    return new Promise((resolve, reject) => {
      const leave = (err: LimiterBusyError) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const q = this.queues.get(key);
        const i = q ? q.indexOf(waiter) : -1;
        if (q && i >= 0) q.splice(i, 1);
        if (q && q.length === 0) this.queues.delete(key);
        reject(err);
      };
      const onAbort = () => leave(new LimiterBusyError('abandoned'));
      const timer = setTimeout(() => leave(new LimiterBusyError('wait_timeout')), this.opts.maxWaitMs);
      const waiter: Waiter = {
        seq: this.arrivals++,
        grant: (release) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: leave,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.queues.set(key, queue);
    });
  }

  /** Requests running and waiting now, for the health answer and tests. */
  stats(): { running: number; waiting: number } {
    let waiting = 0;
    for (const q of this.queues.values()) waiting += q.length;
    return { running: this.running, waiting };
  }

  private canRun(key: string): boolean {
    return this.running < this.opts.total && (this.runningBy.get(key) ?? 0) < this.opts.perUser;
  }

  private take(key: string): () => void {
    this.running++;
    this.runningBy.set(key, (this.runningBy.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const n = (this.runningBy.get(key) ?? 1) - 1;
      if (n === 0) this.runningBy.delete(key);
      else this.runningBy.set(key, n);
      this.dispatch();
    };
  }

  /**
   * Hands free slots out: to the waiting user with the fewest requests running, the longest
   * waiting first among them (users at `perUser` wait for one of their own to end).
   */
  private dispatch(): void {
    while (this.running < this.opts.total && this.queues.size > 0) {
      let best: { key: string; running: number; seq: number } | null = null;
      for (const [key, queue] of this.queues) {
        if (!this.canRun(key)) continue;
        const running = this.runningBy.get(key) ?? 0;
        const seq = queue[0]!.seq;
        if (!best || running < best.running || (running === best.running && seq < best.seq)) best = { key, running, seq };
      }
      if (!best) return;
      const queue = this.queues.get(best.key)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) this.queues.delete(best.key);
      waiter.grant(this.take(best.key));
    }
  }
}
