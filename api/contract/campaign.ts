import { z } from 'zod';
import { campaignCode, isoDate, townshipCode } from './case-filter.ts';
import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from './enums.ts';

/**
 * Campaigns (专项行动) on the wire: the admin's body for a new campaign and for a change. The answer
 * shape (`Campaign`) is in api/queries/campaigns.ts and its OpenAPI schema; the web infers both.
 */

export const CAMPAIGN_STATUSES = ['planned', 'running', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

// biome-ignore lint/suspicious/noControlCharactersInRegex: PostgreSQL cannot store NUL; refusing it is the point
const NO_NUL = /^[^\u0000]*$/;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`).regex(NO_NUL, 'must not contain NUL characters');

const categoriesOf = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .array(z.enum(values))
    .max(values.length)
    .refine((a) => new Set(a).size === a.length, 'each category once');

/** The fields an admin sets; `code` only when creating. */
const campaignFields = {
  name: text(40).min(1, 'required'),
  description: text(2000).default(''),
  startDate: isoDate,
  endDate: isoDate,
  disputeCategories: categoriesOf(DISPUTE_CATEGORIES).default([]),
  hazardCategories: categoriesOf(HAZARD_CATEGORIES).default([]),
  /** null: the whole county. */
  townships: z
    .array(townshipCode)
    .min(1, 'at least one township, or null for the whole county')
    .max(30)
    .refine((a) => new Set(a).size === a.length, 'each township once')
    .nullable()
    .default(null),
  leadDepartment: text(60).default(''),
  autoTag: z.boolean().default(false),
};

/**
 * The longest campaign: three years (扫黑除恶 ran 2018-2020). Its effect reads a before, a during and
 * an after window of that length each; a century-long campaign made that seconds of work.
 */
export const CAMPAIGN_MAX_DAYS = 1096;

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Whether a campaign from `start` to `end` (inclusive) is longer than CAMPAIGN_MAX_DAYS. */
export const tooLong = (start: string, end: string) => dayNumber(end) - dayNumber(start) + 1 > CAMPAIGN_MAX_DAYS;

/**
 * What a ledger cell or a name is compared by: NFKC, no whitespace, lower case. Two campaigns whose
 * names (or a name and a code) share a key could not be told apart in a ledger's 专项行动 column.
 */
export const campaignKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function checkCampaign(c: { startDate?: string; endDate?: string; disputeCategories?: string[]; hazardCategories?: string[] }, ctx: z.RefinementCtx): void {
  if (c.startDate && c.endDate && c.startDate > c.endDate) ctx.addIssue({ code: 'custom', message: 'endDate must not be before startDate', path: ['endDate'] });
  else if (c.startDate && c.endDate && tooLong(c.startDate, c.endDate))
    ctx.addIssue({ code: 'custom', message: `a campaign lasts at most ${CAMPAIGN_MAX_DAYS} days`, path: ['endDate'] });
  if (c.disputeCategories && c.hazardCategories && c.disputeCategories.length + c.hazardCategories.length === 0)
    ctx.addIssue({ code: 'custom', message: 'a campaign targets at least one dispute or hazard category', path: ['hazardCategories'] });
}

export const newCampaignBody = z
  .object({ code: campaignCode, ...campaignFields })
  .strict()
  .superRefine(checkCampaign);
export type NewCampaign = z.output<typeof newCampaignBody>;

/** A change: any of the fields but the code (the tags on cases name it). */
export const campaignChangeBody = z
  .object({
    name: campaignFields.name.optional(),
    description: text(2000).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    disputeCategories: categoriesOf(DISPUTE_CATEGORIES).optional(),
    hazardCategories: categoriesOf(HAZARD_CATEGORIES).optional(),
    townships: campaignFields.townships.unwrap().optional(),
    leadDepartment: text(60).optional(),
    autoTag: z.boolean().optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'send at least one field to change');
export type CampaignChange = z.output<typeof campaignChangeBody>;

/** The campaign tags an intake body or a status change may carry (codes, each once). */
export const campaignTags = z
  .array(campaignCode)
  .max(8, 'at most 8 campaigns')
  .refine((a) => new Set(a).size === a.length, 'each campaign once');

/** Where a campaign stands on a day (Asia/Shanghai date). */
export function campaignStatus(c: { startDate: string; endDate: string }, today: string): CampaignStatus {
  return today < c.startDate ? 'planned' : today > c.endDate ? 'ended' : 'running';
}
