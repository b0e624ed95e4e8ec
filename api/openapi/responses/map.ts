import { z } from 'zod';
import {
  AGENCIES,
  BOUNDARY_SOURCES,
  COVERAGE_STATUSES,
  DISPUTE_CATEGORIES,
  DISPUTE_CHANNELS,
  DISPUTE_STATUSES,
  EVENT_TYPES,
  HAZARD_CATEGORIES,
  HAZARD_STATUSES,
  VILLAGE_KINDS,
  VISIT_KINDS,
} from '../../contract/enums.ts';
import { count, day, instant, oneOf, position, ratio, townshipCode, villageCode } from './common.ts';

/**
 * GET /api/townships, /api/villages (GeoJSON FeatureCollections, api/queries/layers.ts),
 * /api/villages/{code} (api/queries/village-detail.ts) and /api/events (api/queries/events.ts).
 */

const multiPolygon = z
  .strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) })
  .meta({ id: 'MultiPolygon', description: 'GeoJSON MultiPolygon，WGS84，显示用简化边界，坐标 6 位小数 (simplified display boundary, 6 decimals)' });

const layerMeta = z
  .strictObject({
    from: day.describe('起始日 (first day)'),
    to: day.describe('截止日 (last day)'),
    asOf: instant.describe('存量（在办、超期、覆盖）的计量时刻 (instant the stocks are measured at)'),
    boundarySources: z.array(z.enum(BOUNDARY_SOURCES)).describe('图层中出现的边界来源 (boundary sources present in the layer)'),
    boundaryNote: z.string().nullable().describe('含生成边界时的示意说明，否则为 null (the approximation note when any boundary is generated)'),
  })
  .meta({ id: 'LayerMeta', description: '图层的统计期与边界说明 (the layer’s period and boundary note)' });

/** A GeoJSON FeatureCollection of units with these properties, plus `meta`. */
function featureCollection<P extends z.ZodType>(properties: P, id: string, description: string) {
  return z
    .strictObject({
      type: z.literal('FeatureCollection'),
      meta: layerMeta,
      features: z.array(
        z.strictObject({
          type: z.literal('Feature'),
          id: z.string().describe('= properties.code'),
          geometry: multiPolygon,
          properties,
        }),
      ),
    })
    .meta({ id, description });
}

const caseMetrics = {
  population: count.describe('户籍人口 (residents)'),
  disputes: count.describe('期内受理纠纷 (disputes received in the period)'),
  disputesOpen: count.describe('期末在办纠纷 (disputes open at the end)'),
  mediationSuccessRate: ratio.describe('调解成功率 0..1，无办结为 null (mediation success rate)'),
  hazards: count.describe('期内上报隐患 (hazards reported in the period)'),
  hazardsOpen: count.describe('期末未办结隐患 (hazards open at the end)'),
  hazardsOverdue: count.describe('期末超期隐患 (hazards open past the deadline)'),
};

const { population: _, ...periodMetrics } = caseMetrics;

export const villageProps = z
  .strictObject({
    code: villageCode,
    name: z.string(),
    townshipCode,
    townshipName: z.string(),
    kind: z.enum(VILLAGE_KINDS).describe('村或社区 (village or community)'),
    boundarySource: z.enum(BOUNDARY_SOURCES).describe('generated: 由驻地生成的近似边界 (approximate); imported: 导入的边界'),
    labelPoint: position.describe('标注点 [经度, 纬度] (label point)'),
    ...caseMetrics,
    visitsThisQuarter: count.describe('本季度民警走访次数 (officer visits this quarter)'),
    coverageStatus: z.enum(COVERAGE_STATUSES).describe('met 达标 / at_risk 有风险 / missed 未达标 (coverage status)'),
    lastVisitAt: day.nullable().describe('最近走访日期 (day of the last visit)'),
    expectedVisits: count.describe('本季度已走访加上按民警节奏季度末前还能完成的次数 (visits so far plus what the officer’s rhythm still fits)'),
    lastReportAt: day.nullable().describe('最近网格上报日期 (day of the last grid report)'),
    silent: z.boolean().describe('静默：长期无上报且无走访，表示“无信息”而非“无事件” (no report and no visit for the silence window)'),
  })
  .meta({ id: 'VillageProperties', description: '村(社区)图层的属性 (a village feature’s properties)' });

export const villagesAnswer = featureCollection(villageProps, 'VillageLayer', '村(社区)图层：GeoJSON FeatureCollection (villages with their metrics)');

export const townshipProps = z
  .strictObject({
    code: townshipCode,
    name: z.string(),
    kind: z.enum(['镇', '乡']).describe('镇或乡 (town or township)'),
    boundarySource: z.enum(BOUNDARY_SOURCES),
    seat: position.describe('乡镇驻地 [经度, 纬度] (seat)'),
    villageCount: count.describe('村(社区)数 (villages)'),
    ...caseMetrics,
    coverage: z.strictObject({ met: count, atRisk: count, missed: count }).describe('各覆盖状态的村数 (villages by coverage status)'),
    coverageRate: ratio.describe('达标率 0..1 (share of villages that met the rule)'),
    silentVillages: count.describe('静默村(社区)数 (silent villages)'),
  })
  .meta({ id: 'TownshipProperties', description: '乡镇图层的属性 (a township feature’s properties)' });

