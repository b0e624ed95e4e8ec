import { CumulativeTable, type Rng } from '../../../geodata/prng.ts';
import type { CampaignPlan } from './campaigns.ts';
import { PolygonSampler } from './geometry.ts';
import type { SeedVillage } from './types.ts';

/** Villages prepared once per generation: samplers and per-village propensities. */

export interface PreparedVillage {
  village: SeedVillage;
  sampler: PolygonSampler;
}

/** Shared inputs of the table generators. */
export interface GenerationContext {
  seed: number;
  scale: number;
  /** First local day covered. */
  firstDay: number;
  /** Epoch minute of `now`; nothing happens after it. */
  nowMinute: number;
  villages: PreparedVillage[];
  /** The campaigns and the shape of their effect on the cases they target. */
  campaigns: CampaignPlan[];
}

export function prepareVillages(villages: readonly SeedVillage[]): PreparedVillage[] {
  const seen = new Set<string>();
  const prepared = [...villages]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((village) => {
      if (!/^\d{12}$/.test(village.code)) throw new Error(`village code must be 12 digits: ${village.code}`);
      if (!/^\d{9}$/.test(village.townshipCode)) throw new Error(`township code must be 9 digits: ${village.townshipCode}`);
      if (seen.has(village.code)) throw new Error(`duplicate village code ${village.code}`);
      if (!(village.population >= 0)) throw new Error(`village ${village.code} has no valid population`);
      seen.add(village.code);
      return { village, sampler: new PolygonSampler(village.geometry) };
    });
  if (prepared.length === 0) throw new Error('no villages');
  return prepared;
}

/**
 * Village "temperament": some places are simply more contentious or more hazardous than their
 * population says. A log-normal factor per village keeps hot spots stable over the years.
 */
export function villagePropensity(rng: Rng, count: number, sigma: number): number[] {
  return Array.from({ length: count }, () => Math.exp(sigma * rng.normal() - (sigma * sigma) / 2));
}

/** Population-proportional table with a per-kind multiplier and per-village propensity. */
export function villageTable(villages: readonly PreparedVillage[], kindFactor: { 村: number; 社区: number }, propensity: readonly number[]): CumulativeTable {
  const weights = villages.map((v, i) => Math.max(v.village.population, 1) * kindFactor[v.village.kind] * (propensity[i] ?? 1));
  return new CumulativeTable(weights);
}

/** Zero-padded sequential ids ('OF0001'); rows are numbered after sorting by time. */
export function sequentialId(prefix: string, index: number, width: number): string {
  return prefix + String(index + 1).padStart(width, '0');
}
