import type { Totals } from '../../api/types.ts';
import { formatSignedChange } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { kpisOf } from '../kpis/kpi-model.ts';
import type { WallMessageKey } from './wall-messages.ts';

interface WallKpisProps {
  summary: { current: Totals; previous: Totals } | undefined;
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
}

/** The five headline numbers, large, each with its change against the previous period of equal length. */
export function WallKpis({ summary, i18n, w }: WallKpisProps) {
  const kpis = summary ? kpisOf(summary.current, summary.previous) : [];
  return (
    <section className="wall-kpis" aria-label="KPI">
      {kpis.map((k) => (
        <div key={k.id} className={`wall-kpi tone-${k.tone}`} data-testid={`wall-kpi-${k.id}`}>
          <div className="wall-kpi-label">{w(`kpi_${k.id}`)}</div>
          <div className="wall-kpi-value" data-value={k.value ?? ''}>
            {k.ratio ? i18n.pct(k.value) : i18n.num(k.value)}
          </div>
          <div className="wall-kpi-delta">
            {w('vsPrevious')} {k.delta === null ? '—' : formatSignedChange(k.delta, i18n.lang, { points: k.ratio })}
          </div>
        </div>
      ))}
      {kpis.length === 0 && <div className="wall-empty">{w('loading')}</div>}
    </section>
  );
}
