/**
 * The closed vocabularies of the county's work, in the words the county uses. Database CHECK
 * constraints, zod schemas and the synthetic generator all read these lists, so a value is
 * added in exactly one place.
 */

export const AGENCIES = ['公安', '检察院', '法院', '司法局'] as const;
export type Agency = (typeof AGENCIES)[number];

export const VISIT_KINDS = ['走访', '法治宣讲', '法治电影放映', '矛盾排查'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const DISPUTE_CATEGORIES = ['婚姻家庭', '邻里纠纷', '山林权属', '宅基地', '土地承包', '劳资', '合同债务', '其他'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export const DISPUTE_CHANNELS = ['综治中心', '人民调解委员会', '公约守护人', '好人调解室', '司法确认'] as const;
export type DisputeChannel = (typeof DISPUTE_CHANNELS)[number];

/** 受理 -> 调处中 -> one of the three outcomes. */
export const DISPUTE_STATUSES = ['受理', '调处中', '调解成功', '调解失败', '移交诉讼'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_OPEN: readonly DisputeStatus[] = ['受理', '调处中'];
export const DISPUTE_CONCLUDED: readonly DisputeStatus[] = ['调解成功', '调解失败', '移交诉讼'];

export const HAZARD_CATEGORIES = ['治安', '消防', '交通', '地质灾害', '涉毒', '电信诈骗', '安全生产', '其他'] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

/** 上报 -> 已分流 -> 处置中 -> 已办结. */
export const HAZARD_STATUSES = ['上报', '已分流', '处置中', '已办结'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_OPEN: readonly HazardStatus[] = ['上报', '已分流', '处置中'];

/** 1 = minor ... 4 = critical. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export const VILLAGE_KINDS = ['村', '社区'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

export const BOUNDARY_SOURCES = ['generated', 'imported'] as const;
export type BoundarySource = (typeof BOUNDARY_SOURCES)[number];

export const COVERAGE_STATUSES = ['met', 'at_risk', 'missed'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const EVENT_TYPES = ['dispute', 'hazard', 'visit'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
