import { type Rng, stream } from '../../../geodata/prng.ts';
import type { DisputeCategory, HazardCategory } from '../../contract/enums.ts';
import { formatDate, localDay } from './calendar.ts';
import type { SeedCampaign } from './types.ts';

/**
 * The county's campaigns (专项行动) named in the seed article (清源断流, 云剑, 雷霆, 净网), placed in
 * the generated span by the seed, and their effect on the cases generated: a rise in reports
 * when a campaign launches (the initial sweep finds what was there), then a fall in its targeted
 * categories below the usual level, recovering after it ends. What each targets is the county's
 * vocabulary; when, where and how much are drawn here, never fixed.
 */

interface Template {
  code: string;
  name: string;
  description: string;
  leadDepartment: string;
  disputeCategories: DisputeCategory[];
  hazardCategories: HazardCategory[];
  /** Where the launch falls in the generated span (fraction, ±0.05); null: running today. */
  at: number | null;
  /** Days it lasts, drawn between these. */
  days: [number, number];
  /** Some townships (a few, drawn) instead of the whole county. */
  scoped: boolean;
}

const TEMPLATES: readonly Template[] = [
  {
    code: 'qingyuan',
    name: '清源断流',
    description: '禁毒专项行动：排查涉毒隐患，打源头、断通道。',
    leadDepartment: '县公安局禁毒大队',
    disputeCategories: [],
    hazardCategories: ['涉毒'],
    at: 0.3,
    days: [90, 120],
    scoped: false,
  },
  {
    code: 'yunjian',
    name: '云剑',
    description: '打击电信网络诈骗和经济犯罪专项行动。',
    leadDepartment: '县公安局刑侦大队',
    disputeCategories: ['合同债务'],
    hazardCategories: ['电信诈骗'],
    at: 0.5,
    days: [100, 150],
    scoped: false,
  },
  {
    code: 'leiting',
    name: '雷霆',
    description: '重点乡镇治安整治与根治欠薪专项行动。',
    leadDepartment: '县公安局治安大队',
    disputeCategories: ['劳资'],
    hazardCategories: ['治安'],
    at: 0.72,
    days: [60, 90],
    scoped: true,
  },
  {
    code: 'jingwang',
    name: '净网',
    description: '打击网络违法犯罪专项行动，整治电信诈骗隐患。',
    leadDepartment: '县公安局网安大队',
    disputeCategories: [],
    hazardCategories: ['电信诈骗'],
    at: null,
    days: [120, 180],
    scoped: false,
  },
];

/** A campaign with the shape of its effect (local days). */
export interface CampaignPlan extends SeedCampaign {
  startDay: number;
  endDay: number;
  /** The launch sweep: reports rise by `rise` for these first days. */
  launchDays: number;
  rise: number;
  /** The level reached in the targeted categories is 1 - fall, recovering over `recoveryDays` after the end. */
  fall: number;
  recoveryDays: number;
}

function pickTownships(rng: Rng, townships: readonly string[]): string[] {
  const pool = [...townships];
  const n = Math.min(pool.length, 3 + rng.int(3));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pool.splice(rng.int(pool.length), 1)[0] as string);
  return out.sort();
}

export function planCampaigns(seed: number, firstDay: number, nowMinute: number, townships: readonly string[]): CampaignPlan[] {
  const rng = stream(seed, 'campaigns.plan');
  const today = localDay(nowMinute);
  const span = today - firstDay;
  const plans: CampaignPlan[] = [];
  for (const t of TEMPLATES) {
    const days = t.days[0] + rng.int(t.days[1] - t.days[0] + 1);
    // Running today: launched a few weeks ago, ending months from now.
    const startDay = t.at === null ? today - (35 + rng.int(36)) : firstDay + Math.round(span * (t.at + rng.range(-0.05, 0.05)));
    const endDay = t.at === null ? Math.max(startDay + days, today + 30) : startDay + days;
    // A campaign needs a "before" as long as itself inside the span to be compared with anything.
    if (startDay - (endDay - startDay + 1) < firstDay && t.at !== null) continue;
    const chosen = t.scoped ? pickTownships(rng, townships) : null;
    plans.push({
      code: t.code,
      name: t.name,
      description: t.description,
      leadDepartment: t.leadDepartment,
      disputeCategories: t.disputeCategories,
      hazardCategories: t.hazardCategories,
      townships: chosen,
      startDate: formatDate(startDay),
      endDate: formatDate(endDay),
      autoTag: true,
      startDay,
      endDay,
      launchDays: 14 + rng.int(15),
      rise: rng.range(0.35, 0.7),
      fall: rng.range(0.25, 0.45),
      recoveryDays: 42 + rng.int(43),
    });
  }
  return plans;
}

/** One campaign's multiplier on the daily rate of its targeted categories (1 outside its reach). */
export function campaignFactor(p: CampaignPlan, day: number): number {
  if (day < p.startDay) return 1;
  if (day < p.startDay + p.launchDays) return 1 + p.rise;
  // After the sweep the level sinks to 1 - fall over the first half of what is left, and stays there.
  const settle = Math.max(1, (p.endDay - p.startDay - p.launchDays) / 2);
  if (day <= p.endDay) return 1 - p.fall * Math.min(1, (day - p.startDay - p.launchDays + 1) / settle);
  return 1 - p.fall * Math.max(0, 1 - (day - p.endDay) / p.recoveryDays);
}

/**
 * The campaigns' effect on one category, for the generators: `peak(day)` multiplies the day's
 * weight (the largest factor over the townships), and a case drawn in a township is kept with
 * probability `at(day, township) / peak(day)`, so each township gets its own factor. Null when no
 * campaign targets the category.
 */
export interface CategoryEffect {
  peak(day: number): number;
  keep(rng: Rng, day: number, township: string): boolean;
}

export function categoryEffect(plans: readonly CampaignPlan[], kind: 'dispute' | 'hazard', category: string): CategoryEffect | null {
  const mine = plans.filter((p) => (kind === 'dispute' ? (p.disputeCategories as string[]) : (p.hazardCategories as string[])).includes(category));
  if (mine.length === 0) return null;
  const at = (day: number, township: string | null) =>
    mine.reduce((f, p) => f * (p.townships === null || township === null || p.townships.includes(township) ? campaignFactor(p, day) : 1), 1);
  const peak = (day: number) => mine.reduce((f, p) => f * (p.townships === null ? campaignFactor(p, day) : Math.max(1, campaignFactor(p, day))), 1);
  return {
    peak,
    keep: (rng, day, township) => {
      const top = peak(day);
      const own = at(day, township);
      return own >= top || rng.next() < own / top;
    },
  };
}
