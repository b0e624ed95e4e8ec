/**
 * Synthetic resident populations. There is no public per-village population for this county, so
 * the dataset needs numbers that look right on a map: communities (社区, town centres) clearly
 * larger than villages, towns a bit larger than 乡, bigger land a little more people, and a
 * county total that is exactly the round figure the dashboard's per-capita rates divide by.
 */
import { gaussian, type Rng } from '../prng.ts';
import type { VillageKind } from './names.ts';

export interface PopulationInput {
  kind: VillageKind;
  townshipKind: '镇' | '乡';
  /** NBS urban-rural class: 121 镇中心区, 122 镇乡结合区, 210 乡中心区, 220 村庄. */
  urCode: number;
  areaKm2: number;
}

const BASE: Record<VillageKind, number> = { 社区: 6500, 村: 1800 };
const UR_FACTOR: Record<number, number> = { 121: 1.1, 122: 1.05, 210: 1.05, 220: 1 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Relative weights. Area counts only against the median of the same kind (communities are small
 * town blocks; comparing them to rural villages would make them tiny) and only weakly (^0.3),
 * and noise is clamped, so no community can fall to a village's size.
 */
export function populationWeights(items: PopulationInput[], rng: Rng): number[] {
  const medArea: Record<VillageKind, number> = {
    社区: median(items.filter((i) => i.kind === '社区').map((i) => i.areaKm2)) || 1,
    村: median(items.filter((i) => i.kind === '村').map((i) => i.areaKm2)) || 1,
  };
  return items.map((it) => {
    const area = clamp((it.areaKm2 / medArea[it.kind]) ** 0.3, 0.75, 1.4);
    const town = it.townshipKind === '镇' ? 1.08 : 0.92;
    const noise = Math.exp(0.2 * clamp(gaussian(rng), -2, 2));
    return BASE[it.kind] * (UR_FACTOR[it.urCode] ?? 1) * town * area * noise;
  });
}

/**
 * Largest-remainder (Hamilton) rounding: integers that add up to `total` exactly, each within 1
 * of its exact share. Ties go to the lower index so the result is reproducible.
 */
export function largestRemainder(weights: number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) throw new Error('largestRemainder: weights must sum to a positive number');
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!.i]!++;
  return out;
}

export function allocatePopulation(items: PopulationInput[], rng: Rng, total = 1_000_000): number[] {
  return largestRemainder(populationWeights(items, rng), total);
}
