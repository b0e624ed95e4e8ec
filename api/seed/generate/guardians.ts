import { stream } from '../../../geodata/prng.ts';
import { dayOf, formatDate, localDay } from './calendar.ts';
import { GUARDIAN_COUNT } from './calibration.ts';
import { personName } from './names.ts';
import type { Guardian } from './types.ts';
import { type GenerationContext, sequentialId, villageTable } from './villages.ts';

/**
 * Covenant guardians (公约守护人): villagers enrolled to uphold the village covenant and settle
 * small quarrels early. Populous villages get more, but no village more than a handful.
 */

/** Enrolment began with the covenant campaign; most joined before the data starts. */
const ENROLMENT_OPENED = dayOf(2021, 3, 1);

export function generateGuardians(ctx: GenerationContext): Guardian[] {
  const rng = stream(ctx.seed, 'guardians');
  const n = ctx.villages.length;
  const cap = Math.max(3, Math.ceil((2 * GUARDIAN_COUNT) / n));
  const table = villageTable(ctx.villages, { 村: 1, 社区: 1 }, []);
  const perVillage = new Array<number>(n).fill(0);
  for (let placed = 0; placed < GUARDIAN_COUNT; ) {
    const i = table.sample(rng);
    if ((perVillage[i] as number) >= cap) continue;
    perVillage[i] = (perVillage[i] as number) + 1;
    placed++;
  }
  const today = localDay(ctx.nowMinute);
  const earliest = Math.min(ENROLMENT_OPENED, today);
  const guardians: Omit<Guardian, 'id'>[] = [];
  ctx.villages.forEach((v, i) => {
    for (let k = 0; k < (perVillage[i] as number); k++) {
      const before = Math.max(ctx.firstDay - earliest, 1);
      const after = Math.max(today - ctx.firstDay, 0);
      const sinceDay = rng.chance(0.8) || after === 0 ? Math.min(today, earliest + rng.int(before)) : ctx.firstDay + 1 + rng.int(after);
      guardians.push({ name: personName(rng), villageCode: v.village.code, since: formatDate(sinceDay) });
    }
  });
  guardians.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  return guardians.map((g, i) => ({ id: sequentialId('GD', i, 4), ...g }));
}

/** Earliest guardian enrolment per village (local day), for the 公约守护人 dispute channel. */
export function firstGuardianDay(guardians: readonly Guardian[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const g of guardians) {
    const prev = first.get(g.villageCode);
    if (prev === undefined || g.since < prev) first.set(g.villageCode, g.since);
  }
  return first;
}
