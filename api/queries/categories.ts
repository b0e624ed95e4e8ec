import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';

export interface CategoryBreakdown {
  type: 'dispute' | 'hazard';
  total: number;
  /** Every category of the type, in the county's order, zero when none. */
  rows: { category: string; count: number }[];
}

// One complete statement per type: the table and its time column are never taken from the request.
const SQL = {
  dispute: `SELECT category, count(*)::int AS count FROM dispute
            WHERE received_at >= $1 AND received_at < $2
              AND ($3::text IS NULL OR village_code LIKE $3 || '%')
              AND ($4::text[] IS NULL OR category = ANY($4::text[]))
              AND ($5::text[] IS NULL OR status = ANY($5::text[]))
              AND ($6::text IS NULL OR campaigns @> ARRAY[$6::text])
            GROUP BY category`,
  hazard: `SELECT category, count(*)::int AS count FROM hazard
           WHERE reported_at >= $1 AND reported_at < $2
             AND ($3::text IS NULL OR village_code LIKE $3 || '%')
             AND ($4::text[] IS NULL OR category = ANY($4::text[]))
             AND ($5::text[] IS NULL OR status = ANY($5::text[]))
             AND ($6::text IS NULL OR campaigns @> ARRAY[$6::text])
           GROUP BY category`,
};

/** Counts by category of what was received (disputes) or reported (hazards) in the period. */
export async function categories(h: Handle, f: CaseFilter, type: 'dispute' | 'hazard'): Promise<CategoryBreakdown> {
  const args = [f.period.start.toISOString(), f.period.end.toISOString(), f.township, f.categories, f.statuses, f.campaign];
  const got = await h.query<{ category: string; count: number }>(SQL[type], args);
  const counts = new Map(got.map((r) => [r.category, r.count]));
  const all = type === 'dispute' ? DISPUTE_CATEGORIES : HAZARD_CATEGORIES;
  const rows = all.map((category) => ({ category, count: counts.get(category) ?? 0 }));
  return { type, total: rows.reduce((a, r) => a + r.count, 0), rows };
}
