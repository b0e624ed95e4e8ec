import { useQuery } from '@tanstack/react-query';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { campaignText } from '../campaigns/messages.ts';
import { useViewCampaign } from '../campaigns/queries.ts';
import { hasFilters } from '../filters/api-filters.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { formatSignedChange } from '../i18n/format.ts';
import { type I18n, useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { StaleMark, usePanelShow, Waiting } from '../outage/PanelStatus.tsx';
import { runtimeConfigQuery } from '../runtime-config/runtime-config.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { comparedUnderCampaign, type Kpi, type KpiId, kpisOf, type Totals } from './kpi-model.ts';
import { comparisonLabels } from './period-label.ts';
import { summaryQuery } from './queries.ts';
import './kpis.css';

const LABEL: Record<KpiId, MessageKey> = {
  disputes: 'kpiDisputes',
  successRate: 'kpiSuccessRate',
  hazardsOpen: 'kpiHazardsOpen',
  hazardsOverdue: 'kpiHazardsOverdue',
  coverage: 'kpiCoverage',
};

function detailOf(id: KpiId, t: Totals, i18n: I18n, required: number): string {
  switch (id) {
    case 'disputes':
      return i18n.t('kpiDisputesDetail', { open: i18n.num(t.disputes.open) });
    case 'successRate':
      return i18n.t('kpiSuccessDetail', { n: i18n.num(t.disputes.concluded) });
    case 'hazardsOpen':
      return i18n.t('kpiHazardsDetail', { n: i18n.num(t.hazards.reported) });
    case 'hazardsOverdue':
      return i18n.t('kpiOverdueDetail');
    case 'coverage':
      return (
        i18n.t('kpiCoverageDetail', { met: i18n.num(t.coverage.met), total: i18n.num(t.coverage.villages), n: required }) +
        (t.coverage.silent > 0 ? i18n.t('kpiCoverageSilent', { n: i18n.num(t.coverage.silent) }) : '')
      );
  }
}

function KpiCard({ kpi, totals, i18n, required, uncompared }: { kpi: Kpi; totals: Totals; i18n: I18n; required: number; uncompared: string | null }) {
  const value = kpi.ratio ? i18n.pct(kpi.value) : i18n.num(kpi.value);
  const change = kpi.delta === null ? null : formatSignedChange(kpi.delta, i18n.lang, { points: kpi.ratio });
  const previous = kpi.ratio ? i18n.pct(kpi.previous) : i18n.num(kpi.previous);
  return (
    <article className={`kpi kpi-${kpi.id}`} data-testid={`kpi-${kpi.id}`}>
      <h3 className="kpi-label">{i18n.t(LABEL[kpi.id])}</h3>
      <div className="kpi-value">{value}</div>
      {uncompared !== null && (
        <div className="kpi-delta tone-flat muted" data-testid="kpi-uncompared">
          {uncompared}
        </div>
      )}
      {uncompared === null && change !== null && (
        <div className={`kpi-delta tone-${kpi.tone}`} title={i18n.t('kpiPrevious', { v: previous })}>
          <span className="arrow" aria-hidden="true">
            {kpi.tone === 'flat' ? '■' : kpi.delta! > 0 ? '▲' : '▼'}
          </span>
          {/* Coverage is counted per quarter to date, so it is compared with the same point of the previous quarter (api summary). */}
          {change} <span className="muted">{i18n.t(kpi.id === 'coverage' ? 'kpiVsPreviousQuarter' : 'kpiVsPrevious')}</span>
        </div>
      )}
      <div className="kpi-detail">{detailOf(kpi.id, totals, i18n, required)}</div>
      {kpi.id === 'hazardsOpen' && <SeverityBar bySeverity={totals.hazards.bySeverity} i18n={i18n} />}
    </article>
  );
}

function SeverityBar({ bySeverity, i18n }: { bySeverity: Totals['hazards']['bySeverity']; i18n: I18n }) {
  const total = bySeverity[1] + bySeverity[2] + bySeverity[3] + bySeverity[4];
  const levels = [4, 3, 2, 1] as const;
  return (
    <div className="severity">
      <div className="severity-bar" aria-hidden="true">
        {levels.map((s) => (total > 0 && bySeverity[s] > 0 ? <span key={s} className={`sev sev-${s}`} style={{ flexGrow: bySeverity[s] }} /> : null))}
      </div>
      <ul className="severity-legend" aria-label={i18n.t('kpiSeverity')}>
        {levels.map((s) => (
          <li key={s}>
            <span className={`sev-dot sev-${s}`} aria-hidden="true" />
            {i18n.t(`severity_${s}`)} <b>{i18n.num(bySeverity[s])}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Headline numbers of the scope (county or township) for the period. */
export function KpiCards() {
  const { view } = useView();
  const i18n = useI18n();
  const c = useLocalText(campaignText);
  const { campaign } = useViewCampaign(view.campaign);
  const config = useQuery(runtimeConfigQuery());
  const summary = useQuery(summaryQuery(useCaseFilter()));
  const show = usePanelShow(summary);
  const s = summary.data;
  if (!s) {
    if (show === 'waiting') return <Waiting />;
    if (show === 'error') return <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />;
    return (
      <div className="kpis">
        {Array.from({ length: 5 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder cards with no data behind them; the position is their only identity
          <div key={i} className="kpi">
            <Skeleton lines={3} />
          </div>
        ))}
      </div>
    );
  }
  const labels = comparisonLabels(s, i18n);
  return (
    <div>
      <div className={`kpis${summary.isFetching ? ' refreshing' : ''}`} data-testid="kpis">
        {kpisOf(s.current, s.previous).map((k) => (
          <KpiCard
            key={k.id}
            kpi={k}
            totals={s.current}
            i18n={i18n}
            required={config.data?.coverageVisitsPerQuarter ?? 3}
            uncompared={comparedUnderCampaign(k.id, s.previousPeriod.to, campaign?.startDate ?? null) ? null : c('beforeCampaign')}
          />
        ))}
      </div>
      <p className="footnote" data-testid="kpi-comparison">
        <StaleMark query={summary} />
        {labels.asOf && <span className="period-partial">{labels.asOf} · </span>}
        {labels.previous}
        {hasFilters(view) && <span className="filter-note"> · {i18n.t('filteredByCategory')}</span>}
        {/* Visits carry no campaign tag: the coverage card is the county's, whatever campaign is chosen. */}
        {campaign && (
          <span className="filter-note" data-testid="coverage-whole">
            {' '}
            · {c('coverageWhole')}
          </span>
        )}
      </p>
    </div>
  );
}
