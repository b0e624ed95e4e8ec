import { type Rng, stream } from '../../../geodata/prng.ts';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, type DisputeCategory, type DisputeChannel, type DisputeStatus } from '../../contract/enums.ts';
import { dayParts, dayStartMinute, formatDate, formatInstant, localDay } from './calendar.ts';
import { COUNTY_SUCCESS_RATE, DISPUTE_KIND_FACTOR, DISPUTE_MEDIAN_DAYS, DISPUTE_SHARES, DISPUTES_PER_YEAR, LITIGATION_SHARE, PINNED_MARRIAGE } from './calibration.ts';
import { categoryEffect } from './campaigns.ts';
import { diffuseFailures } from './diffusion.ts';
import { mobilePhone, personName } from './names.ts';
import { DISPUTE_MONTHS, type MonthProfile, monthFactor, OFFICE_HOURS, OFFICE_WEEK, springFestivalBump, weekdayFactor } from './seasonality.ts';
import { disputeSummary } from './texts.ts';
import type { Dispute } from './types.ts';
import { type GenerationContext, sequentialId, villagePropensity, villageTable } from './villages.ts';
import { planEventTimes, sampleMinuteOfDay } from './volumes.ts';

/** Spring Festival amplitude: family and money quarrels surge when everyone is home. */
const SPRING_AMPLITUDE: Readonly<Record<DisputeCategory, number>> = {
  婚姻家庭: 0.8,
  邻里纠纷: 0.5,
  山林权属: 0.3,
  宅基地: 0.4,
  土地承包: 0.3,
  劳资: 0.9,
  合同债务: 0.7,
  其他: 0.4,
};

const MONTHS: Readonly<Record<DisputeCategory, MonthProfile>> = {
  婚姻家庭: DISPUTE_MONTHS.general,
  邻里纠纷: DISPUTE_MONTHS.general,
  山林权属: DISPUTE_MONTHS.land,
  宅基地: DISPUTE_MONTHS.land,
  土地承包: DISPUTE_MONTHS.land,
  劳资: DISPUTE_MONTHS.labour,
  合同债务: DISPUTE_MONTHS.labour,
  其他: DISPUTE_MONTHS.general,
};

const CHANNEL_WEIGHTS: Readonly<Record<DisputeChannel, number>> = { 综治中心: 0.25, 人民调解委员会: 0.42, 公约守护人: 0.15, 好人调解室: 0.12, 司法确认: 0.06 };

/** Working rows before ids and outcomes; instants in epoch minutes. */
interface Draft {
  category: DisputeCategory;
  channel: DisputeChannel;
  villageIndex: number;
  received: number;
  started: number;
  concluded: number;
  lng: number;
  lat: number;
  summary: string;
  partyName: string;
  partyPhone: string;
  status: DisputeStatus;
}

/** A later instant on a later (or the same) day, during office hours when the day changes. */
function officeTimeAfter(rng: Rng, from: number, days: number): number {
  if (days === 0) return from + 30 + rng.int(450);
  const t = dayStartMinute(localDay(from) + days) + sampleMinuteOfDay(rng, OFFICE_HOURS);
  return Math.max(t, from + 1);
}

function draftLifecycle(rng: Rng, category: DisputeCategory, received: number): { started: number; concluded: number } {
  // Mediation begins within 0–5 days; concluding typically takes 3–45 days, never near 90.
  const delayDays = rng.chance(0.3) ? 0 : 1 + rng.weightedIndex([0.4, 0.25, 0.15, 0.12, 0.08]);
  const started = officeTimeAfter(rng, received, delayDays);
  const days = Math.round(Math.min(80, Math.max(3, rng.logNormal(DISPUTE_MEDIAN_DAYS[category], 0.6))));
  return { started, concluded: officeTimeAfter(rng, started, days) };
}

