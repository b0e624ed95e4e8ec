/**
 * Regenerates the default county dataset in geodata/hengyang/ from shared/geodata/hengyang.
 *   npm run geodata [-- --seed N] [--input DIR] [--out DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from '../geodata/generator/generate.ts';
import { DEFAULT_INPUT_DIR, requireInputDir } from '../geodata/generator/inputs.ts';
import { openGeoDatabase } from './geodata-postgis.ts';

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
const inputDir = path.resolve(values.input ?? DEFAULT_INPUT_DIR);
const outDir = path.resolve(values.out ?? path.join(root, 'geodata', 'hengyang'));

try {
  requireInputDir(inputDir);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const t0 = performance.now();
const db = await openGeoDatabase();
const meta = await db.generate({ inputDir, outDir, seed, log: (m) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`) }).finally(() => db.close());
console.log(
  `wrote ${outDir}: ${meta.counts.townships} townships, ${meta.counts.villages} villages ` +
    `(${meta.counts.cun} 村, ${meta.counts.shequ} 社区), county ${meta.countyAreaKm2} km², ` +
    `population ${meta.populationTotal}, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
