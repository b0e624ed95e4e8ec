/**
 * The campaign answers as this feature reads them. TEMPORARY until GET /api/campaigns and
 * /api/campaigns/:code/effect are mounted: then these names are re-exported from
 * web/src/api/types.ts (inferred from the routes) and this file goes.
 */
export interface Campaign {
  code: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  disputeCategories: string[];
  hazardCategories: string[];
  townships: string[] | null;
  leadDepartment: string;
  autoTag: boolean;
  status: 'planned' | 'running' | 'ended';
}

type Range = { from: string; to: string };

export interface CampaignEffect {
  campaign: Campaign;
  windows: { before: Range; during: Range; after: Range | null };
  weeks: { weekStart: string; phase: 'before' | 'during' | 'after'; targeted: number; other: number }[];
  townships: { code: string; name: string; before: number; during: number; changeRate: number | null; small: boolean }[];
  estimate: { kind: 'did_log_ratio'; value: number | null; low: number | null; high: number | null; level: number; small: boolean; note: 'insufficient_cases' | null };
  ratio: { value: number | null; low: number | null; high: number | null };
  closed: { disputes: number; hazards: number };
  asOf: string;
}
