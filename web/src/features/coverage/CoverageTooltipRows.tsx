import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import type { TownshipProps, VillageProps } from '../map/metrics.ts';
import { coverageText } from './messages.ts';

/** COVERAGE_VISITS_PER_QUARTER's default on the server, for a caller that does not pass the configured rule. */
const DEFAULT_REQUIRED_VISITS = 3;

/**
 * Coverage lines of the map tooltip: this quarter's visits against the rule ("0/3"), what the
 * officer's pace will reach by the quarter's end, and the last signs of life.
 */
export function VillageCoverageRows({ p, weeks, required = DEFAULT_REQUIRED_VISITS }: { p: VillageProps; weeks: number; required?: number }) {
  const { dateTime, num } = useI18n();
  const ct = useLocalText(coverageText);
  const when = (iso: string | null) => (iso ? dateTime(iso) : ct('never'));
  return (
    <>
      <div className="tt-row">
        <span>{ct('ttVisits')}</span>
        <span data-testid="tooltip-visits">{ct('ttVisitsValue', { v: num(p.visitsThisQuarter), n: num(required) })}</span>
      </div>
      <div className="tt-row">
        <span>{ct('ttExpected')}</span>
        <span>{ct('ttExpectedValue', { e: num(p.expectedVisits), n: num(required) })}</span>
      </div>
      <div className="tt-row">
        <span>{ct('ttLastVisit')}</span>
        <span>{when(p.lastVisitAt)}</span>
      </div>
      <div className="tt-row">
        <span>{ct('ttLastReport')}</span>
        <span>{when(p.lastReportAt)}</span>
      </div>
      {p.silent && (
        <div className="tt-row tt-silent" data-testid="tooltip-silent">
          {ct('ttSilent', { w: weeks })}
        </div>
      )}
    </>
  );
}

export function TownshipCoverageRows({ p }: { p: TownshipProps }) {
  const { num, pct, paren } = useI18n();
  const ct = useLocalText(coverageText);
  const total = p.coverage.met + p.coverage.atRisk + p.coverage.missed;
  return (
    <>
      <div className="tt-row">
        <span>{ct('ttCoverage')}</span>
        <span>
          {num(p.coverage.met)}/{num(total)}
          {paren(pct(p.coverageRate))}
        </span>
      </div>
      <div className={`tt-row${p.silentVillages > 0 ? ' tt-silent' : ''}`}>
        <span>{ct('ttSilentVillages')}</span>
        <span>{p.silentVillages > 0 ? num(p.silentVillages) : ct('ttNone')}</span>
      </div>
    </>
  );
}
