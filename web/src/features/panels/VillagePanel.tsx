import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { VillageDetail } from '../../api/types.ts';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { shanghaiDateOf } from '../charts/week-bucket.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { type I18n, useI18n } from '../i18n/I18nProvider.tsx';
import { StaleMark, usePanelShow, Waiting } from '../outage/PanelStatus.tsx';
import { OpenDisputes, OpenHazards } from './OpenCaseLists.tsx';
import { villageDetailQuery } from './queries.ts';
import { VisitTimeline } from './VisitTimeline.tsx';

const VillageTrendChart = lazy(() => import('../charts/VillageTrendChart.tsx'));

function OfficerCard({ officer, i18n }: { officer: VillageDetail['officer']; i18n: I18n }) {
  const { t, vocab, date } = i18n;
  return (
    <section className="panel-section officer" aria-labelledby="officer-title" data-testid="officer">
      <h2 id="officer-title" className="section-title">
        {t('officer')}
      </h2>
      {officer ? (
        <div className="officer-card">
          <div className="officer-avatar" aria-hidden="true">
            {officer.name.slice(0, 1)}
          </div>
          <div>
            <div className="officer-name">
              {officer.name} <span className="badge">{vocab(officer.agency)}</span>
            </div>
            <div className="muted">
              {officer.phone ? `${t('phone')} ${officer.phone} · ` : ''}
              {t('officerSince', { d: date(officer.linkedSince) })}
            </div>
          </div>
        </div>
      ) : (
        <p className="empty">{t('officerNone')}</p>
      )}
    </section>
  );
}

function VillageFigures({ d, i18n }: { d: VillageDetail; i18n: I18n }) {
  const { t, num, pct } = i18n;
  const m = d.metrics;
  const figures: [string, string, string?][] = [
    [t('kpiDisputes'), num(m.disputes), t('kpiDisputesDetail', { open: num(m.disputesOpen) })],
    [t('kpiSuccessRate'), pct(m.mediationSuccessRate)],
    [t('kpiHazardsOpen'), num(m.hazardsOpen)],
    [t('kpiHazardsOverdue'), num(m.hazardsOverdue)],
  ];
  return (
    <div className="figures" data-testid="village-figures">
      {figures.map(([label, value, detail]) => (
        <div key={label} className="figure">
          <div className="kpi-label">{label}</div>
          <div className="figure-value">{value}</div>
          {detail && <div className="kpi-detail">{detail}</div>}
        </div>
      ))}
    </div>
  );
}

/** One village: its officer, this quarter's visits, what is open, and its last 12 weeks. */
export function VillagePanel({ code }: { code: string }) {
  const i18n = useI18n();
  const { t, num, vocab, dateTime } = i18n;
  const detail = useQuery(villageDetailQuery(code, useCaseFilter()));
  const show = usePanelShow(detail);
  const d = detail.data;
  if (!d) {
    if (show === 'waiting') return <Waiting />;
    if (show === 'error') return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
    return <Skeleton lines={10} />;
  }
  return (
    <div className="village-panel" data-testid="village-panel">
      <header className="scope-header">
        <h1 className="scope-title">
          {d.name} <span className="badge">{vocab(d.kind)}</span>
        </h1>
        <p className="muted">
          {d.townshipName} · {t('population')} {num(d.population)} · {t('area', { n: num(d.areaKm2, 1) })} · {t('guardians', { n: d.guardians })}
        </p>
        <p className="muted small">
          {t('asOf', { d: dateTime(d.asOf) })} <StaleMark query={detail} />
        </p>
      </header>
      <VillageFigures d={d} i18n={i18n} />
      <OfficerCard officer={d.officer} i18n={i18n} />
      <VisitTimeline coverage={d.coverage} visits={d.visitsThisQuarter} />
      <OpenDisputes rows={d.openDisputes} />
      <OpenHazards rows={d.openHazards} />
      <section className="panel-section" aria-labelledby="weekly-title">
        <h2 id="weekly-title" className="section-title">
          {t('weeklyTrend12')}
        </h2>
        <Suspense fallback={<Skeleton lines={4} height="1.6rem" />}>
          <VillageTrendChart weekly={d.weekly} asOf={shanghaiDateOf(d.asOf)} />
        </Suspense>
      </section>
    </div>
  );
}
