/**
 * Attack t: 200 concurrent vector tiles from one county user, the costliest the API takes: the
 * whole scope at zoom 0 (the villages' metrics, the villages' event counts from the rollups, the
 * newest points) over up to ten years, each with its own dates (so the answer cache cannot fold
 * them into one), mixed with malformed ones (z, x or y out of range, the counts asked with a case
 * filter, an unknown layer). Every request must be answered within the limit: the costly ones 200,
 * or 503 with Retry-After when the server sheds load; the malformed ones 400 at once. Afterwards a
 * fresh tile must be answered 200 promptly.
 */
import { expectAnswers, firstOkAfter, type Outcome, timed } from './attack-http.ts';
import { ANSWER_LIMIT_MS, type Attack } from './attack-types.ts';

const COUNT = 200;
/** After the burst, a fresh tile must be answered 200 within this long. */
const IDLE_LIMIT_MS = 5000;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A distinct period of up to ten years ending `i` days before today. */
const years = (i: number) => {
  const to = Date.now() - i * 86400e3;
  return `from=${day(to - (365 + (i % 10) * 365) * 86400e3)}&to=${day(to)}`;
};

/** The i-th request: four costly kinds, then four malformed ones, in turn. */
function request(i: number): { label: string; path: string; costly: boolean } {
  const kinds = [
    ['villages z0', `/api/tiles/villages/0/0/0.mvt?${years(i)}`, true],
    ['event counts z0', `/api/tiles/events/0/0/0.mvt?${years(i)}&layer=event_villages`, true],
    ['event points z0', `/api/tiles/events/0/0/0.mvt?${years(i)}&layer=events`, true],
    ['event counts z5', `/api/tiles/events/5/26/13.mvt?${years(i)}`, true],
    ['z 23', `/api/tiles/villages/23/0/0.mvt?${years(i)}`, false],
    ['x past the zoom', `/api/tiles/events/3/8/0.mvt?${years(i)}`, false],
    ['counts with a category', `/api/tiles/events/4/13/6.mvt?${years(i)}&layer=event_villages&category=%E5%8A%B3%E8%B5%84`, false],
    ['unknown layer', `/api/tiles/events/4/13/6.mvt?${years(i)}&layer=roads`, false],
  ] as const;
  const [label, path, costly] = kinds[i % kinds.length]!;
  return { label: `${label} #${i}`, path, costly };
}

export const tilesAttack: Attack = {
  name: 'tiles',
  title: `${COUNT} concurrent vector tiles from one county user: the whole scope at zoom 0 over up to ten years, and malformed ones`,
  async run({ base, county }) {
    const headers = { cookie: county.cookie };
    const asked = Array.from({ length: COUNT }, (_, i) => request(i));
    const burst = await Promise.all(asked.map((r) => timed(r.label, `${base}${r.path}`, { headers, timeoutMs: ANSWER_LIMIT_MS })));
    const burstEnd = performance.now();

    const { probes: idle, firstOkMs } = await firstOkAfter(burstEnd, IDLE_LIMIT_MS, (n) => `${base}/api/tiles/events/12/3326/1729.mvt?${years(COUNT + 10 + n)}`, { headers });

    const costly = burst.filter((_, i) => asked[i]!.costly);
    const malformed = burst.filter((_, i) => !asked[i]!.costly);
    const violations = [
      ...expectAnswers(costly, (s) => s === 200 || s === 503, ANSWER_LIMIT_MS, '200 or 503'),
      ...expectAnswers(malformed, (s) => s === 400 || s === 503, ANSWER_LIMIT_MS, '400 (or 503 under load)'),
      ...burst.filter((o) => o.status === 503 && !o.retryAfter).map((o) => `${o.label}: 503 without Retry-After`),
    ];
    if (firstOkMs === null) violations.push(`no fresh tile answered 200 within ${IDLE_LIMIT_MS / 1000} s after the burst (${idle.map((o) => o.status).join(', ')})`);
    const countOf = (xs: Outcome[], s: number | string) => xs.filter((o) => o.status === s).length;
    const slowest = (xs: Outcome[]) => Math.max(0, ...xs.map((o) => o.ms)).toFixed(0);
    return {
      outcomes: [...burst, ...idle],
      violations,
      notes: [
        `costly ${costly.length}: ${countOf(costly, 200)} x 200, ${countOf(costly, 503)} x 503, others ${costly.length - countOf(costly, 200) - countOf(costly, 503)}; slowest ${slowest(costly)} ms`,
        `malformed ${malformed.length}: ${countOf(malformed, 400)} x 400, ${countOf(malformed, 503)} x 503; slowest ${slowest(malformed)} ms`,
        `after the burst: ${firstOkMs === null ? 'no 200' : `first 200 after ${firstOkMs.toFixed(0)} ms`} (${idle.length} probe${idle.length === 1 ? '' : 's'})`,
      ],
    };
  },
};
