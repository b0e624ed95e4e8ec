import type { Agency, DisputeCategory, HazardCategory, Severity } from '../../contract/enums.ts';

/**
 * Targets the synthetic data is calibrated to. Published figures for Hengyang County (衡阳县):
 * "county-wide mediation success 98.6%; the marriage and family dispute committee mediated
 * 859 cases in 2024, 850 successfully". Everything else here is a plausible assumption for a
 * county of ~1.0 million people in 491 villages/communities, not a published number.
 */

/** Success = 调解成功 / (调解成功 + 调解失败 + 移交诉讼), by the period a dispute was received. */
export const COUNTY_SUCCESS_RATE = { numerator: 986, denominator: 1000 } as const;

/** Published: 859 marriage/family cases received in 2024, 850 mediated successfully. */
export const PINNED_MARRIAGE = { category: '婚姻家庭', year: 2024, total: 859, successful: 850 } as const satisfies {
  category: DisputeCategory;
  year: number;
  total: number;
  successful: number;
};

/** Disputes per year county-wide; 859 / 5,800 puts 婚姻家庭 at ~15%. */
export const DISPUTES_PER_YEAR = 5800;

/** Shares of the annual volume; 婚姻家庭 follows from the pinned figure. */
export const DISPUTE_SHARES: Readonly<Record<DisputeCategory, number>> = {
  婚姻家庭: PINNED_MARRIAGE.total / DISPUTES_PER_YEAR,
  邻里纠纷: 0.25,
  土地承包: 0.12,
  宅基地: 0.1,
  山林权属: 0.06,
  劳资: 0.09,
  合同债务: 0.11,
  其他: 1 - PINNED_MARRIAGE.total / DISPUTES_PER_YEAR - 0.25 - 0.12 - 0.1 - 0.06 - 0.09 - 0.11,
};

/** Per-capita multiplier by village kind: land rows are rural, wage/debt rows are urban. */
export const DISPUTE_KIND_FACTOR: Readonly<Record<DisputeCategory, { 村: number; 社区: number }>> = {
  婚姻家庭: { 村: 1, 社区: 1.1 },
  邻里纠纷: { 村: 1, 社区: 1.2 },
  土地承包: { 村: 1, 社区: 0.12 },
  宅基地: { 村: 1, 社区: 0.2 },
  山林权属: { 村: 1, 社区: 0.05 },
  劳资: { 村: 0.5, 社区: 3 },
  合同债务: { 村: 0.6, 社区: 2.6 },
  其他: { 村: 1, 社区: 1.4 },
};

/** Typical mediation length in days (median of a log-normal). */
export const DISPUTE_MEDIAN_DAYS: Readonly<Record<DisputeCategory, number>> = {
  婚姻家庭: 12,
  邻里纠纷: 8,
  土地承包: 16,
  宅基地: 16,
  山林权属: 20,
  劳资: 12,
  合同债务: 14,
  其他: 9,
};

/** Share of non-successes that go to court rather than ending as 调解失败. */
export const LITIGATION_SHARE = 0.55;

export const HAZARDS_PER_YEAR = 12000;

export const HAZARD_SHARES: Readonly<Record<HazardCategory, number>> = {
  治安: 0.22,
  消防: 0.14,
  交通: 0.16,
  地质灾害: 0.08,
  涉毒: 0.03,
  电信诈骗: 0.1,
  安全生产: 0.12,
  其他: 0.15,
};

export const HAZARD_KIND_FACTOR: Readonly<Record<HazardCategory, { 村: number; 社区: number }>> = {
  治安: { 村: 1, 社区: 1.5 },
  消防: { 村: 1, 社区: 1.3 },
  交通: { 村: 1, 社区: 1.2 },
  地质灾害: { 村: 1, 社区: 0.1 },
  涉毒: { 村: 0.8, 社区: 2 },
  电信诈骗: { 村: 0.9, 社区: 1.6 },
  安全生产: { 村: 0.8, 社区: 2.2 },
  其他: { 村: 1, 社区: 1 },
};

/** Severity mix: mostly minor, few critical; landslides and fires skew worse. */
export const SEVERITY_WEIGHTS: Readonly<Record<HazardCategory, readonly [number, number, number, number]>> = {
  治安: [0.45, 0.37, 0.14, 0.04],
  消防: [0.36, 0.36, 0.2, 0.08],
  交通: [0.45, 0.35, 0.15, 0.05],
  地质灾害: [0.3, 0.35, 0.25, 0.1],
  涉毒: [0.3, 0.42, 0.23, 0.05],
  电信诈骗: [0.5, 0.35, 0.13, 0.02],
  安全生产: [0.42, 0.36, 0.16, 0.06],
  其他: [0.6, 0.3, 0.08, 0.02],
};

/** Share of hazards closed after their deadline, and the rare ones left stuck for months. */
export const HAZARD_LATE_SHARE = 0.07;
export const HAZARD_STUCK_SHARE = 0.0004;

export const SEVERITY_LIST: readonly Severity[] = [1, 2, 3, 4];

/** 政法干警联村: one officer per village; the police carry most of the load. */
export const AGENCY_SHARES: Readonly<Record<Agency, number>> = { 公安: 0.55, 司法局: 0.25, 法院: 0.1, 检察院: 0.1 };

/** Required visits per village per quarter. */
export const VISITS_REQUIRED_PER_QUARTER = 3;
/** Officers who systematically fall short; shortfalls cluster on them. */
export const WEAK_OFFICER_SHARE = 0.12;
export const SHORTFALL_CHANCE = { weak: 0.55, normal: 0.02 } as const;

/** Covenant guardians (公约守护人) enrolled county-wide. */
export const GUARDIAN_COUNT = 448;
