import { stream } from '../../../geodata/prng.ts';
import { AGENCIES, type Agency } from '../../contract/enums.ts';
import { formatDate, localDay } from './calendar.ts';
import { AGENCY_SHARES, WEAK_OFFICER_SHARE } from './calibration.ts';
import { mobilePhone, personName } from './names.ts';
import type { Officer } from './types.ts';
import { type GenerationContext, sequentialId } from './villages.ts';

/** One linked officer (联村干警) per village, plus the traits that drive their visit record. */
export interface OfficerPlan {
  officer: Officer;
  villageIndex: number;
  /** Systematically short on visits. */
  weak: boolean;
  linkedDay: number;
}

/** Exact counts per share (largest remainder), so "55% police" holds for any village count. */
export function apportion<K extends string>(total: number, shares: Readonly<Record<K, number>>, order: readonly K[]): K[] {
  const sum = order.reduce((s, k) => s + shares[k], 0);
  const exact = order.map((k) => (total * shares[k]) / sum);
  const counts = exact.map(Math.floor);
  const byRemainder = order.map((_, i) => i).sort((a, b) => (exact[b] as number) - (counts[b] as number) - ((exact[a] as number) - (counts[a] as number)));
  let missing = total - counts.reduce((s, c) => s + c, 0);
  for (const i of byRemainder) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] as number) + 1;
  }
  return order.flatMap((k, i) => Array.from({ length: counts[i] as number }, () => k));
}

/** Share of officers linked after the start date (new link-ups; rotations are out of scope). */
const LATE_LINK_SHARE = 0.07;

export function generateOfficers(ctx: GenerationContext): OfficerPlan[] {
  const rng = stream(ctx.seed, 'officers');
  const agencies: Agency[] = rng.shuffle(apportion(ctx.villages.length, AGENCY_SHARES, AGENCIES));
  const today = localDay(ctx.nowMinute);
  return ctx.villages.map((v, i) => {
    const lateWindow = Math.min(75, today - ctx.firstDay);
    const linkedDay = lateWindow >= 1 && rng.chance(LATE_LINK_SHARE) ? ctx.firstDay + 1 + rng.int(lateWindow) : Math.min(today, ctx.firstDay - rng.int(5 * 365));
    const officer: Officer = {
      id: sequentialId('OF', i, 4),
      name: personName(rng),
      agency: agencies[i] as Agency,
      villageCode: v.village.code,
      phone: mobilePhone(rng),
      linkedSince: formatDate(linkedDay),
    };
    return { officer, villageIndex: i, weak: rng.chance(WEAK_OFFICER_SHARE), linkedDay };
  });
}
