import { z } from 'zod';
import { DISPUTE_CATEGORIES, HAZARD_CATEGORIES } from '../../contract/enums.ts';
import { RANKING_METRICS } from '../../queries/ranking.ts';
import { count, day, instant, oneOf, ratio, townshipCode } from './common.ts';

/** GET /api/stats/summary, /trend, /categories and /ranking (api/queries/summary.ts, trend.ts, categories.ts, ranking.ts). */

const scope = townshipCode.nullable().describe('所看乡镇；null 为全县 (the township looked at; null: the whole county, or all the caller sees)');

const periodInfo = z
  .strictObject({
    from: day.describe('起始日 (first day, inclusive)'),
    to: day.describe('截止日 (last day, inclusive)'),
    asOf: instant.describe('存量（在办、超期、覆盖）的计量时刻 (instant the stocks are measured at)'),
    days: z.number().int().min(1).describe('天数 (days in the period)'),
    partial: z.boolean().describe('期未完：数据截至 asOf (the period is still running: figures as of asOf)'),
    unit: z
      .enum(['week', 'month', 'quarter', 'year', 'days'])
      .describe(
        '期所在的周、月、季、年（整期或至今，如本周一至今），否则为天数；决定比较口径 (the calendar unit the period starts and lies within, whole or to date; else days; decides the comparison)',
      ),
    until: instant.describe(
      '计数截止（不含）：期末次日 0 时，或进行中期的可比期截至同一时刻 (exclusive end of the counting: 00:00 after `to`, or, for the comparison of a running period, the same time of day)',
    ),
  })
  .meta({ id: 'PeriodInfo', description: '统计期 (a period)' });

const totals = z
  .strictObject({
    disputes: z
      .strictObject({
        total: count.describe('期内受理 (received in the period)'),
        concluded: count.describe('期内办结 (concluded in the period, whenever received)'),
        resolved: count.describe('期内调解成功 (concluded as 调解成功)'),
        successRate: ratio.describe('调解成功率 = resolved / concluded；无办结为 null (success rate)'),
        open: count.describe('期末在办 (open at the end of the period)'),
      })
      .describe('矛盾纠纷 (disputes)'),
    hazards: z
      .strictObject({
        reported: count.describe('期内上报 (reported in the period)'),
        open: count.describe('期末未办结 (open at the end)'),
        overdue: count.describe('期末超期未办结 (open past the deadline at the end)'),
        bySeverity: z.strictObject({ '1': count, '2': count, '3': count, '4': count }).describe('期末未办结按等级 1..4 (open hazards by severity)'),
      })
      .describe('风险隐患 (hazards)'),
    coverage: z
      .strictObject({
        villages: count.describe('村(社区)数 (villages)'),
        met: count.describe('已达标 (met the visit rule)'),
        atRisk: count.describe('有风险 (at risk)'),
        missed: count.describe('未达标 (missed)'),
        rate: ratio.describe('达标率 = met / villages (coverage rate)'),
        quarter: day.describe('所在季度首日 (first day of the quarter counted)'),
        asOf: instant.describe(
          '季度走访计至此刻；上期的覆盖为上季度同一时点 (visits of the quarter counted up to this instant; for the previous period, the same point of the previous quarter)',
        ),
        silent: count.describe('静默村(社区)：长期无网格上报且无走访 (villages with no report and no visit for the silence window: "no information")'),
      })
      .describe('千警入万户覆盖 (officer visit coverage)'),
  })
  .meta({ id: 'Totals', description: '一个统计期的汇总 (totals of one period)' });

export const summaryAnswer = z
  .strictObject({
    township: scope,
    period: periodInfo,
    previousPeriod: periodInfo.describe(
      '上一可比期：周/月/季/年为上一周/月/季/年的相同日子（整月对整月），其他为紧邻其前的等长期；进行中的期截至同一时刻，自定义期按已过天数 (the previous comparable period: for a week/month/quarter/year the same days of the previous one, a whole unit against the whole previous unit; otherwise the same length just before; a running period is cut at the same time of day, a running custom window by the days it has run)',
    ),
    current: totals,
    previous: totals,
  })
  .meta({ id: 'Summary', description: '汇总指标：本期与上期 (totals for the period and the previous one)' });

export const trendAnswer = z
  .strictObject({
    interval: z.enum(['week', 'month']).describe('分桶 (bucket size)'),
    from: day,
    to: day,
    township: scope,
    buckets: z
      .array(
        z.strictObject({
          start: day.describe('桶内首日（期内）(first day of the bucket inside the period)'),
          end: day.describe('桶内末日（期内）(last day of the bucket inside the period)'),
          disputes: count.describe('受理纠纷 (disputes received)'),
          hazards: count.describe('上报隐患 (hazards reported)'),
          visits: count.describe('民警走访 (officer visits)'),
        }),
      )
      .describe('按时间先后 (oldest first)'),
  })
  .meta({ id: 'Trend', description: '趋势 (counts per week or month)' });

export const categoriesAnswer = z
  .strictObject({
    type: z.enum(['dispute', 'hazard']).describe('纠纷或隐患 (disputes or hazards)'),
    total: count,
    rows: z
      .array(z.strictObject({ category: oneOf([DISPUTE_CATEGORIES, HAZARD_CATEGORIES], '类别 (category of the type)'), count }))
      .describe('该类型的全部类别，按县里的顺序，无则为 0 (every category of the type, in the county’s order, zero when none)'),
  })
  .meta({ id: 'CategoryBreakdown', description: '分类统计 (counts by category)' });

export const rankingRow = z
  .strictObject({
    rank: z.number().int().min(1).describe('名次 (rank, from 1)'),
    code: z.string().describe('乡镇或村(社区)代码 (township or village code, by level)'),
    name: z.string(),
    townshipCode,
    townshipName: z.string(),
    population: count.describe('户籍人口 (residents)'),
    value: z.number().nullable().describe('排名值：件数、每千人发生率或 0..1 比率；无值为 null，排在最后 (a count, a rate per 1,000 residents, or a ratio; null ranks last)'),
    count: count.describe('所依据的件数（覆盖率为村数）(the count the value rests on; villages for coverageRate)'),
    rawValue: z.number().nullable().optional().describe('仅 disputeRate：未平滑的每千人发生率 (disputeRate only: the unsmoothed rate)'),
    visits: count.optional().describe('仅 coverageRate：本季度已走访次数（乡镇为各村之和），同值时少者在前 (coverageRate only: visits this quarter; ties rank by it)'),
    lowCount: z.boolean().describe('件数少于 5，比率仅供参考 (fewer than 5 cases: the rate rests on few cases)'),
  })
  .meta({ id: 'RankingRow', description: '排名一行 (one ranked township or village)' });

export const rankingAnswer = z
  .strictObject({
    metric: z.enum(RANKING_METRICS).describe('排名指标 (metric)'),
    level: z.enum(['township', 'village']).describe('乡镇或村(社区) (level)'),
    order: z.enum(['asc', 'desc']),
    rows: z.array(rankingRow),
  })
  .meta({ id: 'Ranking', description: '排名 (ranked townships or villages)' });
