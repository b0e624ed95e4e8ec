/**
 * What an attack may have changed in the database, read before and after it: import batches,
 * disputes, hazards, visits, and imported village/township boundaries. On PostgreSQL it is counted
 * directly (as the cluster's superuser, so row-level security hides nothing); on the embedded
 * database, which one process owns, it is read through the API as an admin.
 */
import pg from 'pg';
import type { Session } from './fault-support.ts';

export type DbState = Record<string, number>;

const PG_COUNTS = `SELECT
  (SELECT count(*) FROM import_batch)::int AS import_batches,
  (SELECT count(*) FROM dispute)::int AS disputes,
  (SELECT count(*) FROM hazard)::int AS hazards,
  (SELECT count(*) FROM visit)::int AS visits,
  (SELECT count(*) FROM village WHERE boundary_source = 'imported')::int AS villages_imported,
  (SELECT count(*) FROM township WHERE boundary_source = 'imported')::int AS townships_imported,
  (SELECT coalesce(sum(ST_NPoints(geom)), 0) FROM village)::bigint::float8 AS village_vertices`;

const day = (d: Date) => d.toISOString().slice(0, 10);

export class DbProbe {
  private reads = 0;
  constructor(
    private admin: Session,
    private readonly pgUrl?: string,
  ) {}

  /** After a server restart the admin signs in again. */
  retarget(admin: Session): void {
    this.admin = admin;
  }

  get where(): string {
    return this.pgUrl ? 'direct SQL counts on PostgreSQL' : 'API reads as demo-admin (trend, villages, townships, audit log)';
  }

  async snapshot(): Promise<DbState> {
    if (this.pgUrl) {
      const c = new pg.Client({ connectionString: this.pgUrl });
      await c.connect();
      try {
        return (await c.query<DbState>(PG_COUNTS)).rows[0]!;
      } finally {
        await c.end();
      }
    }
    // The longest period the API allows, its start moved one day per read: every read has a query of
    // its own, so the answer cache can never serve a count from before the attack.
    const to = new Date();
    const from = new Date(to.getTime() - (3659 - ++this.reads) * 86400e3);
    const q = `from=${day(from)}&to=${day(to)}`;
    const get = async (p: string) => {
      const a = await this.admin.get(p, 120_000);
      if (a.status !== 200) throw new Error(`state read ${p}: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      return a.body;
    };
    const trend = (await get(`/api/stats/trend?interval=month&${q}`)) as { buckets: { disputes: number; hazards: number; visits: number }[] };
    const sum = (k: 'disputes' | 'hazards' | 'visits') => trend.buckets.reduce((s, b) => s + b[k], 0);
    const imported = (fc: { features: { properties: { boundarySource: string } }[] }) => fc.features.filter((f) => f.properties.boundarySource === 'imported').length;
    // Applied imports are audited as `import.*`. Only the newest 500 entries can be read, and not
    // reliably in id order (the list sorts its id as text), so the count is exact while the log is shorter.
    const audit = (await get('/api/admin/audit?limit=500')) as { entries: { id: string; action: string }[] };
    return {
      disputes: sum('disputes'),
      hazards: sum('hazards'),
      visits: sum('visits'),
      villages_imported: imported(await get(`/api/villages?${q}`)),
      townships_imported: imported(await get(`/api/townships?${q}`)),
      import_audits: audit.entries.length < 500 ? audit.entries.filter((e) => e.action.startsWith('import.')).length : NaN,
    };
  }

  /** `disputes 1200 -> 301200` for each count that moved; empty when nothing changed. */
  changes(before: DbState, after: DbState): string[] {
    return Object.keys(after)
      .filter((k) => after[k] !== before[k] && !(Number.isNaN(after[k]) && Number.isNaN(before[k])))
      .map((k) => `${k} ${before[k]} -> ${after[k]}`);
  }
}
