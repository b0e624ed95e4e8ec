import type { Campaign, CampaignChange, NewCampaign } from '../../api/types.ts';

/** The campaign form as typed: strings and lists, checked by `campaignPayload` before sending. */
export interface CampaignForm {
  code: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  disputeCategories: string[];
  hazardCategories: string[];
  /** Empty: the whole county. */
  townships: string[];
  leadDepartment: string;
  autoTag: boolean;
}

export const EMPTY_CAMPAIGN: CampaignForm = {
  code: '',
  name: '',
  description: '',
  startDate: '',
  endDate: '',
  disputeCategories: [],
  hazardCategories: [],
  townships: [],
  leadDepartment: '',
  autoTag: false,
};

export type CampaignProblem = 'code' | 'name' | 'startDate' | 'endDate' | 'categories';

export function formOf(c: Campaign): CampaignForm {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    startDate: c.startDate,
    endDate: c.endDate,
    disputeCategories: [...c.disputeCategories],
    hazardCategories: [...c.hazardCategories],
    townships: c.townships ? [...c.townships] : [],
    leadDepartment: c.leadDepartment,
    autoTag: c.autoTag,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The body for POST /api/admin/campaigns (no `original`) or PATCH /api/admin/campaigns/:code (the
 * fields that differ from `original`), or what is wrong: the API's rules (api/contract/campaign.ts)
 * checked first so the admin is told before a round trip; the API's answer has the last word.
 */
export function campaignPayload(
  f: CampaignForm,
  original?: Campaign,
): { ok: true; body: NewCampaign | CampaignChange; changed: number } | { ok: false; problems: CampaignProblem[] } {
  const problems: CampaignProblem[] = [];
  const code = f.code.trim();
  if (!original && !/^[a-z][a-z0-9-]{1,31}$/.test(code)) problems.push('code');
  const name = f.name.trim();
  if (!name || name.length > 40) problems.push('name');
  if (!DATE.test(f.startDate)) problems.push('startDate');
  if (!DATE.test(f.endDate) || (DATE.test(f.startDate) && f.endDate < f.startDate)) problems.push('endDate');
  if (f.disputeCategories.length + f.hazardCategories.length === 0) problems.push('categories');
  if (problems.length) return { ok: false, problems };
  const fields = {
    name,
    description: f.description.trim(),
    startDate: f.startDate,
    endDate: f.endDate,
    disputeCategories: [...f.disputeCategories].sort(),
    hazardCategories: [...f.hazardCategories].sort(),
    townships: f.townships.length ? [...f.townships].sort() : null,
    leadDepartment: f.leadDepartment.trim(),
    autoTag: f.autoTag,
  };
  if (!original) return { ok: true, body: { code, ...fields } as NewCampaign, changed: Object.keys(fields).length };
  const before = formOf(original);
  const was: Record<string, unknown> = {
    ...before,
    disputeCategories: [...before.disputeCategories].sort(),
    hazardCategories: [...before.hazardCategories].sort(),
    townships: original.townships ? [...original.townships].sort() : null,
  };
  const change = Object.fromEntries(Object.entries(fields).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k]))) as CampaignChange;
  return { ok: true, body: change, changed: Object.keys(change).length };
}
