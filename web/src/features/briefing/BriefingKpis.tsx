import type { Totals } from '../../api/types.ts';
import { formatNumber, formatPercent, formatSignedChange } from '../i18n/format.ts';
import { toneByMeaning } from '../kpis/kpi-model.ts';

/** A KPI of the briefing: where its number sits in /api/stats/summary's `current` and `previous`. */
interface KpiDef {
  label: string;
  field: string;
  get: (t: Totals) => number | null;
  ratio: boolean;
  higherIsBetter: boolean;
}

export const BRIEFING_KPIS: KpiDef[] = [
  { label: '新增矛盾纠纷', field: 'disputes.total', get: (t) => t.disputes.total, ratio: false, higherIsBetter: false },
  { label: '调解成功率', field: 'disputes.successRate', get: (t) => t.disputes.successRate, ratio: true, higherIsBetter: true },
  { label: '新报风险隐患', field: 'hazards.reported', get: (t) => t.hazards.reported, ratio: false, higherIsBetter: false },
  { label: '未办结隐患', field: 'hazards.open', get: (t) => t.hazards.open, ratio: false, higherIsBetter: false },
  { label: '超期隐患', field: 'hazards.overdue', get: (t) => t.hazards.overdue, ratio: false, higherIsBetter: false },
  { label: '民警走访达标率', field: 'coverage.rate', get: (t) => t.coverage.rate, ratio: true, higherIsBetter: true },
];

export const formatKpi = (v: number | null, ratio: boolean): string => (ratio ? formatPercent(v, 'zh') : formatNumber(v, 'zh'));

/**
 * The week's headline numbers with the change against the week before, straight from the
 * briefing's `summary` (the /api/stats/summary answer): nothing is recomputed here. While the week
 * runs (`partial`) the comparison is the same days of last week to the same time ("较上周同期").
 * Colours by meaning (toneByMeaning, as the dashboard's KPIs). Each card carries its field and raw
 * values so a test can hold them against the API.
 */
export function BriefingKpis({ current, previous, partial = false }: { current: Totals; previous: Totals; partial?: boolean }) {
  const last = partial ? '上周同期' : '上周';
  return (
    <section className="brief-kpis" aria-label="本周指标">
      {BRIEFING_KPIS.map((k) => {
        const v = k.get(current);
        const p = k.get(previous);
        const delta = v !== null && p !== null ? v - p : null;
        const tone = toneByMeaning(k.higherIsBetter, delta, k.ratio);
        // Coverage counts its quarter to date, so the API compares it with the same point of last quarter.
        const against = k.field === 'coverage.rate' ? '上季度同期' : last;
        return (
          <div key={k.field} className={`brief-kpi tone-${tone}`} data-field={k.field} data-value={v ?? ''} data-previous={p ?? ''}>
            <div className="brief-kpi-label">{k.label}</div>
            <div className="brief-kpi-value">{formatKpi(v, k.ratio)}</div>
            <div className="brief-kpi-delta">
              较{against} {delta === null ? '—' : formatSignedChange(delta, 'zh', { points: k.ratio })}
              <span className="brief-kpi-prev">
                （{against} {formatKpi(p, k.ratio)}）
              </span>
            </div>
          </div>
        );
      })}
    </section>
  );
}
