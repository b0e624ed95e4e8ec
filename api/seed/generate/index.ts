import { epochMinuteOf, formatDate, formatInstant, parseDate } from './calendar.ts';
import { planCampaigns } from './campaigns.ts';
import { generateDisputes } from './disputes.ts';
import { firstGuardianDay, generateGuardians } from './guardians.ts';
import { generateHazards } from './hazards.ts';
import { generateOfficers } from './officers.ts';
import type { GenerateOptions, Operations } from './types.ts';
import { type GenerationContext, prepareVillages } from './villages.ts';
import { generateVisits } from './visits.ts';

/**
 * Synthetic operations for the Hengyang County dashboard: officers, visits, disputes, hazards
 * and covenant guardians, generated from a seed and calibrated to the county's published
 * figures (see calibration.ts). Pure and deterministic: same options, same rows.
 */

export type { VillageGeometry } from './geometry.ts';
export type {
  Dispute,
  GenerateOptions,
  Guardian,
  Hazard,
  Officer,
  Operations,
  OperationsMeta,
  SeedCampaign,
  SeedVillage,
  Visit,
} from './types.ts';

export const DEFAULT_START = '2024-01-01';

export function generateOperations(opts: GenerateOptions): Operations {
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!Number.isFinite(opts.seed)) throw new Error(`seed must be a finite number, got ${opts.seed}`);
  const start = opts.start ?? DEFAULT_START;
  const firstDay = parseDate(start);
  const nowMinute = epochMinuteOf(opts.now);
  const villages = prepareVillages(opts.villages);
  const townships = [...new Set(villages.map((v) => v.village.townshipCode))].sort();
  const ctx: GenerationContext = { seed: opts.seed, scale, firstDay, nowMinute, villages, campaigns: planCampaigns(opts.seed, firstDay, nowMinute, townships) };
  const officerPlans = generateOfficers(ctx);
  const guardians = generateGuardians(ctx);
  const visits = generateVisits(ctx, officerPlans);
  const disputes = generateDisputes(ctx, firstGuardianDay(guardians));
  const hazards = generateHazards(ctx);
  const officers = officerPlans.map((p) => p.officer);
  return {
    officers,
    visits,
    disputes,
    hazards,
    guardians,
    campaigns: ctx.campaigns.map(({ startDay, endDay, launchDays, rise, fall, recoveryDays, ...c }) => c),
    meta: {
      seed: opts.seed,
      scale,
      start: formatDate(ctx.firstDay),
      end: formatInstant(ctx.nowMinute),
      counts: {
        officers: officers.length,
        visits: visits.length,
        disputes: disputes.length,
        hazards: hazards.length,
        guardians: guardians.length,
      },
    },
  };
}
