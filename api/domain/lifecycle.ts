import type { DisputeStatus, HazardStatus } from '../contract/enums.ts';

/**
 * The lifecycles, as the county runs them: each status names the statuses it may move to.
 * Disputes: 受理 -> 调处中 -> 调解成功 | 调解失败 | 移交诉讼; the outcomes are final.
 * Hazards: 上报 -> 已分流 -> 处置中 -> 已办结.
 */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  受理: ['调处中'],
  调处中: ['调解成功', '调解失败', '移交诉讼'],
  调解成功: [],
  调解失败: [],
  移交诉讼: [],
};

export const HAZARD_TRANSITIONS: Readonly<Record<HazardStatus, readonly HazardStatus[]>> = {
  上报: ['已分流'],
  已分流: ['处置中'],
  处置中: ['已办结'],
  已办结: [],
};

/** Which timestamp column a transition into a status sets. */
export const DISPUTE_STAMP: Readonly<Partial<Record<DisputeStatus, 'mediation_started_at' | 'concluded_at'>>> = {
  调处中: 'mediation_started_at',
  调解成功: 'concluded_at',
  调解失败: 'concluded_at',
  移交诉讼: 'concluded_at',
};

export const HAZARD_STAMP: Readonly<Partial<Record<HazardStatus, 'routed_at' | 'started_at' | 'closed_at'>>> = {
  已分流: 'routed_at',
  处置中: 'started_at',
  已办结: 'closed_at',
};

export function allowedNext<S extends string>(table: Readonly<Record<S, readonly S[]>>, from: S): readonly S[] {
  return table[from] ?? [];
}
