import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { daysSince, type OfficerRow } from './coverage-model.ts';
import { coverageText } from './messages.ts';
import type { CoverageVillage } from './queries.ts';

/** Selecting a row selects the village on the map, through the URL like every other selection. */
function useSelectVillage() {
  const { view, update } = useView();
  return { selected: view.village, select: (v: { code: string; townshipCode: string }) => update({ township: v.townshipCode, village: v.code }) };
}

function VillageName({ v, countyScope, badge = false }: { v: CoverageVillage; countyScope: boolean; badge?: boolean }) {
  const ct = useLocalText(coverageText);
  return (
    <span className="cov-name-cell">
      <span className="cov-name">
        {v.name}
        {countyScope && <small className="muted"> {v.townshipName}</small>}
      </span>
      {badge && v.silent && <span className="badge cov-silent-badge">{ct('silentBadge')}</span>}
    </span>
  );
}

/**
 * Villages at risk or missed: officer, visits against the rule ("0/3": a bare visits/expected "0/0"
 * read as complete), what the officer's pace will reach in the title, days since the last visit.
 */
export function ShortVillageRows({ rows, required, countyScope }: { rows: CoverageVillage[]; required: number; countyScope: boolean }) {
  const { t, num } = useI18n();
  const ct = useLocalText(coverageText);
  const { selected, select } = useSelectVillage();
  if (rows.length === 0) return <p className="empty">{ct('allMet')}</p>;
  return (
    <ol className="cov-list" data-testid="coverage-villages">
      <li className="cov-head" aria-hidden="true">
        <span />
        <span>{ct('colVillage')}</span>
        <span>{ct('colOfficer')}</span>
        <span>{ct('colVisits')}</span>
        <span>{ct('colLastVisit')}</span>
      </li>
      {rows.map((v) => (
        <li key={v.code}>
          <button type="button" className="cov-row" data-code={v.code} aria-current={v.code === selected ? 'true' : undefined} onClick={() => select(v)}>
            <span className={`cov-dot status-${v.status}`} role="img" title={t(`coverage_${v.status}`, { n: required })} aria-label={t(`coverage_${v.status}`, { n: required })} />
            <VillageName v={v} countyScope={countyScope} badge />
            <span className="cov-officer">{v.officer?.name ?? ct('noOfficer')}</span>
            <span className="cov-num" title={ct('visitsTitle', { v: v.visits, e: v.expectedVisits, n: required })}>
              {ct('visitsOf', { v: num(v.visits), n: num(required) })}
            </span>
            <span className="cov-num">{v.daysSinceLastVisit === null ? ct('never') : ct('daysAgo', { n: num(v.daysSinceLastVisit) })}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** Villages with neither a grid report nor a visit for the silence period. */
export function SilentVillageRows({ rows, asOf, weeks, countyScope }: { rows: CoverageVillage[]; asOf: string; weeks: number; countyScope: boolean }) {
  const { num } = useI18n();
  const ct = useLocalText(coverageText);
  const { selected, select } = useSelectVillage();
  if (rows.length === 0) return <p className="empty">{ct('noSilent', { w: weeks })}</p>;
  const ago = (iso: string | null) => {
    const d = daysSince(iso, asOf);
    return d === null ? ct('never') : ct('daysAgo', { n: num(d) });
  };
  return (
    <>
      <p className="footnote">{ct('silentNote', { w: weeks })}</p>
      <ol className="cov-list" data-testid="coverage-silent">
        <li className="cov-head" aria-hidden="true">
          <span />
          <span>{ct('colVillage')}</span>
          <span>{ct('colOfficer')}</span>
          <span>{ct('colLastReport')}</span>
          <span>{ct('colLastVisit')}</span>
        </li>
        {rows.map((v) => (
          <li key={v.code}>
            <button type="button" className="cov-row" data-code={v.code} aria-current={v.code === selected ? 'true' : undefined} onClick={() => select(v)}>
              <span className="cov-dot silent" aria-hidden="true" />
              <VillageName v={v} countyScope={countyScope} />
              <span className="cov-officer">{v.officer?.name ?? ct('noOfficer')}</span>
              <span className="cov-num">{ago(v.lastReportAt)}</span>
              <span className="cov-num">{ago(v.lastVisitAt)}</span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Officers with villages at risk or missed, most first; each village is a link to the map. */
export function OfficerRows({ rows }: { rows: OfficerRow[] }) {
  const { vocab } = useI18n();
  const ct = useLocalText(coverageText);
  const { selected, select } = useSelectVillage();
  if (rows.length === 0) return <p className="empty">{ct('noOfficers')}</p>;
  return (
    <ul className="cov-list cov-officers" data-testid="coverage-officers">
      {rows.map((o) => (
        <li key={o.id} className="cov-officer-row">
          <div>
            <b>{o.name}</b> <span className="badge">{vocab(o.agency)}</span>
            <span className="muted small"> {ct('officerVillages', { a: o.atRisk, m: o.missed })}</span>
          </div>
          <div className="cov-chips">
            {o.villages.map((v) => (
              <button key={v.code} type="button" className="chip cov-chip" aria-current={v.code === selected ? 'true' : undefined} onClick={() => select(v)}>
                {v.name}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
