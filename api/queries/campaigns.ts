import type { Principal } from '../auth/principal.ts';
import { shanghaiDate } from '../contract/calendar.ts';
import { CAMPAIGN_MAX_DAYS, type CampaignChange, type CampaignStatus, campaignKey, campaignStatus, type NewCampaign, tooLong } from '../contract/campaign.ts';
import type { Handle } from '../db/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors.ts';

/** A campaign (专项行动) as the API answers it. */
export interface Campaign {
  code: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  disputeCategories: string[];
  hazardCategories: string[];
  /** null: the whole county. */
  townships: string[] | null;
  leadDepartment: string;
  autoTag: boolean;
  status: CampaignStatus;
}

interface CampaignRow {
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
  dispute_categories: string[];
  hazard_categories: string[];
  townships: string[] | null;
  lead_department: string;
  auto_tag: boolean;
}

const COLUMNS = `code, name, description, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date,
  dispute_categories, hazard_categories, townships, lead_department, auto_tag`;

function campaignOf(r: CampaignRow, now: Date): Campaign {
  const c = {
    code: r.code,
    name: r.name,
    description: r.description,
    startDate: r.start_date,
    endDate: r.end_date,
    disputeCategories: r.dispute_categories,
    hazardCategories: r.hazard_categories,
    townships: r.townships,
    leadDepartment: r.lead_department,
    autoTag: r.auto_tag,
  };
  return { ...c, status: campaignStatus(c, shanghaiDate(now)) };
}

/** The campaigns the caller sees (row-level security: a chief's township's and the county's), latest first. */
export async function listCampaigns(h: Handle, now: Date): Promise<Campaign[]> {
  const rows = await h.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign ORDER BY start_date DESC, code`);
  return rows.map((r) => campaignOf(r, now));
}

/**
 * The campaign a request names, if the caller may see it: 400 (a field error on `field`; 404 for
 * a path, `field` null) when no such campaign exists, 403 `out_of_scope` when it exists but only in townships the caller does
 * not see (row-level security hides it; app_campaign_scope tells the two apart).
 */
export async function requireCampaign(h: Handle, code: string, now: Date, field: string | null = 'campaign'): Promise<Campaign> {
  const [row] = await h.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE code = $1`, [code]);
  if (row) return campaignOf(row, now);
  const [scope] = await h.query<{ townships: string[] | null }>('SELECT townships FROM app_campaign_scope($1)', [code]);
  if (scope) throw new ForbiddenError(`campaign ${code} is outside your scope`, 'out_of_scope');
  // In a path (field null) an unknown campaign is a resource that does not exist.
  if (field === null) throw new NotFoundError(`no campaign ${code}`);
  throw new ValidationError(`unknown campaign ${code}`, { [field]: `no campaign with code ${code}` });
}

/** Every tag of a case must name a campaign the caller sees (400 or 403, as requireCampaign). */
export async function requireCampaigns(h: Handle, codes: readonly string[], now: Date, field = 'campaigns'): Promise<void> {
  for (const code of codes) await requireCampaign(h, code, now, field);
}

/** Whether a campaign's township scope includes a township the principal works in (chiefs, officers). */
export function campaignCovers(c: Pick<Campaign, 'townships'>, p: Pick<Principal, 'townshipCode'>): boolean {
  return c.townships === null || (p.townshipCode !== null && c.townships.includes(p.townshipCode));
}

async function requireTownships(h: Handle, codes: readonly string[] | null | undefined): Promise<void> {
  if (!codes) return;
  const rows = await h.query<{ code: string }>('SELECT code FROM township WHERE code = ANY($1::text[])', [codes]);
  const known = new Set(rows.map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) throw new ValidationError(`unknown township ${unknown.join(', ')}`, { townships: `no township with code ${unknown.join(', ')}` });
}

