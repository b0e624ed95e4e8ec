/**
 * Seeded randomness for the generator. Math.random cannot be seeded, and the output must be
 * byte-identical for a given seed, so every random draw goes through these functions.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for placing points; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bit: turns a label into a number to mix into a seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One independent stream per label (e.g. a township code), so adding or reordering draws for
 * one township does not shift the random numbers every other township sees.
 */
export function rngFor(seed: number, label: string): Rng {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(label)) >>> 0);
}

/** Standard normal via Box-Muller (one value per call; the twin is dropped to keep draws simple). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
