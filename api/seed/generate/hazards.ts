import { type Rng, stream } from '../../../geodata/prng.ts';
import { HAZARD_CATEGORIES, type HazardCategory, type HazardStatus, type Severity } from '../../contract/enums.ts';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_ROUTING, routeHazard } from '../../domain/routing.ts';
import { formatInstant, localDay, MINUTES_PER_DAY } from './calendar.ts';
import { HAZARD_KIND_FACTOR, HAZARD_LATE_SHARE, HAZARD_SHARES, HAZARD_STUCK_SHARE, HAZARDS_PER_YEAR, SEVERITY_LIST, SEVERITY_WEIGHTS } from './calibration.ts';
import { categoryEffect } from './campaigns.ts';
import { mobilePhone, personName } from './names.ts';
import { FIELD_HOURS, FIELD_WEEK, HAZARD_MONTHS, isFixedHoliday, monthFactor, springFestivalBump, weekdayFactor } from './seasonality.ts';
import { hazardDescription } from './texts.ts';
import type { Hazard } from './types.ts';
import { type GenerationContext, sequentialId, villagePropensity, villageTable } from './villages.ts';
import { planEventTimes } from './volumes.ts';

/** Seasonal shape per category: rain brings landslides, winter fires, holidays traffic. */
function hazardDayWeight(category: HazardCategory, day: number): number {
  const week = weekdayFactor(FIELD_WEEK, day);
  switch (category) {
    case '地质灾害':
      return monthFactor(HAZARD_MONTHS.geological, day) * week;
    // Fireworks at the New Year, grave-sweeping fires at Qingming.
    case '消防':
      return monthFactor(HAZARD_MONTHS.fire, day) * (1 + 0.6 * springFestivalBump(day, 6)) * (isFixedHoliday(day) ? 1.3 : 1) * week;
    case '交通':
      return (1 + 0.8 * springFestivalBump(day, 7)) * (isFixedHoliday(day) ? 1.8 : 1) * week;
    case '治安':
      return monthFactor(HAZARD_MONTHS.security, day) * week;
    // Workshops close over the New Year.
    case '安全生产':
      return (1 - 0.5 * springFestivalBump(day, 7)) * week;
    default:
      return week;
  }
}

/**
 * Time from report to closure as a multiple of the deadline: most close well inside it, a
 * minority run late by up to about double, and a rare few sit open for months.
 */
export function closureMinutes(rng: Rng, severity: Severity): number {
  const deadline = DEFAULT_DEADLINE_DAYS[severity] * MINUTES_PER_DAY;
  const r = rng.next();
  if (r < HAZARD_STUCK_SHARE) return deadline + Math.round(rng.range(60, 300) * MINUTES_PER_DAY);
  if (r < HAZARD_STUCK_SHARE + HAZARD_LATE_SHARE) return Math.round(deadline * (1 + Math.min(1.2, 0.01 + rng.exponential(0.25))));
  return Math.max(60, Math.round(deadline * Math.min(0.97, Math.max(0.03, rng.logNormal(0.35, 0.5)))));
}

interface Draft {
  category: HazardCategory;
  severity: Severity;
  reported: number;
  routed: number;
  started: number;
  closed: number;
  villageIndex: number;
  lng: number;
  lat: number;
  description: string;
  reporterName: string;
  reporterPhone: string;
}

export function generateHazards(ctx: GenerationContext): Hazard[] {
  const timeRng = stream(ctx.seed, 'hazards.times');
  const rowRng = stream(ctx.seed, 'hazards.rows');
  const propensity = villagePropensity(stream(ctx.seed, 'hazards.villages'), ctx.villages.length, 0.35);
  const keepRng = stream(ctx.seed, 'hazards.campaigns');
  const drafts: Draft[] = [];
  for (const category of HAZARD_CATEGORIES) {
    const drift = new Map<number, number>();
    const effect = categoryEffect(ctx.campaigns, 'hazard', category);
    const times = planEventTimes(timeRng, {
      annual: HAZARDS_PER_YEAR * HAZARD_SHARES[category] * ctx.scale,
      dayWeight: (d) => hazardDayWeight(category, d) * (effect?.peak(d) ?? 1),
      hours: FIELD_HOURS,
      firstDay: ctx.firstDay,
      nowMinute: ctx.nowMinute,
      yearFactor: (year) => {
        if (!drift.has(year)) drift.set(year, Math.min(1.1, Math.max(0.9, 1 + 0.04 * timeRng.normal())));
        return drift.get(year) as number;
      },
    });
    const table = villageTable(ctx.villages, HAZARD_KIND_FACTOR[category], propensity);
    for (const reported of times) {
      const villageIndex = table.sample(rowRng);
      if (effect && !effect.keep(keepRng, localDay(reported), ctx.villages[villageIndex]!.village.townshipCode)) continue;
      const severity = SEVERITY_LIST[rowRng.weightedIndex(SEVERITY_WEIGHTS[category])] as Severity;
      const total = closureMinutes(rowRng, severity);
      const routeDelay = Math.max(5, Math.min(Math.round(total * 0.1), Math.round(rowRng.logNormal(90, 0.8))));
      const startDelay = Math.round((total - routeDelay) * rowRng.range(0.05, 0.3));
      const [lng, lat] = ctx.villages[villageIndex]!.sampler.sample(rowRng);
      drafts.push({
        category,
        severity,
        reported,
        routed: reported + routeDelay,
        started: reported + routeDelay + startDelay,
        closed: reported + total,
        villageIndex,
        lng,
        lat,
        description: hazardDescription(rowRng, category),
        reporterName: personName(rowRng),
        reporterPhone: mobilePhone(rowRng),
      });
    }
  }
  drafts.sort((a, b) => a.reported - b.reported);
  const now = ctx.nowMinute;
  return drafts.map((d, i) => {
    const status: HazardStatus = d.closed <= now ? '已办结' : d.started <= now ? '处置中' : d.routed <= now ? '已分流' : '上报';
    return {
      id: sequentialId('HZ', i, 7),
      category: d.category,
      severity: d.severity,
      department: routeHazard(DEFAULT_ROUTING, d.category, d.severity),
      status,
      reportedAt: formatInstant(d.reported),
      routedAt: d.routed <= now ? formatInstant(d.routed) : null,
      startedAt: d.started <= now ? formatInstant(d.started) : null,
      closedAt: d.closed <= now ? formatInstant(d.closed) : null,
      deadline: formatInstant(d.reported + DEFAULT_DEADLINE_DAYS[d.severity] * MINUTES_PER_DAY),
      villageCode: ctx.villages[d.villageIndex]!.village.code,
      lng: d.lng,
      lat: d.lat,
      description: d.description,
      reporterName: d.reporterName,
      reporterPhone: d.reporterPhone,
    };
  });
}
