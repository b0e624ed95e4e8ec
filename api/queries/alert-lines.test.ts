import { describe, expect, it } from 'vitest';
import { type AlertGrouping, type AlertLine, type AlertUnits, alertLines, rankAlerts } from './alert-lines.ts';
import { type Alert, type AlertRuleId, alertRules } from './alerts.ts';

const RULES = alertRules({ villageDisputes7d: 3, overdueSeverity: 3, townshipCoverageMin: 0.9 });
const GROUPING: AlertGrouping = { share: 0.5, worst: 3 };

/** An alert of `rule` on unit `code`; only what ranking and grouping read matters. */
function alert(rule: AlertRuleId, code: string, value: number, since: string | null = null): Alert {
  return {
    id: `${rule}:${code}`,
    rule,
    code,
    name: code,
    townshipCode: '430421100',
    townshipName: 't',
    value,
    threshold: 0,
    category: null,
    deadline: null,
    since,
    lng: 0,
    lat: 0,
  };
}
const hazard = (code: string, severity: number, since: string) => alert('hazard_overdue', code, severity, since);
const burst = (code: string, n: number, since: string) => alert('village_disputes_7d', code, n, since);
const coverage = (code: string, value: number) => alert('township_coverage', code, value);

describe('rankAlerts: most urgent rule, then severity, then recency', () => {
  it.each<[string, Alert[], string[]]>([
    [
      'an overdue hazard before a burst before coverage',
      [coverage('T1', 0.5), burst('V1', 9, '2026-12-01T10:00:00+08:00'), hazard('H1', 3, '2026-11-01T00:00:00+08:00')],
      ['H1', 'V1', 'T1'],
    ],
    ['the more serious hazard first, however old', [hazard('H1', 3, '2026-12-01T00:00:00+08:00'), hazard('H2', 4, '2026-10-01T00:00:00+08:00')], ['H2', 'H1']],
    ['of equal severity, the most recent first', [hazard('H1', 3, '2026-11-01T00:00:00+08:00'), hazard('H2', 3, '2026-11-20T00:00:00+08:00')], ['H2', 'H1']],
    [
      'more disputes first, then the latest dispute',
      [burst('V1', 3, '2026-12-01T09:00:00+08:00'), burst('V2', 5, '2026-11-28T09:00:00+08:00'), burst('V3', 3, '2026-12-01T11:00:00+08:00')],
      ['V2', 'V3', 'V1'],
    ],
    ['recency compares instants, not strings with different offsets', [hazard('H1', 3, '2026-11-20T01:00:00+08:00'), hazard('H2', 3, '2026-11-19T18:00:00Z')], ['H2', 'H1']],
    ['the lowest coverage first', [coverage('T1', 0.8), coverage('T2', 0.4), coverage('T3', 0.85)], ['T2', 'T1', 'T3']],
    ['ties by code, so the order is stable', [coverage('T2', 0.5), coverage('T1', 0.5)], ['T1', 'T2']],
  ])('%s', (_name, input, codes) => {
    expect(rankAlerts(input).map((a) => a.code)).toEqual(codes);
  });
});

const units = (u: Partial<AlertUnits>): AlertUnits => ({ village_disputes_7d: 491, hazard_overdue: 40, township_coverage: 25, ...u });
const coverageAlerts = (n: number) => Array.from({ length: n }, (_, i) => coverage(`T${String(i).padStart(2, '0')}`, 0.5 + i / 100));
/** A line in a few characters: `H1` for one alert, `group:rule 23/25 [worst codes]` for a group. */
const show = (l: AlertLine) => (l.kind === 'alert' ? l.alert.code : `${l.id} ${l.count}/${l.of} [${l.worst.map((a) => a.code).join(',')}]`);

describe('alertLines: a rule firing for most of its units is one line', () => {
  it.each<[string, Alert[], Partial<AlertUnits>, AlertGrouping, string[]]>([
    ['23 of 25 townships: one line naming the worst 3', coverageAlerts(23), {}, GROUPING, ['group:township_coverage 23/25 [T00,T01,T02]']],
    ['13 of 25 (more than half): grouped', coverageAlerts(13), {}, GROUPING, ['group:township_coverage 13/25 [T00,T01,T02]']],
    ['exactly half is not more than half: one line each', coverageAlerts(4), { township_coverage: 8 }, GROUPING, ['T00', 'T01', 'T02', 'T03']],
    ['12 of 25: one line each', coverageAlerts(12), {}, GROUPING, coverageAlerts(12).map((a) => a.code)],
    ['1 of 1 (a township scope): a group would name all it holds, so no group', coverageAlerts(1), { township_coverage: 1 }, GROUPING, ['T00']],
    ['3 of 4 with worst=3: still not worth a group', coverageAlerts(3), { township_coverage: 4 }, GROUPING, ['T00', 'T01', 'T02']],
    ['share 1 turns grouping off', coverageAlerts(25), {}, { share: 1, worst: 3 }, coverageAlerts(25).map((a) => a.code)],
    ['worst=1 names only the worst', coverageAlerts(23), {}, { share: 0.5, worst: 1 }, ['group:township_coverage 23/25 [T00]']],
    [
      'a group keeps its rule’s place: hazards and bursts above it',
      [...coverageAlerts(23), burst('V1', 4, '2026-12-01T09:00:00+08:00'), hazard('H1', 3, '2026-11-01T00:00:00+08:00')],
      {},
      GROUPING,
      ['H1', 'V1', 'group:township_coverage 23/25 [T00,T01,T02]'],
    ],
    [
      'most open serious hazards overdue: grouped too, worst first',
      [
        hazard('H1', 3, '2026-11-01T00:00:00+08:00'),
        hazard('H2', 4, '2026-11-02T00:00:00+08:00'),
        hazard('H3', 3, '2026-11-03T00:00:00+08:00'),
        hazard('H4', 3, '2026-11-04T00:00:00+08:00'),
      ],
      { hazard_overdue: 5 },
      GROUPING,
      ['group:hazard_overdue 4/5 [H2,H4,H3]'],
    ],
    ['no alerts, no lines', [], {}, GROUPING, []],
  ])('%s', (_name, input, u, g, expected) => {
    expect(alertLines(input, RULES, units(u), g).map(show)).toEqual(expected);
  });

  it('a group keeps every member (by id) and words the county-level headline', () => {
    const input = coverageAlerts(23);
    const [line] = alertLines(input, RULES, units({}), GROUPING);
    expect(line).toMatchObject({ kind: 'group', rule: 'township_coverage', label: '23 个乡镇可达标率低于 90%', count: 23, of: 25, threshold: 0.9 });
    expect(line?.kind === 'group' && [...line.members].sort()).toEqual(input.map((a) => a.id).sort());
  });

  it.each<[AlertRuleId, Alert[], string]>([
    ['village_disputes_7d', Array.from({ length: 300 }, (_, i) => burst(`V${i}`, 3, '2026-12-01T09:00:00+08:00')), '300 个村（社区）7日内新增矛盾纠纷 ≥ 3 件'],
    ['hazard_overdue', Array.from({ length: 30 }, (_, i) => hazard(`H${i}`, 3, '2026-11-01T00:00:00+08:00')), '30 件3级及以上隐患超期未办结'],
  ])('words the %s group', (_rule, input, label) => {
    const [line] = alertLines(input, RULES, units({}), GROUPING);
    expect(line?.kind === 'group' && line.label).toBe(label);
  });
});
