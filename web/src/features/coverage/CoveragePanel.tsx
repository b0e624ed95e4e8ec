import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { StaleMark, usePanelShow, Waiting } from '../outage/PanelStatus.tsx';
import { useToday } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { OfficerRows, ShortVillageRows, SilentVillageRows } from './CoverageRows.tsx';
import { coverageLists } from './coverage-model.ts';
import { coverageText } from './messages.ts';
import { coverageQuery, silenceWeeks } from './queries.ts';
import './coverage.css';

const TABS = ['villages', 'silent', 'officers'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = { villages: 'tabVillages', silent: 'tabSilent', officers: 'tabOfficers' } as const;

/**
 * Officer coverage of the scope (county or township) for the quarter of the period's end:
 * the tally, then villages short of the rule, silent villages and the officers behind them.
 */
export function CoveragePanel() {
  const { view } = useView();
  const { num, pct, range } = useI18n();
  const ct = useLocalText(coverageText);
  const [tab, setTab] = useState<Tab>('villages');
  const coverage = useQuery(coverageQuery(useCaseFilter()));
  const show = usePanelShow(coverage);
  const lists = useMemo(() => (coverage.data ? coverageLists(coverage.data) : null), [coverage.data]);
  const countyScope = view.township === null;
  const c = coverage.data;
  // A period ending in an earlier quarter shows that quarter, which is not 本季度 and has no days left.
  const today = useToday();
  const past = c !== undefined && today !== null && c.quarterEnd < today;
  const weeks = silenceWeeks(c);
  const counts: Record<Tab, number> = { villages: lists?.short.length ?? 0, silent: lists?.silent.length ?? 0, officers: lists?.officers.length ?? 0 };

  return (
    <section className="panel-section coverage" aria-labelledby="coverage-title" data-testid="coverage-panel">
      <h2 id="coverage-title" className="section-title">
        {ct('title')}
        {c && (
          <span className="section-sub" data-testid="coverage-quarter">
            {ct(past ? 'quarterPast' : 'quarter', { range: range(c.quarterStart, c.quarterEnd), r: num(c.required), n: num(c.daysLeft) })}
          </span>
        )}
        <StaleMark query={coverage} />
      </h2>
      {show === 'loading' ? (
        <Skeleton lines={5} />
      ) : show === 'waiting' ? (
        <Waiting />
      ) : show === 'error' ? (
        <ErrorBlock error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : (
        <>
          <p className="cov-summary" data-testid="coverage-summary">
            <b>{ct('summary', { met: num(c!.county.met), total: num(c!.county.villages), rate: pct(c!.county.rate) })}</b>
            <span className="status-at_risk">{ct('atRisk', { n: num(c!.county.atRisk) })}</span>
            <span className="status-missed">{ct('missed', { n: num(c!.county.missed) })}</span>
            <span className="cov-silent-text">{ct('silent', { n: num(c!.county.silent) })}</span>
          </p>
          <div className="segmented small cov-tabs" role="tablist">
            {TABS.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`cov-tab-${id}`}
                aria-selected={tab === id}
                aria-controls="cov-tabpanel"
                className={tab === id ? 'on' : ''}
                onClick={() => setTab(id)}
              >
                {ct(TAB_LABEL[id])} {num(counts[id])}
              </button>
            ))}
          </div>
          <div id="cov-tabpanel" role="tabpanel" aria-labelledby={`cov-tab-${tab}`}>
            {tab === 'villages' && <ShortVillageRows rows={lists!.short} required={c!.required} countyScope={countyScope} />}
            {tab === 'silent' && <SilentVillageRows rows={lists!.silent} asOf={c!.asOf} weeks={weeks} countyScope={countyScope} />}
            {tab === 'officers' && <OfficerRows rows={lists!.officers} />}
          </div>
        </>
      )}
    </section>
  );
}
