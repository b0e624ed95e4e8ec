import { z } from 'zod';
import { AGENCIES, COVERAGE_STATUSES, DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES } from '../../contract/enums.ts';
import { RANKING_METRICS } from '../../queries/ranking.ts';
import { count, day, instant, oneOf, ratio, townshipCode, villageCode } from './common.ts';
import { rankingRow, summaryAnswer } from './stats.ts';

/**
 * GET /api/coverage (api/queries/coverage.ts), /api/alerts (alerts.ts), /api/feed (feed.ts and
 * api/routes/feed.ts) and /api/briefing (briefing.ts).
 */

const tally = {
  villages: count.describe('村(社区)数 (villages)'),
  met: count.describe('已达标 (met)'),
  atRisk: count.describe('有风险 (at risk)'),
  missed: count.describe('未达标 (missed)'),
  rate: ratio.describe('达标率 = met / villages (coverage rate)'),
  silent: count.describe('静默村(社区)数 (silent villages)'),
};
const coverageTally = z.strictObject(tally).meta({ id: 'CoverageTally', description: '覆盖情况合计 (coverage counts)' });
const townshipTally = z.strictObject({ code: townshipCode, name: z.string(), ...tally }).describe('一个乡镇的覆盖合计 (one township’s coverage counts)');

const coverageVillage = z
  .strictObject({
    code: villageCode,
    name: z.string(),
    townshipCode,
    townshipName: z.string(),
    officer: z
      .strictObject({ id: z.string(), name: z.string(), agency: z.enum(AGENCIES) })
      .nullable()
      .describe('挂点民警 (the village’s officer)'),
    visits: count.describe('本季度走访 (visits this quarter)'),
    expectedVisits: count.describe('已走访加上按节奏季度末前还能完成的次数 (visits plus what the rhythm still fits)'),
    status: z.enum(COVERAGE_STATUSES).describe('met 达标 / at_risk 有风险 / missed 未达标'),
    reachable: z.boolean().describe('按民警节奏本季度仍可达标 (the rule can still be met this quarter)'),
    lastVisitAt: instant.nullable().describe('最近走访时刻 (last visit)'),
    daysSinceLastVisit: count.nullable().describe('距最近走访天数 (days since the last visit)'),
    lastReportAt: instant.nullable().describe('最近网格上报时刻 (last grid report)'),
    silent: z.boolean().describe('静默 (no report and no visit for the silence window)'),
  })
  .meta({ id: 'CoverageVillage', description: '一个村(社区)的走访覆盖 (one village’s visit coverage)' });

export const coverageAnswer = z
  .strictObject({
    asOf: instant.describe('计量时刻（期末）(the end of the period)'),
    quarterStart: day.describe('季度首日 (first day of the quarter)'),
    quarterEnd: day.describe('季度末日 (last day of the quarter)'),
    daysLeft: count.describe('季度剩余天数 (days left in the quarter)'),
    required: count.describe('每村每季度应走访次数 (visits required per village and quarter)'),
    silenceDays: count.describe('静默判定天数 (days without report or visit that make a village silent)'),
    county: coverageTally,
    townships: z.array(townshipTally),
    villages: z.array(coverageVillage).describe('未达标或静默的村，最差在前；all=true 时为全部 (villages short of the rule or silent, worst first; every village with all=true)'),
    officers: z
      .array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          agency: z.enum(AGENCIES),
          villages: count.describe('挂点村数 (villages linked)'),
          atRisk: count,
          missed: count,
          villageCodes: z.array(villageCode).describe('未达标或有风险的村 (villages at risk or missed)'),
        }),
      )
      .describe('至少一个村未达标或有风险的民警 (officers with a village at risk or missed, most first)'),
  })
  .meta({ id: 'Coverage', description: '千警入万户覆盖 (officer visit coverage for the quarter)' });

const ruleId = z.enum(['village_disputes_7d', 'hazard_overdue', 'township_coverage']).describe('预警规则 (rule)');

const alert = z
  .strictObject({
    id: z.string().describe('规则:代码，预警存续期间不变 (rule:code, stable while the alert lasts)'),
    rule: ruleId,
    code: z.string().describe('按规则：村代码、隐患编号或乡镇代码 (village code, hazard id or township code, by rule)'),
    name: z.string().describe('村(社区)或乡镇名称 (village or township name)'),
    townshipCode,
    townshipName: z.string(),
    value: z.number().describe('实际值 (the value measured)'),
    threshold: z.number(),
    category: oneOf([HAZARD_CATEGORIES], '隐患类别 (hazard category)').nullable().describe('hazard_overdue 为隐患类别，其余为 null'),
    deadline: instant.nullable().describe('hazard_overdue 为办结时限，其余为 null (the hazard’s deadline)'),
    since: instant
      .nullable()
      .describe('最近动态：最近一起纠纷的受理时刻，或隐患超期的时刻；走访覆盖为 null (latest news: the latest dispute, or the deadline passed; null for coverage)'),
    lng: z.number(),
    lat: z.number(),
  })
  .meta({ id: 'Alert', description: '一条预警 (one unit over a rule’s threshold)' });

