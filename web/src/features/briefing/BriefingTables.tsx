import type { Briefing, RankingMetric } from '../../api/types.ts';
import { formatNumber, formatPercent, formatShortDate } from '../i18n/format.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { MessageKeyOf } from '../map/metric-labels.ts';
import { rateUnitFor } from '../map/metrics.ts';
import { shownValue } from '../ranking/ranking-values.ts';
import { METRIC_LABEL } from './briefing-params.ts';

const ZH = makeI18n('zh');

function formatValue(metric: RankingMetric, v: number | null): string {
  if (metric === 'mediationSuccessRate' || metric === 'coverageRate') return formatPercent(v, 'zh');
  return formatNumber(v, 'zh');
}

const STATUS: Record<string, string> = { met: '已达标', at_risk: '有风险', missed: '未达标' };

/**
 * The ten villages first by the chosen metric, as the API ranked them. The dispute rate is shown
 * as the map shows it (raw, in the week's unit: per 10,000), with the smoothed rate the order
 * follows in a column of its own, labelled, so the two numbers never share one name.
 */
export function TopVillages({ briefing }: { briefing: Briefing }) {
  const rate = briefing.metric === 'disputeRate';
  // A village meets the visit rule or not (100% or 0%): its visits against the rule say more.
  const coverage = briefing.metric === 'coverageRate';
  const required = briefing.coverage.required;
  const period = { from: briefing.from, to: briefing.to };
  const unit = rateUnitFor(period);
  const label = rate ? ZH.t(MessageKeyOf('disputeRate', period)) : METRIC_LABEL[briefing.metric];
  return (
    <section className="brief-card" data-testid="brief-top">
      <h2>村（社区）排名前10 · {label}</h2>
      {rate && <p className="brief-note">{ZH.t('rankingSmoothedNote', { label, parent: ZH.t('rankingParentTownship') })}</p>}
      <table className="brief-table">
        <thead>
          <tr>
            <th>#</th>
            <th>村（社区）</th>
            <th>乡镇</th>
            <th className="num">{rate ? ZH.t(unit.unitKey) : coverage ? '状态' : '数值'}</th>
            {rate && <th className="num">平滑后</th>}
            <th className="num">{coverage ? '已走访' : '件数'}</th>
          </tr>
        </thead>
        <tbody>
          {briefing.topVillages.map((r) => (
            <tr key={r.code}>
              <td>{r.rank}</td>
              <td>{r.name}</td>
              <td>{r.townshipName}</td>
              <td className="num">
                {rate ? shownValue('disputeRate', r, ZH, period).text : coverage ? (r.value === 1 ? '已达标' : '未达标') : formatValue(briefing.metric, r.value)}
              </td>
              {rate && <td className="num">{r.value === null ? '—' : formatNumber((r.value * unit.per) / 1000, 'zh', 1)}</td>}
              <td className="num">{coverage ? `${formatNumber(r.visits ?? 0, 'zh')}/${required}` : formatNumber(r.count, 'zh')}</td>
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
