import type { Requester } from './sign-in.ts';

export interface HealthReport {
  polls: number;
  /** Longest time between two successful (200) health answers, or from the start to the first. */
  maxGapMs: number;
  /** Slowest single answer. */
  slowestMs: number;
  statuses: Record<string, number>;
}

/**
 * Polls GET /api/health every `everyMs` while an attack runs: the server keeps answering if no
 * gap between two good answers is long. Polls do not wait for each other, as a real monitor's
 * timer would not.
 */
export function watchHealth(app: Requester, everyMs = 500): { stop: () => Promise<HealthReport> } {
  const statuses: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let lastOk = performance.now();
  let maxGapMs = 0;
  let slowestMs = 0;
  let polls = 0;
  const poll = () => {
    const t0 = performance.now();
    polls++;
    const p = Promise.resolve(app.request('/api/health'))
      .then(async (res) => {
        await res.body?.cancel();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const now = performance.now();
        slowestMs = Math.max(slowestMs, now - t0);
        if (res.status === 200) {
          maxGapMs = Math.max(maxGapMs, now - lastOk);
          lastOk = now;
        }
      })
      .catch(() => {
        statuses.error = (statuses.error ?? 0) + 1;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  poll();
  const timer = setInterval(poll, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      maxGapMs = Math.max(maxGapMs, performance.now() - lastOk);
      return { polls, maxGapMs: Math.round(maxGapMs), slowestMs: Math.round(slowestMs), statuses };
    },
  };
}