const alertLine = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('alert'), id: z.string().describe('= alert.id'), rule: ruleId, alert }).describe('单条预警 (one alert)'),
    z
      .strictObject({
        kind: z.literal('group'),
        id: z.string().describe('group:规则 (group:rule)'),
        rule: ruleId,
        label: z.string().describe('县级汇总表述，如「23 个乡镇可达标率低于 90%」(the county-level headline)'),
        count: count.describe('触发的单位数 (units the rule fires for)'),
        of: count.describe('规则检验的单位数 (units the rule tests in the scope)'),
        threshold: z.number(),
        worst: z.array(alert).describe('最严重的几条，最严重在前 (the worst few, worst first)'),
        members: z.array(z.string()).describe('组内全部预警的 id，见 alerts (ids of every alert in the group, as in alerts)'),
      })
      .describe('规则对半数以上单位触发时合为一行 (a rule firing for more than ALERT_GROUP_SHARE of its units, as one line)'),
  ])
  .meta({ id: 'AlertLine', description: '预警列表的一行 (one line of the alert list)' });

export const alertsAnswer = z
  .strictObject({
    asOf: instant.describe('计量时刻（期末）(the end of the period)'),
    rules: z
      .array(z.strictObject({ id: ruleId, label: z.string().describe('规则的中文表述 (the rule in words)'), threshold: z.number() }))
      .describe('当前阈值下的规则 (the rules with their thresholds)'),
    alerts: z
      .array(alert)
      .describe('全部预警，每单位一条：最紧急的规则在前，再按严重程度、最近动态 (every alert, one per unit: most urgent rule first, then by severity, then most recent)'),
    lines: z.array(alertLine).describe('列表显示的行，顺序同上 (the lines a list shows, in the same order)'),
  })
  .meta({ id: 'Alerts', description: '预警 (threshold alerts at the end of the period)' });

export const feedAnswer = z
  .strictObject({
    since: instant.describe('窗口起点（不含）(window start, exclusive)'),
    until: instant.describe('窗口终点（含）= 服务器当前时刻 (window end, inclusive: the server’s now)'),
    items: z
      .array(
        z.strictObject({
          kind: z.enum(['dispute_received', 'dispute_concluded', 'hazard_reported', 'hazard_closed']).describe('动态类型 (what happened)'),
          id: z.string(),
          villageCode,
          villageName: z.string(),
          townshipCode,
          townshipName: z.string(),
          at: instant,
          category: oneOf([DISPUTE_CATEGORIES, HAZARD_CATEGORIES], '类别 (category)'),
          severity: z.number().int().min(1).max(4).nullable().describe('隐患等级；纠纷为 null (hazard severity)'),
          status: oneOf([DISPUTE_STATUSES, HAZARD_STATUSES], '当前状态 (current status)'),
        }),
      )
      .describe('最新在前，不含个人信息 (newest first; no personal data)'),
  })
  .meta({ id: 'Feed', description: '动态滚动 (the ticker)' });

export const briefingAnswer = z
  .strictObject({
    title: z.string(),
    week: z
      .string()
      .regex(/^\d{4}-W\d{2}$/)
      .describe('ISO 周 (ISO week, e.g. 2026-W47)'),
    from: day,
    to: day,
    partial: z
      .boolean()
      .describe('本周未完：数据截至 asOf，与上周相同日子同一时刻比较 (the week is still running: figures as of asOf, compared with the same days of last week to the same time)'),
    asOf: instant.describe('数据截至 (the instant the figures are as of: the end of the week, or now while it runs)'),
    scope: z.strictObject({ level: z.enum(['county', 'township']), code: townshipCode.nullable(), name: z.string() }).describe('范围 (scope)'),
    metric: z.enum(RANKING_METRICS).describe('排名指标 (metric of the top villages)'),
    summary: summaryAnswer,
    topVillages: z.array(rankingRow).describe('按指标前 10 的村(社区) (top 10 villages by the metric)'),
    coverage: z
      .strictObject({
        quarterStart: day,
        quarterEnd: day,
        daysLeft: count,
        required: count,
        county: coverageTally,
        townships: z.array(townshipTally),
        shortfalls: z.array(coverageVillage).describe('未达标或有风险的村，前 10 (up to 10 villages short of the rule)'),
      })
      .describe('覆盖 (coverage)'),
    sentences: z.array(z.string()).describe('周报正文句子 (the briefing’s sentences)'),
    sources: z.array(z.string()).describe('数据来源 (data sources)'),
    boundaryNote: z.string().describe('边界示意说明 (boundary note)'),
  })
  .meta({ id: 'Briefing', description: '周报内容 (the weekly briefing’s content)' });
