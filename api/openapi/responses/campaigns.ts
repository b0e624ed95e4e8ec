import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../../contract/campaign.ts';
import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from '../../contract/enums.ts';
import { count, day, instant, oneOf, townshipCode } from './common.ts';

/** GET /api/campaigns, the admin's campaign answers and GET /api/campaigns/{code}/effect (api/queries/campaigns.ts, campaign-effect.ts). */

export const campaignSchema = z
  .strictObject({
    code: z.string().describe('代码 (code: lower-case letters, digits and -)'),
    name: z.string().describe('名称 (name, e.g. 清源断流)'),
    description: z.string(),
    startDate: day.describe('开始日期 (first day)'),
    endDate: day.describe('结束日期 (last day)'),
    disputeCategories: z.array(oneOf([DISPUTE_CATEGORIES], '矛盾纠纷类别 (dispute category)')).describe('针对的纠纷类别 (dispute categories targeted)'),
    hazardCategories: z.array(oneOf([HAZARD_CATEGORIES], '隐患类别 (hazard category)')).describe('针对的隐患类别 (hazard categories targeted)'),
    townships: z.array(townshipCode).nullable().describe('实施乡镇；null 为全县 (townships; null for the whole county)'),
    leadDepartment: z.string().describe('牵头部门 (lead department)'),
    autoTag: z.boolean().describe('自动标记：类别、乡镇、日期相符的案件归入本行动 (cases of its categories, townships and days are tagged)'),
    status: z.enum(CAMPAIGN_STATUSES).describe('planned 未开始 / running 进行中 / ended 已结束（以服务器当前日期计）'),
  })
  .meta({ id: 'Campaign', description: '专项行动 (a campaign)' });

export const campaignsAnswer = z.strictObject({ campaigns: z.array(campaignSchema) });
export const campaignAnswer = z.strictObject({ campaign: campaignSchema });

const window = z.strictObject({ from: day, to: day });
const nullableNumber = z.number().nullable();

export const campaignEffectAnswer = z
  .strictObject({
    campaign: campaignSchema,
    windows: z
      .strictObject({
        before: window.describe('行动前同等天数 (as many days just before the start)'),
        during: window.describe('行动期间，截至昨日 (the campaign, up to yesterday)'),
        after: window.nullable().describe('行动结束后同等天数，截至昨日 (as many days after the end, up to yesterday)'),
      })
      .describe('比较窗口，整日 (the windows compared, whole days)'),
    weeks: z
      .array(
        z.strictObject({
          weekStart: day,
          days: count.describe('本周在所属阶段内的天数 (days of the week inside its phase; the edges may be short)'),
          phase: z.enum(['before', 'during', 'after']),
          targeted: count.describe('针对类别的受理/上报数 (cases received or reported in the targeted categories, tagged or not)'),
          other: count.describe('同类型其余类别 (the other categories of the same kinds)'),
        }),
      )
      .describe('按 7 天分段的案件数，自行动开始日起算 (seven-day counts from the start, never straddling two phases)'),
    townships: z
      .array(
        z.strictObject({
          code: townshipCode,
          name: z.string(),
          before: count,
          during: count,
          changeRate: nullableNumber.describe('(during - before) / before；before 为 0 时为 null'),
          small: z.boolean().describe('任一计数低于 CAMPAIGN_SMALL_COUNT (a count under the small-count threshold)'),
        }),
      )
      .describe('行动范围内、调用者可见的各乡镇的针对类别案件数 (targeted cases per township of the campaign the caller sees)'),
    estimate: z
      .strictObject({
        kind: z.literal('did_log_ratio'),
        value: nullableNumber.describe('log((T_during/T_before)/(O_during/O_before))'),
        low: nullableNumber,
        high: nullableNumber,
        level: z.number().describe('区间置信水平 (interval level, 0.9)'),
        small: z.boolean(),
        note: z.enum(['insufficient_cases']).nullable().describe('insufficient_cases：某一计数低于 CAMPAIGN_MIN_CASES，不给估计'),
      })
      .describe('双重差分估计（对数比），泊松方差区间；不是因果结论 (difference-in-differences on log ratios with a Poisson interval; not a causal claim)'),
    ratio: z.strictObject({ value: nullableNumber, low: nullableNumber, high: nullableNumber }).describe('exp(estimate)：针对类别相对其余类别的变化倍数'),
    closed: z.strictObject({ disputes: count, hazards: count }).describe('行动期间办结的本行动案件 (the campaign’s cases concluded or closed during it)'),
    asOf: instant,
  })
  .meta({ id: 'CampaignEffect', description: '专项行动成效 (what a campaign changed, as far as counts can say)' });