/**
 * 409 `campaign_exists` when a ledger could not tell the campaign from another: the same code, or
 * a name whose key (campaignKey: NFKC, no spaces, lower case) is another's name or code ('净 网'
 * beside 净网, a campaign named 'qingyuan' beside the code qingyuan).
 */
async function requireDistinct(h: Handle, self: { code: string; name: string }, creating: boolean): Promise<void> {
  const others = await h.query<{ code: string; name: string }>('SELECT code, name FROM campaign WHERE code <> $1 OR $2', [self.code, creating]);
  const name = campaignKey(self.name);
  const clash = others.find(
    (o) => (creating && o.code === self.code) || campaignKey(o.name) === name || campaignKey(o.code) === name || (creating && campaignKey(o.name) === campaignKey(self.code)),
  );
  if (clash) throw new ConflictError('campaign_exists', `campaign ${clash.code} (${clash.name}) has this code or a name a ledger could not tell from ${self.name}`);
}

/**
 * Tags every case an auto-tagging campaign targets, at most `max` (CAMPAIGN_AUTOTAG_MAX): the
 * cases it would tag are counted first, up to one past the bound, and past it nothing is written
 * (422, the caller's transaction rolls back).
 */
async function boundedAutotag(h: Handle, code: string, max: number): Promise<number> {
  const [row] = await h.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM campaign c JOIN dispute d
         ON d.received_at >= c.start_date::timestamp AT TIME ZONE 'Asia/Shanghai' AND d.received_at < (c.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       WHERE c.code = $1 AND c.auto_tag AND NOT d.campaigns @> ARRAY[$1] AND campaign_targets(c, 'dispute', d.category, d.village_code, d.received_at)
       UNION ALL
       SELECT 1 FROM campaign c JOIN hazard z
         ON z.reported_at >= c.start_date::timestamp AT TIME ZONE 'Asia/Shanghai' AND z.reported_at < (c.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
       WHERE c.code = $1 AND c.auto_tag AND NOT z.campaigns @> ARRAY[$1] AND campaign_targets(c, 'hazard', z.category, z.village_code, z.reported_at)
       LIMIT $2) s`,
    [code, max + 1],
  );
  if ((row?.n ?? 0) > max)
    throw new UnprocessableError(
      'campaign_too_broad',
      `auto-tagging would tag more than ${max} cases at once (CAMPAIGN_AUTOTAG_MAX): narrow the dates or categories, or tag by intake and ledger`,
      {
        autoTag: `would tag more than ${max} cases`,
      },
    );
  return autotag(h, code);
}

/** Creates a campaign (an admin's, county role) and tags the cases it targets; 409 when the code or name is taken. */
export async function createCampaign(h: Handle, c: NewCampaign, now: Date, maxTagged: number): Promise<{ campaign: Campaign; tagged: number }> {
  await requireTownships(h, c.townships);
  await requireDistinct(h, c, true);
  await h.query(
    `INSERT INTO campaign (code, name, description, start_date, end_date, dispute_categories, hazard_categories, townships, lead_department, auto_tag)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [c.code, c.name, c.description, c.startDate, c.endDate, c.disputeCategories, c.hazardCategories, c.townships, c.leadDepartment, c.autoTag],
  );
  const tagged = await boundedAutotag(h, c.code, maxTagged);
  return { campaign: await requireCampaign(h, c.code, now), tagged };
}

