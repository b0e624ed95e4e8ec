import type { Alert, AlertRule } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { RULE_COLORS } from './alert-layers.ts';
import type { WallMessageKey } from './wall-messages.ts';

interface AlertListProps {
  rules: readonly AlertRule[];
  alerts: readonly Alert[];
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
  onFocus: (alert: Alert) => void;
}

/** What a threshold alert is about, in a few words. */
function detail(a: Alert, i18n: I18n, w: AlertListProps['w']): string {
  if (a.rule === 'township_coverage') return w('coverageValue', { value: i18n.pct(a.value) });
  if (a.rule === 'village_disputes_7d') return w('disputesValue', { value: i18n.num(a.value) });
  return [a.category ? i18n.vocab(a.category) : null, w('severity', { n: a.value }), a.deadline ? w('overdueBy', { date: i18n.shortDate(a.deadline.slice(0, 10)) }) : null]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Alerts grouped under the rule that raised them (most urgent rule first, as the API orders
 * them); every group heading is the rule's own wording, threshold included.
 */
export function AlertList({ rules, alerts, i18n, w, onFocus }: AlertListProps) {
  const groups = rules.map((r) => ({ rule: r, items: alerts.filter((a) => a.rule === r.id) })).filter((g) => g.items.length > 0);
  const order = ['hazard_overdue', 'village_disputes_7d', 'township_coverage'];
  groups.sort((a, b) => order.indexOf(a.rule.id) - order.indexOf(b.rule.id));
  return (
    <section className="wall-card wall-alerts" aria-label={w('alerts')} data-testid="wall-alerts">
      <h2>
        {w('alerts')} <span className="wall-count">{i18n.num(alerts.length)}</span>
      </h2>
      {groups.length === 0 && <div className="wall-empty">{w('noAlerts')}</div>}
      <div className="wall-clip">
        {groups.map((g) => (
          <div key={g.rule.id} className="wall-alert-group">
            <div className="wall-alert-rule" style={{ borderColor: RULE_COLORS[g.rule.id] }} data-rule={g.rule.id}>
              {i18n.lang === 'zh' ? g.rule.label : g.rule.id.replace(/_/g, ' ')} · {i18n.num(g.items.length)}
            </div>
            <ul>
              {g.items.map((a) => (
                <li key={`${a.rule}-${a.code}`} data-rule={a.rule} title={g.rule.label}>
                  <button type="button" onClick={() => onFocus(a)}>
                    <span className="wall-dot" style={{ background: RULE_COLORS[a.rule] }} aria-hidden="true" />
                    <span className="wall-alert-name">{a.rule === 'township_coverage' ? a.name : `${a.townshipName} ${a.name}`}</span>
                    <span className="wall-alert-detail">{detail(a, i18n, w)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
