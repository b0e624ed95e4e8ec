import type { Lang } from '../i18n/format.ts';
import { interpolate, type Params } from '../i18n/I18nProvider.tsx';

/**
 * The wall's own strings, kept beside it so the shared message table is not a merge point for
 * every feature. zh-CN is the source; the English table must carry every key.
 */
const zh = {
  wallTitle: '衡阳县政法综治态势 · 指挥中心',
  county: '衡阳县',
  last7Days: '近7日',
  weekOf: '{year}年第{n}周',
  asOf: '数据截至 {time}',
  stale: '数据未更新（连接中断），显示的是 {time} 的数据',
  staleShort: '数据已过期',
  kpi_disputes: '新增矛盾纠纷',
  kpi_successRate: '调解成功率',
  kpi_hazardsOpen: '未办结隐患',
  kpi_hazardsOverdue: '超期隐患',
  kpi_coverage: '民警走访达标率',
  vsPrevious: '较上期',
  vsPreviousQuarter: '较上季度同期',
  alerts: '预警',
  noAlerts: '当前无预警',
  newAlert: '新',
  moreAlerts: '另有 {n} 条',
  moreAlertsNew: '另有 {n} 条（{m} 条新）',
  lowest: '最低：',
  worst: '最严重：',
  groupCoverage: '{n} 个乡镇可达标率低于 {value}',
  groupDisputes: '{n} 个村（社区）7日内新增矛盾纠纷 ≥ {value} 件',
  groupHazards: '{n} 件{value}级及以上隐患超期未办结',
  ticker: '最新动态',
  noEvents: '近期无新事件',
  feed_dispute_received: '受理纠纷',
  feed_dispute_concluded: '纠纷办结',
  feed_hazard_reported: '上报隐患',
  feed_hazard_closed: '隐患办结',
  severity: '{n}级',
  play: '播放',
  pause: '暂停',
  live: '实时',
  playback: '近12周回放',
  carouselOn: '轮播 {n} 秒',
  heatLegend: '热力：矛盾纠纷（{period}）',
  mapLegend: '每千人纠纷数',
  overdueBy: '已超期（期限 {date}）',
  coverageValue: '可达标率 {value}',
  disputesValue: '7日新增 {value} 件',
  disputesShort: '{value} 件',
  loading: '加载中…',
} as const;

export type WallMessageKey = keyof typeof zh;

const en: Record<WallMessageKey, string> = {
  wallTitle: 'Hengyang County · Command Centre',
  county: 'Hengyang County',
  last7Days: 'Last 7 days',
  weekOf: 'Week {n}, {year}',
  asOf: 'Data as of {time}',
  stale: 'Not updating (connection lost): showing data from {time}',
  staleShort: 'Stale data',
  kpi_disputes: 'New disputes',
  kpi_successRate: 'Mediation success',
  kpi_hazardsOpen: 'Open hazards',
  kpi_hazardsOverdue: 'Overdue hazards',
  kpi_coverage: 'Officer visit coverage',
  vsPrevious: 'vs previous',
  vsPreviousQuarter: 'vs same point last quarter',
  alerts: 'Alerts',
  noAlerts: 'No alerts',
  newAlert: 'New',
  moreAlerts: '{n} more',
  moreAlertsNew: '{n} more ({m} new)',
  lowest: 'Lowest:',
  worst: 'Worst:',
  groupCoverage: '{n} of {of} townships under {value} reachable',
  groupDisputes: '{n} of {of} villages with ≥ {value} new disputes in 7 days',
  groupHazards: '{n} of {of} open hazards of severity ≥ {value} overdue',
  ticker: 'Latest events',
  noEvents: 'No recent events',
  feed_dispute_received: 'Dispute received',
  feed_dispute_concluded: 'Dispute concluded',
  feed_hazard_reported: 'Hazard reported',
  feed_hazard_closed: 'Hazard closed',
  severity: 'Sev. {n}',
  play: 'Play',
  pause: 'Pause',
  live: 'Live',
  playback: 'Last 12 weeks',
  carouselOn: 'Carousel {n} s',
  heatLegend: 'Heat: disputes ({period})',
  mapLegend: 'Disputes per 1,000 residents',
  overdueBy: 'Overdue (due {date})',
  coverageValue: 'Reachable {value}',
  disputesValue: '{value} new in 7 days',
  disputesShort: '{value}',
  loading: 'Loading…',
};

export function wallText(lang: Lang): (key: WallMessageKey, params?: Params) => string {
  const table = lang === 'zh' ? zh : en;
  return (key, params) => interpolate(table[key], params);
}

/** HH:mm (or HH:mm:ss) of an instant in the county's time, whatever the screen's time zone. */
export function shanghaiTime(ms: number, seconds = false): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(ms);
}
