import { addDays, shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import {
  didEstimate,
  type EffectSettings,
  type EffectWeek,
  type EffectWindows,
  type Estimate,
  effectWindows,
  emptyWeeks,
  type Phase,
  type Ratio,
  townshipChange,
} from '../domain/campaign-effect.ts';
import { UnprocessableError } from '../errors.ts';
import type { Campaign } from './campaigns.ts';
import { sqlFile } from './sql.ts';

const EFFECT = sqlFile(import.meta.url, 'campaign-effect.sql');

export interface CampaignEffect {
  campaign: Campaign;
  windows: EffectWindows;
  weeks: EffectWeek[];
  townships: { code: string; name: string; before: number; during: number; changeRate: number | null; small: boolean }[];
  estimate: Estimate;
  ratio: Ratio;
  closed: { disputes: number; hazards: number };
  asOf: string;
}

interface Row {
  township: string;
  phase: Phase;
  block: number;
  targeted: boolean;
  n: number;
}

/**
 * The effect of a campaign (see api/domain/campaign-effect.ts for the arithmetic) in the
 * campaign's townships that the caller sees, or in `township`: weekly counts, per-township
 * change, the difference-in-differences estimate, and the campaign's own cases closed during it.
 * 422 `campaign_not_started` until a whole day of it has passed.
 */
export async function campaignEffect(h: Handle, c: Campaign, township: string | null, now: Date, s: EffectSettings): Promise<CampaignEffect> {
  const w = effectWindows(c.startDate, c.endDate, shanghaiDate(now));
  if (!w) throw new UnprocessableError('campaign_not_started', `campaign ${c.code} starts on ${c.startDate}: no whole day of it has passed yet`);
  // With no "after" window the rows stop at the last day during, so none is "after".
  const rows = await h.query<Row>(EFFECT, [
    w.before.from,
    c.startDate,
    addDays(w.during.to, 1),
    w.after?.to ?? w.during.to,
    c.disputeCategories,
    c.hazardCategories,
    c.townships,
    township,
  ]);

  const weeks = emptyWeeks(w);
  const byBlock = new Map(weeks.map((x) => [`${x.phase}:${x.block}`, x]));
  const totals = { targetedBefore: 0, targetedDuring: 0, otherBefore: 0, otherDuring: 0 };
  const perTownship = new Map<string, { before: number; during: number }>();
  for (const r of rows) {
    const week = byBlock.get(`${r.phase}:${r.block}`);
    if (week) week[r.targeted ? 'targeted' : 'other'] += r.n;
    if (r.phase === 'after') continue;
    const key = `${r.targeted ? 'targeted' : 'other'}${r.phase === 'before' ? 'Before' : 'During'}` as keyof typeof totals;
    totals[key] += r.n;
    if (!r.targeted) continue;
    const t = perTownship.get(r.township) ?? { before: 0, during: 0 };
    t[r.phase] += r.n;
    perTownship.set(r.township, t);
  }

  // Every township of the campaign the caller sees, with zeros where nothing happened.
  const names = await h.query<{ code: string; name: string }>(
    `SELECT code, name FROM township WHERE ($1::text[] IS NULL OR code = ANY($1::text[])) AND ($2::text IS NULL OR code = $2) ORDER BY code`,
    [c.townships, township],
  );
  const townships = names.map(({ code, name }) => {
    const t = perTownship.get(code) ?? { before: 0, during: 0 };
    return { code, name, ...t, ...townshipChange(t.before, t.during, s) };
  });

  const [closed] = await h.query<{ disputes: number; hazards: number }>(
    `WITH span AS (SELECT $2::date::timestamp AT TIME ZONE 'Asia/Shanghai' AS t0, ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t1)
     SELECT (SELECT count(*)::int FROM dispute d, span WHERE d.campaigns @> ARRAY[$1::text] AND d.concluded_at >= span.t0 AND d.concluded_at < span.t1
               AND ($4::text IS NULL OR d.village_code LIKE $4 || '%')) AS disputes,
            (SELECT count(*)::int FROM hazard x, span WHERE x.campaigns @> ARRAY[$1::text] AND x.closed_at >= span.t0 AND x.closed_at < span.t1
               AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')) AS hazards`,
    [c.code, w.during.from, w.during.to, township],
  );

  return {
    campaign: c,
    windows: w,
    weeks: weeks.map(({ block, ...week }) => week),
    townships,
    ...didEstimate(totals, s),
    closed: closed ?? { disputes: 0, hazards: 0 },
    asOf: now.toISOString(),
  };
}