export const townshipsAnswer = featureCollection(townshipProps, 'TownshipLayer', '乡镇图层：GeoJSON FeatureCollection (townships with their metrics)');

const anyStatus = oneOf([DISPUTE_STATUSES, HAZARD_STATUSES], '状态 (lifecycle status)');
const campaignList = z.array(z.string()).describe('所属专项行动代码 (campaign codes it is tagged with)');

export const villageDetailAnswer = z
  .strictObject({
    code: villageCode,
    name: z.string(),
    nbsName: z.string().describe('统计用区划名称 (the name in the NBS division codes)'),
    kind: z.enum(VILLAGE_KINDS),
    population: count,
    boundarySource: z.enum(BOUNDARY_SOURCES),
    townshipCode,
    townshipName: z.string(),
    labelPoint: position,
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[minLng, minLat, maxLng, maxLat] WGS84'),
    areaKm2: z.number().min(0).describe('面积 km² (area)'),
    guardians: count.describe('公约守护人数 (convention guardians)'),
    asOf: instant.describe('统计时刻（期末）(the end of the period)'),
    officer: z
      .strictObject({
        id: z.string(),
        name: z.string(),
        agency: z.enum(AGENCIES),
        phone: z.string().nullable().describe('大屏角色为 null (null for the wall)'),
        linkedSince: day.describe('挂点起始日 (linked to the village since)'),
      })
      .nullable()
      .describe('挂点民警；无则为 null (the village’s officer)'),
    metrics: z.strictObject({ from: day, to: day, ...periodMetrics }).describe('期内指标 (metrics for the period)'),
    coverage: z
      .strictObject({ quarterStart: day, quarterEnd: day, required: count.describe('每季度应走访次数 (visits required)'), visits: count, status: z.enum(COVERAGE_STATUSES) })
      .describe('本季度覆盖 (this quarter’s coverage)'),
    visitsThisQuarter: z
      .array(z.strictObject({ id: z.string(), kind: oneOf([VISIT_KINDS], '走访类型 (kind)'), visitedAt: instant, officerId: z.string() }))
      .describe('本季度走访，按时间先后 (this quarter’s visits, oldest first)'),
    openDisputes: z
      .array(
        z.strictObject({
          id: z.string(),
          category: oneOf([DISPUTE_CATEGORIES], '纠纷类别 (category)'),
          channel: oneOf([DISPUTE_CHANNELS], '受理渠道 (channel)'),
          status: anyStatus,
          receivedAt: instant,
          summary: z.string().describe('大屏角色为空串 (empty for the wall)'),
          campaigns: campaignList,
        }),
      )
      .describe('期末在办纠纷；按专项行动筛选时只含其案件 (disputes open at the end of the period; only a campaign’s under campaign=)'),
    openHazards: z
      .array(
        z.strictObject({
          id: z.string(),
          category: oneOf([HAZARD_CATEGORIES], '隐患类别 (category)'),
          severity: z.number().int().min(1).max(4),
          department: z.string(),
          status: anyStatus,
          reportedAt: instant,
          deadline: instant,
          overdue: z.boolean(),
          description: z.string().describe('大屏角色为空串 (empty for the wall)'),
          campaigns: campaignList,
        }),
      )
      .describe('期末未办结隐患，等级高者在前；按专项行动筛选时只含其案件 (hazards open at the end, most severe first; only a campaign’s under campaign=)'),
    weekly: z
      .array(z.strictObject({ start: day.describe('周一 (Monday)'), disputes: count, hazards: count, visits: count }))
      .describe('近 12 周；按专项行动筛选时纠纷、隐患只计其案件，走访全计 (the last 12 weeks; under campaign= its disputes and hazards, every visit)'),
  })
  .meta({ id: 'VillageDetail', description: '村(社区)详情 (one village: officer, coverage, open cases, weekly counts)' });

export const eventsAnswer = z
  .strictObject({
    cap: count.describe('本次上限 (the cap applied)'),
    count: count.describe('返回条数 (rows returned)'),
    truncated: z.boolean().describe('匹配多于上限时为 true，只返回最新的 cap 条 (more matched than the cap: the newest are kept)'),
    rows: z.array(
      z.strictObject({
        id: z.string(),
        type: z.enum(EVENT_TYPES).describe('dispute 纠纷 / hazard 隐患 / visit 走访'),
        lng: z.number(),
        lat: z.number(),
        category: oneOf([DISPUTE_CATEGORIES, HAZARD_CATEGORIES, VISIT_KINDS], '纠纷或隐患类别；走访为走访类型 (category; the kind for visits)'),
        status: anyStatus.nullable().describe('状态；走访为 null (status; null for visits)'),
        severity: z.number().int().min(1).max(4).nullable().describe('隐患等级；其他为 null (hazard severity)'),
        at: instant.describe('受理、上报或走访时间 (received, reported or made at)'),
        villageCode,
      }),
    ),
  })
  .meta({ id: 'Events', description: '事件点位，最新在前 (events as points, newest first)' });
