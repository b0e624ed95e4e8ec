import type { Alert, AlertRule, Alerts } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { RULE_COLORS } from './alert-layers.ts';
import { useNewAlerts } from './useNewAlerts.ts';
import type { WallMessageKey } from './wall-messages.ts';

export type AlertLine = Alerts['lines'][number];
type GroupLine = Extract<AlertLine, { kind: 'group' }>;

/** Rows a wall can read from across the room; the rest are counted, not shown. */
export const MAX_ALERT_ROWS = 10;

interface AlertListProps {
  rules: readonly AlertRule[];
  /** Ranked and grouped by the API (api/queries/alert-lines.ts). */
  lines: readonly AlertLine[];
  /** Changes with every answer (the query's dataUpdatedAt); 0 before the first. */
  version: number;
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
  onFocus: (alert: Alert) => void;
  /**
   * The wall shows one township (map and KPIs) while the alerts stay county-wide: the panel says
   * 全县 so nobody reads the county's alerts as that township's.
   */
  countyWide?: boolean;
}

type W = AlertListProps['w'];

/** What a threshold alert is about, in a few words. */
function detail(a: Alert, i18n: I18n, w: W): string {
  if (a.rule === 'township_coverage') return w('coverageValue', { value: i18n.pct(a.value) });
  if (a.rule === 'village_disputes_7d') return w('disputesValue', { value: i18n.num(a.value) });
  return [a.category ? i18n.vocab(a.category) : null, w('severity', { n: a.value }), a.deadline ? w('overdueBy', { date: i18n.shortDate(a.deadline.slice(0, 10)) }) : null]
    .filter(Boolean)
    .join(' · ');
}

/** A group's worst unit in a few characters: three of them share one row with the headline's rule. */
function brief(a: Alert, i18n: I18n, w: W): string {
  if (a.rule === 'township_coverage') return i18n.pct(a.value);
  if (a.rule === 'village_disputes_7d') return w('disputesShort', { value: i18n.num(a.value) });
  return w('severity', { n: a.value });
}

const unitName = (a: Alert) => (a.rule === 'township_coverage' ? a.name : `${a.townshipName} ${a.name}`);
const memberIds = (l: AlertLine) => (l.kind === 'alert' ? [l.alert.id] : l.members);

/** The group's headline, in the API's words ("23 个乡镇可达标率低于 90%") with the figures it sends. */
function headline(g: GroupLine, i18n: I18n, w: W): string {
  const n = { n: i18n.num(g.count), of: i18n.num(g.of) };
  if (g.rule === 'township_coverage') return w('groupCoverage', { ...n, value: i18n.pct(g.threshold, 0) });
  if (g.rule === 'village_disputes_7d') return w('groupDisputes', { ...n, value: i18n.num(g.threshold) });
  return w('groupHazards', { ...n, value: g.threshold });
}

function NewBadge({ w }: { w: W }) {
  return (
    <span className="wall-new" data-testid="wall-alert-new">
      {w('newAlert')}
    </span>
  );
}

/**
 * The alerts as the API lines them up (most urgent first, a rule that fires for most of its units
 * as one county-level line), at most MAX_ALERT_ROWS rows and a count of the rest. A line holding
 * an alert the previous refresh did not have is marked 新.
 */
export function AlertList({ rules, lines, version, i18n, w, onFocus, countyWide = false }: AlertListProps) {
  const fresh = useNewAlerts(version > 0 ? lines.flatMap(memberIds) : null, version);
  const isNew = (l: AlertLine) => memberIds(l).some((id) => fresh.has(id));
  const total = lines.reduce((n, l) => n + memberIds(l).length, 0);
  const shown = lines.slice(0, MAX_ALERT_ROWS);
  const hidden = lines.slice(MAX_ALERT_ROWS);
  const hiddenNew = hidden.filter(isNew).length;
  const ruleLabel = (id: AlertLine['rule']) => {
    const rule = rules.find((r) => r.id === id);
    // The API words its rules in Chinese; the English wall says them in English, never by their id.
    if (!rule) return '';
    if (i18n.lang === 'zh') return rule.label;
    return w(`rule_${id}`, { value: id === 'township_coverage' ? i18n.pct(rule.threshold, 0) : i18n.num(rule.threshold) });
  };
  return (
    <section className="wall-card wall-alerts" aria-label={w('alerts')} data-testid="wall-alerts">
      <h2>
        {w('alerts')} <span className="wall-count">{i18n.num(total)}</span>
        {countyWide && (
          <span className="wall-scope-tag" data-testid="wall-alerts-scope">
            {w('countyWide')}
          </span>
        )}
      </h2>
      {lines.length === 0 && <div className="wall-empty">{w('noAlerts')}</div>}
      <ul className="wall-clip">
        {shown.map((l) => (
          <li key={l.id} data-rule={l.rule} data-kind={l.kind} data-testid="wall-alert" title={ruleLabel(l.rule)}>
            {l.kind === 'alert' ? (
              <button type="button" onClick={() => onFocus(l.alert)}>
                <span className="wall-dot" style={{ background: RULE_COLORS[l.rule] }} aria-hidden="true" />
                <span className="wall-alert-name">{unitName(l.alert)}</span>
                {isNew(l) && <NewBadge w={w} />}
                <span className="wall-alert-detail">{detail(l.alert, i18n, w)}</span>
              </button>
            ) : (
              <div className="wall-alert-group">
                <div className="wall-alert-headline">
                  <span className="wall-dot" style={{ background: RULE_COLORS[l.rule] }} aria-hidden="true" />
                  <span className="wall-alert-name">{headline(l, i18n, w)}</span>
                  {isNew(l) && <NewBadge w={w} />}
                </div>
                <div className="wall-alert-worst">
                  {w(l.rule === 'township_coverage' ? 'lowest' : 'worst')}
                  {l.worst.map((a) => (
                    <button key={a.id} type="button" onClick={() => onFocus(a)}>
                      {a.name} <span className="wall-alert-detail">{brief(a, i18n, w)}</span>
                    </button>
                  ))}
                </div>
              </div>
            )}
          </li>
        ))}
        {hidden.length > 0 && (
          <li className="wall-alert-more" data-testid="wall-alert-more">
            {w(hiddenNew > 0 ? 'moreAlertsNew' : 'moreAlerts', { n: i18n.num(hidden.length), m: i18n.num(hiddenNew) })}
          </li>
        )}
      </ul>
    </section>
  );
}
