/** The shape every attack of `npm run fault:attack` shares, so the runner can measure them alike. */
import type { Outcome } from './attack-http.ts';
import type { Session } from './fault-support.ts';

export interface AttackContext {
  base: string;
  /** demo-county (a county user on PostgreSQL): reads. */
  county: Session;
  /** demo-admin (an admin on PostgreSQL): imports. */
  admin: Session;
  /** Set on the PostgreSQL run: a superuser URL of the server's database. */
  pgUrl?: string;
  serverAlive: () => boolean;
  /** Waits until /api/health answers promptly again (ms waited, null if it never did): between steps of one attack. */
  settle: () => Promise<number | null>;
  /** The longest stretch without a 200 from /api/health between two Date.now() instants: to say which step stalled it. */
  healthGap: (t0: number, t1: number) => number;
}

export interface AttackResult {
  outcomes: Outcome[];
  /** Broken promises the attack checked itself (answers, recovery); the runner adds health, memory of death, and data. */
  violations: string[];
  notes: string[];
  /** Set when the attack could not run at all (a missing prerequisite): reported, not counted as passing. */
  skipped?: string;
  /** The database is meant to be down for a moment (pgkill): prompt 503s from /api/health are fine then. */
  healthMayFailFor?: number;
}

export interface Attack {
  name: string;
  title: string;
  pgOnly?: boolean;
  /**
   * Work done before the measured window, such as building files: the script's own event loop is
   * busy meanwhile, and the health monitor, which shares it, would see a gap that is not the server's.
   */
  prepare?(): Promise<void>;
  run(ctx: AttackContext): Promise<AttackResult>;
}

/** Each attack's requests must be answered within this long. */
export const ANSWER_LIMIT_MS = 30_000;
