/**
 * Watches a running server from outside while an attack runs: GET /api/health every 500 ms (each
 * poll fired on schedule, not after the previous answer, so a hang shows as a gap rather than as
 * fewer polls; each with its own 2 s timeout), and the server's resident memory from /proc.
 */
import { readFileSync } from 'node:fs';

export interface Poll {
  sentAt: number;
  doneAt: number;
  status: number;
  error?: string;
}

export interface HealthWindow {
  polls: number;
  ok: number;
  /** Answered, but not 200 (503 while the database is down counts here). */
  other: Record<string, number>;
  /** Timeouts and connection errors. */
  failed: Record<string, number>;
  /** Longest stretch without a 200, and without any HTTP answer at all, in ms. */
  longestGapOk: number;
  longestGapAnswer: number;
  peakRssKb: number | null;
  /**
   * Longest pause between two of the monitor's own ticks: it shares the script's event loop, so a
   * long pause means the script, not the server, was busy, and a health gap of that length is suspect.
   */
  longestTickPause: number;
}

/** The server's resident set in KiB (VmRSS), null when the process is gone. */
export function rssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export class HealthMonitor {
  readonly polls: Poll[] = [];
  private readonly rss: { at: number; kb: number }[] = [];
  private readonly ticks: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private base: string,
    private pid: number,
    readonly intervalMs = 500,
    readonly timeoutMs = 2000,
  ) {}

  /** After a restart the server has a new port and pid; the history stays. */
  retarget(base: string, pid: number): void {
    this.base = base;
    this.pid = pid;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.pending);
  }

  private tick(): void {
    this.ticks.push(Date.now());
    const kb = rssKb(this.pid);
    if (kb !== null) this.rss.push({ at: Date.now(), kb });
    const sentAt = Date.now();
    const p = fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(this.timeoutMs) })
      .then(async (r) => {
        await r.arrayBuffer();
        this.polls.push({ sentAt, doneAt: Date.now(), status: r.status });
      })
      .catch((e) => {
        const err = e as { name?: string; cause?: { code?: string } };
        const error = err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? String(e));
        this.polls.push({ sentAt, doneAt: Date.now(), status: 0, error });
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Waits until a fresh poll answers 200 within `fastMs`, up to `limitMs`; answers the ms waited or null. */
  async settle(fastMs = 1000, limitMs = 120_000): Promise<number | null> {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      const s = performance.now();
      const r = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(this.timeoutMs) }).catch(() => null);
      if (r) await r.arrayBuffer().catch(() => null);
      if (r?.status === 200 && performance.now() - s < fastMs) return Date.now() - t0;
      await new Promise((res) => setTimeout(res, 250));
    }
    return null;
  }

  /**
   * What the monitor saw between t0 and t1. A gap is measured between answers as they arrived,
   * with the window's edges as the first and last points, so a server that was hung across the
   * whole window shows a gap as long as the window.
   */
  window(t0: number, t1: number): HealthWindow {
    const inside = this.polls.filter((p) => p.sentAt >= t0 && p.sentAt <= t1);
    const gap = (times: number[]) => {
      const pts = [t0, ...times.filter((t) => t > t0 && t < t1).sort((a, b) => a - b), t1];
      let max = 0;
      for (let i = 1; i < pts.length; i++) max = Math.max(max, pts[i]! - pts[i - 1]!);
      return max;
    };
    const count = (xs: string[]) => {
      const m: Record<string, number> = {};
      for (const k of xs) m[k] = (m[k] ?? 0) + 1;
      return m;
    };
    const rss = this.rss.filter((r) => r.at >= t0 && r.at <= t1).map((r) => r.kb);
    return {
      polls: inside.length,
      ok: inside.filter((p) => p.status === 200).length,
      other: count(inside.filter((p) => p.status !== 200 && p.status !== 0).map((p) => String(p.status))),
      failed: count(inside.filter((p) => p.status === 0).map((p) => p.error ?? 'error')),
      longestGapOk: gap(this.polls.filter((p) => p.status === 200).map((p) => p.doneAt)),
      longestGapAnswer: gap(this.polls.filter((p) => p.status !== 0).map((p) => p.doneAt)),
      peakRssKb: rss.length ? Math.max(...rss) : null,
      longestTickPause: gap(this.ticks),
    };
  }
}
