/**
 * The one seeded random number generator, for the county dataset's generator (geodata/generator/)
 * and the synthetic operations (api/seed/generate/); it lives in geodata/ because api/ may import
 * geodata/ but not the other way round. Math.random cannot be seeded and the output of both must
 * be identical for a given seed, so every random draw goes through here. Every module draws from
 * its own named stream so that changing how one thing is generated does not shift the random
 * numbers (and thus the rows or polygons) of another.
 *
 * Two ways of deriving a stream exist because each committed output depends on its own: `stream`
 * (operations) and `rngFor` (the dataset; geodata/determinism.test.ts holds it to the bytes).
 */

/** FNV-1a: a stable 32-bit hash for stream labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 finaliser: decorrelates nearby seeds (seed 1 and seed 2 should look unrelated). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for synthetic data (not for cryptography). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(Math.trunc(seed) >>> 0) | 0;
  }

  /** A generator whose state is the seed itself, not mixed: what the dataset's streams start from. */
  static unmixed(seed: number): Rng {
    const rng = new Rng(0);
    rng.state = seed | 0;
    return rng;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Real in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Index drawn proportionally to weights (linear scan: for short lists only). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)] as T;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** An independent stream for one purpose, derived from the user's seed and a label. */
export function stream(seed: number, label: string): Rng {
  return new Rng(mix32((Math.trunc(seed) >>> 0) ^ hashString(label)));
}

/**
 * The dataset generator's stream for a label (e.g. a township code), so adding or reordering
 * draws for one township does not shift the random numbers every other township sees.
 */
export function rngFor(seed: number, label: string): Rng {
  return Rng.unmixed((Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(label)) >>> 0);
}

/**
 * Standard normal for the dataset generator (Box-Muller on u itself, floored at 1e-12, where
 * `Rng.normal` uses 1 - u): the committed polygons were drawn with this one.
 */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Weighted sampling over many items (villages, days) by binary search on cumulative weights. */
export class CumulativeTable {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0)) throw new Error(`weight ${i} is not a non-negative number: ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  sample(rng: Rng): number {
    if (!(this.total > 0)) throw new Error('cannot sample from all-zero weights');
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