export function generateDisputes(ctx: GenerationContext, guardianSince: ReadonlyMap<string, string>): Dispute[] {
  const timeRng = stream(ctx.seed, 'disputes.times');
  const rowRng = stream(ctx.seed, 'disputes.rows');
  const outcomeRng = stream(ctx.seed, 'disputes.outcomes');
  const propensity = villagePropensity(stream(ctx.seed, 'disputes.villages'), ctx.villages.length, 0.35);
  const keepRng = stream(ctx.seed, 'disputes.campaigns');
  const drafts: Draft[] = [];
  for (const category of DISPUTE_CATEGORIES) {
    const drift = new Map<number, number>();
    const effect = categoryEffect(ctx.campaigns, 'dispute', category);
    const times = planEventTimes(timeRng, {
      annual: DISPUTES_PER_YEAR * DISPUTE_SHARES[category] * ctx.scale,
      dayWeight: (d) => monthFactor(MONTHS[category], d) * weekdayFactor(OFFICE_WEEK, d) * (1 + SPRING_AMPLITUDE[category] * springFestivalBump(d, 12)) * (effect?.peak(d) ?? 1),
      hours: OFFICE_HOURS,
      firstDay: ctx.firstDay,
      nowMinute: ctx.nowMinute,
      pinned: category === PINNED_MARRIAGE.category ? new Map([[PINNED_MARRIAGE.year, Math.round(PINNED_MARRIAGE.total * ctx.scale)]]) : undefined,
      yearFactor: (year) => {
        if (!drift.has(year)) drift.set(year, Math.min(1.08, Math.max(0.92, 1 + 0.03 * timeRng.normal())));
        return drift.get(year) as number;
      },
    });
    const table = villageTable(ctx.villages, DISPUTE_KIND_FACTOR[category], propensity);
    for (const received of times) {
      const villageIndex = table.sample(rowRng);
      const village = ctx.villages[villageIndex]!;
      if (effect && !effect.keep(keepRng, localDay(received), village.village.townshipCode)) continue;
      const { started, concluded } = draftLifecycle(rowRng, category, received);
      const guardianReady = (guardianSince.get(village.village.code) ?? '9999') <= formatDate(localDay(received));
      const channelWeights = DISPUTE_CHANNELS.map((c) => (c === '公约守护人' && !guardianReady ? 0 : c === '人民调解委员会' && category === '婚姻家庭' ? 1.2 : CHANNEL_WEIGHTS[c]));
      const [lng, lat] = village.sampler.sample(rowRng);
      drafts.push({
        category,
        channel: rowRng.weighted(DISPUTE_CHANNELS, channelWeights),
        villageIndex,
        received,
        started,
        concluded,
        lng,
        lat,
        summary: disputeSummary(rowRng, category),
        partyName: personName(rowRng),
        partyPhone: mobilePhone(rowRng),
        status: started > ctx.nowMinute ? '受理' : concluded > ctx.nowMinute ? '调处中' : '调解成功',
      });
    }
  }
  drafts.sort((a, b) => a.received - b.received);
  assignOutcomes(outcomeRng, drafts);
  return drafts.map((d, i) => ({
    id: sequentialId('DS', i, 7),
    category: d.category,
    channel: d.channel,
    status: d.status,
    villageCode: ctx.villages[d.villageIndex]!.village.code,
    receivedAt: formatInstant(d.received),
    mediationStartedAt: d.status === '受理' ? null : formatInstant(d.started),
    concludedAt: d.status === '受理' || d.status === '调处中' ? null : formatInstant(d.concluded),
    lng: d.lng,
    lat: d.lat,
    summary: d.summary,
    partyName: d.partyName,
    partyPhone: d.partyPhone,
  }));
}

/**
 * Outcomes by error diffusion in three strata, each in order of receipt: the pinned 婚姻家庭
 * cases of the published year (exactly 850 of 859 succeed), the other cases of that year (at the
 * rate that makes the year 98.6% overall), and all other years at 98.6%.
 */
function assignOutcomes(rng: Rng, drafts: Draft[]): void {
  const pinnedYear = (d: Draft) => dayParts(localDay(d.received)).year === PINNED_MARRIAGE.year;
  const strata: Draft[][] = [[], [], []];
  for (const d of drafts) strata[pinnedYear(d) ? (d.category === PINNED_MARRIAGE.category ? 0 : 1) : 2]!.push(d);
  const [pinned, sameYear, rest] = strata as [Draft[], Draft[], Draft[]];
  const failRate = COUNTY_SUCCESS_RATE.denominator - COUNTY_SUCCESS_RATE.numerator;
  const pinnedFailures = Math.round((pinned.length * (PINNED_MARRIAGE.total - PINNED_MARRIAGE.successful)) / PINNED_MARRIAGE.total);
  const yearFailures = Math.round(((pinned.length + sameYear.length) * failRate) / COUNTY_SUCCESS_RATE.denominator);
  const rates: [Draft[], number, number][] = [
    [pinned, pinnedFailures, pinned.length],
    [sameYear, Math.max(0, yearFailures - pinnedFailures), sameYear.length],
    [rest, failRate, COUNTY_SUCCESS_RATE.denominator],
  ];
  for (const [stratum, failures, total] of rates) {
    const concluded = stratum.filter((d) => d.status === '调解成功');
    const flags = diffuseFailures(concluded.length, failures, total, total > 0 ? rng.int(total) : 0);
    concluded.forEach((d, k) => {
      if (flags[k]) d.status = rng.chance(LITIGATION_SHARE) ? '移交诉讼' : '调解失败';
    });
  }
}
