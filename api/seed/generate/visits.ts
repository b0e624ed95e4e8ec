import { type Rng, stream } from '../../../geodata/prng.ts';
import { VISIT_KINDS, type VisitKind } from '../../contract/enums.ts';
import { dayParts, dayStartMinute, formatInstant, localDay, nextQuarter, quarterOfDay, quarterStartDay } from './calendar.ts';
import { SHORTFALL_CHANCE, VISITS_REQUIRED_PER_QUARTER } from './calibration.ts';
import type { OfficerPlan } from './officers.ts';
import { WORK_HOURS } from './seasonality.ts';
import type { Visit } from './types.ts';
import { type GenerationContext, sequentialId } from './villages.ts';
import { sampleMinuteOfDay } from './volumes.ts';

/**
 * Officer visits. Each officer plans a number of visits per quarter (≥ 3 is the requirement)
 * and spreads them over the quarter; a quarter in progress only has the visits made so far,
 * which is what makes some villages "at risk" on the dashboard.
 */

const KIND_WEIGHTS: Readonly<Record<VisitKind, number>> = { 走访: 0.68, 矛盾排查: 0.16, 法治宣讲: 0.11, 法治电影放映: 0.05 };
const EXTRA_VISIT_WEIGHTS = [0.35, 0.35, 0.2, 0.1];
const SHORT_VISIT_WEIGHTS = [0.15, 0.35, 0.5];

/** Planned visits for one village-quarter, before scaling. */
export function plannedVisits(rng: Rng, weak: boolean): number {
  const short = rng.chance(weak ? SHORTFALL_CHANCE.weak : SHORTFALL_CHANCE.normal);
  return short ? rng.weightedIndex(SHORT_VISIT_WEIGHTS) : VISITS_REQUIRED_PER_QUARTER + rng.weightedIndex(EXTRA_VISIT_WEIGHTS);
}

/** Field work happens on working days; most weekend slots move to the nearest weekday. */
function toWorkingDay(rng: Rng, day: number, first: number, last: number): number {
  const weekday = dayParts(day).weekday;
  if ((weekday !== 0 && weekday !== 6) || rng.chance(0.25)) return day;
  const friday = day - (weekday === 6 ? 1 : 2);
  const monday = day + (weekday === 6 ? 2 : 1);
  const preferred = rng.chance(0.5) ? friday : monday;
  if (preferred >= first && preferred <= last) return preferred;
  const other = preferred === friday ? monday : friday;
  return other >= first && other <= last ? other : day;
}

interface PlannedVisit {
  minute: number;
  plan: OfficerPlan;
  kind: VisitKind;
}

export function generateVisits(ctx: GenerationContext, officers: readonly OfficerPlan[]): Visit[] {
  const rng = stream(ctx.seed, 'visits');
  const kinds = VISIT_KINDS;
  const kindWeights = kinds.map((k) => KIND_WEIGHTS[k]);
  const today = localDay(ctx.nowMinute);
  const planned: PlannedVisit[] = [];
  if (today < ctx.firstDay) return [];
  for (const plan of officers) {
    const notBefore = dayStartMinute(Math.max(plan.linkedDay, ctx.firstDay));
    for (let q = quarterOfDay(ctx.firstDay); quarterStartDay(q) <= today; q = nextQuarter(q)) {
      const first = quarterStartDay(q);
      const last = quarterStartDay(nextQuarter(q)) - 1;
      const length = last - first + 1;
      const n = Math.round(plannedVisits(rng, plan.weak) * ctx.scale);
      for (let i = 0; i < n; i++) {
        // Stratified over the quarter: a steady rhythm, and a quarter in progress gets its share.
        const slot = first + Math.floor(((i + rng.range(0.15, 0.85)) * length) / n);
        const day = toWorkingDay(rng, slot, first, last);
        const kind = rng.weighted(kinds, kindWeights);
        const minuteOfDay = kind === '法治电影放映' ? 19 * 60 + rng.int(90) : sampleMinuteOfDay(rng, WORK_HOURS);
        const minute = dayStartMinute(day) + minuteOfDay;
        if (minute < notBefore || minute > ctx.nowMinute) continue;
        planned.push({ minute, plan, kind });
      }
    }
  }
  planned.sort((a, b) => a.minute - b.minute);
  return planned.map((p, i) => {
    const village = ctx.villages[p.plan.villageIndex];
    if (!village) throw new Error('officer without village');
    const [lng, lat] = village.sampler.sample(rng);
    return {
      id: sequentialId('VS', i, 7),
      officerId: p.plan.officer.id,
      villageCode: village.village.code,
      kind: p.kind,
      visitedAt: formatInstant(p.minute),
      lng,
      lat,
    };
  });
}