/** Changes a campaign; the cases its new targets cover are tagged (none are untagged). */
export async function updateCampaign(
  h: Handle,
  code: string,
  change: CampaignChange,
  now: Date,
  maxTagged: number,
): Promise<{ before: Campaign; campaign: Campaign; tagged: number }> {
  const [row] = await h.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE code = $1 FOR UPDATE`, [code]);
  if (!row) throw new NotFoundError(`no campaign ${code}`);
  const before = campaignOf(row, now);
  const next = { ...before, ...change };
  if (next.startDate > next.endDate) throw new ValidationError('invalid body: endDate', { endDate: 'endDate must not be before startDate' });
  if (tooLong(next.startDate, next.endDate)) throw new ValidationError('invalid body: endDate', { endDate: `a campaign lasts at most ${CAMPAIGN_MAX_DAYS} days` });
  if (next.disputeCategories.length + next.hazardCategories.length === 0)
    throw new ValidationError('invalid body: hazardCategories', { hazardCategories: 'a campaign targets at least one dispute or hazard category' });
  await requireTownships(h, change.townships);
  if (change.name !== undefined && change.name !== before.name) await requireDistinct(h, { code, name: change.name }, false);
  await h.query(
    `UPDATE campaign SET name = $2, description = $3, start_date = $4, end_date = $5, dispute_categories = $6, hazard_categories = $7,
       townships = $8, lead_department = $9, auto_tag = $10, updated_at = now()
     WHERE code = $1`,
    [code, next.name, next.description, next.startDate, next.endDate, next.disputeCategories, next.hazardCategories, next.townships, next.leadDepartment, next.autoTag],
  );
  const tagged = await boundedAutotag(h, code, maxTagged);
  return { before, campaign: await requireCampaign(h, code, now), tagged };
}

/**
 * Deletes a campaign no case is tagged with (409 `campaign_in_use` otherwise: the tags would name
 * nothing), or with `untag` its tags first, at most `maxTagged` of them (a mistaken campaign can go).
 */
export async function deleteCampaign(h: Handle, code: string, now: Date, untag: boolean, maxTagged: number): Promise<{ campaign: Campaign; untagged: number }> {
  const [row] = await h.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE code = $1 FOR UPDATE`, [code]);
  if (!row) throw new NotFoundError(`no campaign ${code}`);
  const [used] = await h.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM dispute WHERE campaigns @> ARRAY[$1::text]) + (SELECT count(*) FROM hazard WHERE campaigns @> ARRAY[$1::text]) AS n`,
    [code],
  );
  const n = Number(used?.n ?? 0);
  if (n > 0 && !untag) throw new ConflictError('campaign_in_use', `${n} cases are tagged with campaign ${code}: delete with untag=true to remove the tags with it`, { tagged: n });
  if (n > maxTagged)
    throw new ConflictError('campaign_in_use', `${n} cases are tagged with campaign ${code}, more than one change may untag (CAMPAIGN_AUTOTAG_MAX ${maxTagged})`, { tagged: n });
  if (n > 0) for (const table of Object.values(CASE_TABLE)) await h.query(`UPDATE ${table} SET campaigns = array_remove(campaigns, $1) WHERE campaigns @> ARRAY[$1::text]`, [code]);
  await h.query('DELETE FROM campaign WHERE code = $1', [code]);
  return { campaign: campaignOf(row, now), untagged: n };
}

// Table names come from this literal only.
const CASE_TABLE = { dispute: 'dispute', hazard: 'hazard' } as const;

/**
 * Adds campaign tags to one case (a status change's `campaigns`), keeping those it has, each
 * once, sorted; the codes are checked first (400 unknown, 403 another township's).
 */
export async function tagCase(h: Handle, kind: 'dispute' | 'hazard', id: string, codes: readonly string[], now: Date): Promise<void> {
  if (codes.length === 0) return;
  await requireCampaigns(h, codes, now);
  await h.query(`UPDATE ${CASE_TABLE[kind]} SET campaigns = ARRAY(SELECT DISTINCT x FROM unnest(campaigns || $2::text[]) AS x ORDER BY x) WHERE id = $1`, [id, codes]);
}

/** Tags every case an auto-tagging campaign targets; returns how many gained the tag. */
export async function autotag(h: Handle, code: string): Promise<number> {
  const [row] = await h.query<{ n: number }>('SELECT campaign_autotag($1) AS n', [code]);
  return Number(row?.n ?? 0);
}
