import type { Summary, Totals } from '../../api/types.ts';
import { formatSignedChange } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { kpisOf } from '../kpis/kpi-model.ts';
import { comparisonLabels } from '../kpis/period-label.ts';
import { coverageDay } from './kpi-period.ts';
import type { WallMessageKey } from './wall-messages.ts';

interface WallKpisProps {
  summary: ({ current: Totals; previous: Totals } & Partial<Pick<Summary, 'period' | 'previousPeriod'>>) | undefined;
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
  /** The live 近7日, a window ending now: never "unfinished", whatever unit its dates fit. */
  rolling: boolean;
  /** The time the figures are for ("2026年第38周", "近7日 · 实时"), over them: the panel says its own time. */
  caption: string;
  /**
   * The figures on screen are not (yet) the captioned period's or scope's (the next week's summary is
   * on its way): they are dimmed and marked loading, never shown as this week's.
   */
  pending?: boolean;
}

/**
 * The five headline numbers, large, each with its change against the comparison period (the same days
 * of the previous week while the week runs), coloured by meaning; the period's as-of and the comparison's
 * dates under them. Coverage is the quarter's to date, whatever the period, and its card says so.
 */
export function WallKpis({ summary, i18n, w, rolling, caption, pending = false }: WallKpisProps) {
  const kpis = summary ? kpisOf(summary.current, summary.previous) : [];
  const dimmed = pending && kpis.length > 0;
  const labels = summary?.period && summary.previousPeriod ? comparisonLabels({ period: summary.period, previousPeriod: summary.previousPeriod }, i18n, { rolling }) : null;
  return (
    <section className={`wall-kpis${dimmed ? ' pending' : ''}`} aria-label="KPI" aria-busy={dimmed} data-pending={dimmed ? 'true' : 'false'}>
      <div className="wall-kpis-caption">
        <span data-testid="wall-kpis-caption">{caption}</span>
        {dimmed && (
          <span className="wall-kpis-loading" data-testid="wall-kpis-loading">
            {w('loading')}
          </span>
        )}
      </div>
      {kpis.map((k) => (
        <div key={k.id} className={`wall-kpi tone-${k.tone}`} data-testid={`wall-kpi-${k.id}`}>
          <div className="wall-kpi-label">
            {w(`kpi_${k.id}`)}
            {k.id === 'coverage' && summary && (
              <span className="wall-kpi-sub" data-testid="wall-kpi-coverage-to-date">
                {w('coverageToDate', { date: coverageDay(summary.current.coverage, i18n.lang) })}
              </span>
            )}
          </div>
          <div className="wall-kpi-value" data-value={k.value ?? ''}>
            {k.ratio ? i18n.pct(k.value) : i18n.num(k.value)}
          </div>
          <div className="wall-kpi-delta">
            {w(k.id === 'coverage' ? 'vsPreviousQuarter' : 'vsPrevious')} {k.delta === null ? '—' : formatSignedChange(k.delta, i18n.lang, { points: k.ratio })}
          </div>
        </div>
      ))}
      {kpis.length === 0 && <div className="wall-empty">{w('loading')}</div>}
      {labels && kpis.length > 0 && (
        <div className="wall-kpi-comparison" data-testid="wall-kpi-comparison">
          {labels.asOf ? `${labels.asOf} · ` : ''}
          {labels.previous}
        </div>
      )}
    </section>
  );
}
