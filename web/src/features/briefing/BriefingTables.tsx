import type { Briefing, RankingMetric } from '../../api/types.ts';
import { formatNumber, formatPercent, formatShortDate } from '../i18n/format.ts';
import { METRIC_LABEL } from './briefing-params.ts';

function formatValue(metric: RankingMetric, v: number | null): string {
  if (metric === 'mediationSuccessRate' || metric === 'coverageRate') return formatPercent(v, 'zh');
  if (metric === 'disputeRate') return formatNumber(v, 'zh', 2);
  return formatNumber(v, 'zh');
}

const STATUS: Record<string, string> = { met: '已达标', at_risk: '有风险', missed: '未达标' };

/** The ten villages first by the chosen metric, as the API ranked them. */
export function TopVillages({ briefing }: { briefing: Briefing }) {
  return (
    <section className="brief-card" data-testid="brief-top">
      <h2>村（社区）排名前10 · {METRIC_LABEL[briefing.metric]}</h2>
      <table className="brief-table">
        <thead>
          <tr>
            <th>#</th>
            <th>村（社区）</th>
            <th>乡镇</th>
            <th className="num">{briefing.metric === 'disputeRate' ? '每千人' : '数值'}</th>
            <th className="num">件数</th>
          </tr>
        </thead>
        <tbody>
          {briefing.topVillages.map((r) => (
            <tr key={r.code}>
              <td>{r.rank}</td>
              <td>{r.name}</td>
              <td>{r.townshipName}</td>
              <td className="num">{formatValue(briefing.metric, r.value)}</td>
              <td className="num">{formatNumber(r.count, 'zh')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Villages short of the visit rule this quarter, worst first (the API's order). */
export function CoverageShortfalls({ briefing }: { briefing: Briefing }) {
  const c = briefing.coverage;
  return (
    <section className="brief-card" data-testid="brief-coverage">
      <h2>走访覆盖缺口</h2>
      <p className="brief-note">
        本季度（{formatShortDate(c.quarterStart, 'zh')}起，剩余 {formatNumber(c.daysLeft, 'zh')} 天）每村至少走访 {c.required} 次：已达标 {formatNumber(c.county.met, 'zh')} /{' '}
        {formatNumber(c.county.villages, 'zh')}，有风险 {formatNumber(c.county.atRisk, 'zh')}，未达标 {formatNumber(c.county.missed, 'zh')}
      </p>
      <table className="brief-table">
        <thead>
          <tr>
            <th>村（社区）</th>
            <th>乡镇</th>
            <th className="num">已走访</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {c.shortfalls.map((v) => (
            <tr key={v.code}>
              <td>{v.name}</td>
              <td>{v.townshipName}</td>
              <td className="num">
                {v.visits}/{c.required}
              </td>
              <td className={`status-${v.status}`}>{STATUS[v.status] ?? v.status}</td>
            </tr>
          ))}
          {c.shortfalls.length === 0 && (
            <tr>
              <td colSpan={4}>全部村（社区）已达标或可按期达标</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
