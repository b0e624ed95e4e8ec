import type { VillageDetail } from '../../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** This quarter's officer visits as a timeline, with progress toward the required number. */
export function VisitTimeline({ coverage, visits }: { coverage: VillageDetail['coverage']; visits: VillageDetail['visitsThisQuarter'] }) {
  const { t, vocab, dateTime, range } = useI18n();
  const pct = Math.min(100, (coverage.visits / Math.max(1, coverage.required)) * 100);
  return (
    <section className="panel-section" aria-labelledby="visits-title">
      <h2 id="visits-title" className="section-title">
        {t('visitsThisQuarter')}
        <span className="section-sub">{range(coverage.quarterStart, coverage.quarterEnd)}</span>
      </h2>
      <div className={`coverage-progress status-${coverage.status}`}>
        <div className="progress-track" aria-hidden="true">
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
        <span>
          {t('visitsProgress', { v: coverage.visits, n: coverage.required })} · {t(`coverage_${coverage.status}`, { n: coverage.required })}
        </span>
      </div>
      {visits.length === 0 ? (
        <p className="empty">{t('noVisits')}</p>
      ) : (
        <ol className="timeline" data-testid="visit-timeline">
          {visits.map((v) => (
            <li key={v.id}>
              <span className="timeline-dot" aria-hidden="true" />
              <time dateTime={v.visitedAt}>{dateTime(v.visitedAt)}</time>
              <span className="timeline-kind">{vocab(v.kind)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
