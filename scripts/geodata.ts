/**
 * Regenerates the default county dataset in geodata/hengyang/ from shared/geodata/hengyang.
 *   npm run geodata [-- --seed N] [--input DIR] [--out DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generate } from '../geodata/generator/generate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    input: { type: 'string' },
    out: { type: 'string' },
  },
});

const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
  console.error(`--seed must be an integer in 0..4294967295, got ${values.seed}`);
  process.exit(2);
}
const inputDir = path.resolve(values.input ?? path.join(root, '..', 'shared', 'geodata', 'hengyang'));
const outDir = path.resolve(values.out ?? path.join(root, 'geodata', 'hengyang'));

const t0 = performance.now();
const meta = await generate({
  inputDir,
  outDir,
  seed,
  log: (m) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`),
});
console.log(
  `wrote ${outDir}: ${meta.counts.townships} townships, ${meta.counts.villages} villages ` +
    `(${meta.counts.cun} 村, ${meta.counts.shequ} 社区), county ${meta.countyAreaKm2} km², ` +
    `population ${meta.populationTotal}, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
