import { z } from 'zod';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES, SEVERITIES, VISIT_KINDS } from '../../contract/enums.ts';
import { instant, townshipCode, villageCode } from './common.ts';

/**
 * What POST, GET and PATCH of /api/disputes and /api/hazards, and POST /api/visits answer: the
 * record as stored (api/queries/intake/*.ts `*Answer`), with personal data as the caller's role
 * may see it (api/auth/mask.ts via api/routes/intake-access.ts).
 */

const MASKING =
  '个人信息按角色显示：县级、民警、管理员为原文；乡镇为脱敏（张三 -> 张*，13812341234 -> 138****1234，0734-1234567 -> 0734-***4567）；未填写为 null ' +
  '(personal data by role: county, officer and admin see it in full, a township chief masked; null when not given)';

const clientId = z.string().nullable().describe('终端生成的幂等键；台账导入或生成的数据为 null (the client id the record was sent under; null for imported or generated records)');
const lng = z.number().min(-180).max(180).describe('经度 WGS84 (longitude)');
const lat = z.number().min(-90).max(90).describe('纬度 WGS84 (latitude)');

export const disputeAnswer = z
  .strictObject({
    id: z
      .string()
      .regex(/^DS\d{7,}$/)
      .describe('纠纷编号 (dispute id, DS + 7 digits or more)'),
    clientId,
    villageCode,
    townshipCode,
    category: z.enum(DISPUTE_CATEGORIES).describe('纠纷类别 (category)'),
    channel: z.enum(DISPUTE_CHANNELS).describe('受理渠道 (channel)'),
    status: z.enum(DISPUTE_STATUSES).describe('状态：受理 -> 调处中 -> 调解成功 / 调解失败 / 移交诉讼 (lifecycle status)'),
    receivedAt: instant.describe('受理时间 (received at)'),
    mediationStartedAt: instant.nullable().describe('开始调处时间 (mediation started at)'),
    concludedAt: instant.nullable().describe('办结时间 (concluded at)'),
    lng,
    lat,
    summary: z.string().describe('简要案情 (summary)'),
    mediator: z.string().nullable().describe('调解员 (mediator)'),
    partyName: z.string().nullable().describe(`当事人姓名 (party name). ${MASKING}`),
    partyPhone: z.string().nullable().describe(`当事人电话 (party phone). ${MASKING}`),
    campaigns: z.array(z.string()).describe('所属专项行动代码 (campaign codes it is tagged with)'),
  })
  .meta({ id: 'Dispute', description: '矛盾纠纷 (a dispute as the intake answers it)' });

export const hazardAnswer = z
  .strictObject({
    id: z
      .string()
      .regex(/^HZ\d{7,}$/)
      .describe('隐患编号 (hazard id, HZ + 7 digits or more)'),
    clientId,
    villageCode,
    townshipCode,
    category: z.enum(HAZARD_CATEGORIES).describe('隐患类别 (category)'),
    severity: z.literal(SEVERITIES).describe('等级 1 一般 ... 4 重大 (severity, 1 = minor ... 4 = critical)'),
    department: z.string().describe('按分流规则指派的责任单位 (department the routing table assigned)'),
    status: z.enum(HAZARD_STATUSES).describe('状态：上报 -> 已分流 -> 处置中 -> 已办结 (lifecycle status)'),
    reportedAt: instant.describe('上报时间 (reported at)'),
    routedAt: instant.nullable().describe('分流时间 (routed at)'),
    startedAt: instant.nullable().describe('开始处置时间 (work started at)'),
    closedAt: instant.nullable().describe('办结时间 (closed at)'),
    deadline: instant.describe('办结时限，按等级 (deadline by severity)'),
    overdue: z.boolean().describe('未办结且已过时限 (open past its deadline, now)'),
    lng,
    lat,
    description: z.string().describe('隐患描述 (description)'),
    reporterName: z.string().nullable().describe(`上报人姓名 (reporter name). ${MASKING}`),
    reporterPhone: z.string().nullable().describe(`上报人电话 (reporter phone). ${MASKING}`),
    campaigns: z.array(z.string()).describe('所属专项行动代码 (campaign codes it is tagged with)'),
  })
  .meta({ id: 'Hazard', description: '风险隐患 (a hazard as the intake answers it)' });

export const visitAnswer = z
  .strictObject({
    id: z.string().describe('走访编号 (visit id)'),
    clientId,
    officerId: z.string().describe('民警编号 (officer id)'),
    villageCode,
    townshipCode,
    kind: z.enum(VISIT_KINDS).describe('走访类型 (kind of visit)'),
    visitedAt: instant.describe('走访时间 (visited at)'),
    lng: lng.describe('经度 WGS84；未报坐标时为村(社区)标注点 (longitude; the village label point when none was sent)'),
    lat: lat.describe('纬度 WGS84；未报坐标时为村(社区)标注点 (latitude; the village label point when none was sent)'),
  })
  .meta({ id: 'Visit', description: '民警走访记录，不含个人信息 (an officer visit; holds no personal data)' });
