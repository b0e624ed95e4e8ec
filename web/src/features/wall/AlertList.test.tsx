import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertRule } from '../../api/types.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { type AlertLine, AlertList, MAX_ALERT_ROWS } from './AlertList.tsx';
import { newAlertIds } from './useNewAlerts.ts';
import { wallText } from './wall-messages.ts';

import '../../test/harness.tsx';

const RULES: AlertRule[] = [
  { id: 'village_disputes_7d', label: '村（社区）7日内新增矛盾纠纷 ≥ 3 件', threshold: 3 },
  { id: 'hazard_overdue', label: '3级及以上隐患超期未办结', threshold: 3 },
  { id: 'township_coverage', label: '乡镇民警走访可达标率 < 90%', threshold: 0.9 },
];

function alert(rule: Alert['rule'], code: string, value: number): Alert {
  return {
    id: `${rule}:${code}`,
    rule,
    code,
    name: `名${code}`,
    townshipCode: '430421110',
    townshipName: '界牌镇',
    value,
    threshold: rule === 'township_coverage' ? 0.9 : 3,
    category: null,
    deadline: null,
    since: null,
    lng: 112.4,
    lat: 27,
  };
}
const single = (a: Alert): AlertLine => ({ kind: 'alert', id: a.id, rule: a.rule, alert: a });
const bursts = (n: number, from = 0) => Array.from({ length: n }, (_, i) => single(alert('village_disputes_7d', `V${from + i}`, 3)));
function coverageGroup(codes: string[]): AlertLine {
  const members = codes.map((c, i) => alert('township_coverage', c, 0.5 + i / 100));
  return {
    kind: 'group',
    id: 'group:township_coverage',
    rule: 'township_coverage',
    label: `${codes.length} 个乡镇可达标率低于 90%`,
    count: codes.length,
    of: 25,
    threshold: 0.9,
    worst: members.slice(0, 3),
    members: members.map((a) => a.id),
  };
}
const townships = (n: number) => Array.from({ length: n }, (_, i) => `T${String(i).padStart(2, '0')}`);

const onFocus = vi.fn();
afterEach(() => onFocus.mockReset());
const list = (lines: AlertLine[], version: number) => <AlertList rules={RULES} lines={lines} version={version} i18n={makeI18n('zh')} w={wallText('zh')} onFocus={onFocus} />;
const rows = () => screen.queryAllByTestId('wall-alert');
const more = () => screen.queryByTestId('wall-alert-more')?.textContent ?? null;
const marked = () =>
  rows()
    .filter((r) => within(r).queryByTestId('wall-alert-new'))
    .map((r) => r.textContent);

describe('AlertList: rows on the wall', () => {
  it.each<[string, AlertLine[], number, string | null]>([
    ['the seeded day: 6 alerts and 23 townships grouped fit in 7 rows', [...bursts(6), coverageGroup(townships(23))], 7, null],
    ['exactly 10 lines: all shown, nothing counted', bursts(10), 10, null],
    ['14 lines: 10 shown, the rest counted', bursts(14), MAX_ALERT_ROWS, '另有 4 条'],
    ['29 lines of the ungrouped county: still 10 rows', [...bursts(6), ...townships(23).map((c) => single(alert('township_coverage', c, 0.5)))], MAX_ALERT_ROWS, '另有 19 条'],
    ['no alerts: no rows', [], 0, null],
  ])('%s', (_name, lines, shown, rest) => {
    render(list(lines, 1));
    expect(rows()).toHaveLength(shown);
    expect(more()).toBe(rest);
  });

  it('a group is one row with its headline, its worst 3 focusable, and the count of every alert in the header', () => {
    render(list([...bursts(6), coverageGroup(townships(23))], 1));
    const group = rows().at(-1)!;
    expect(group.textContent).toContain('23 个乡镇可达标率低于 90%');
    expect(group.textContent).toContain('最低：');
    const names = within(group).getAllByRole('button');
    expect(names.map((b) => b.textContent)).toEqual(['名T00 50.0%', '名T01 51.0%', '名T02 52.0%']);
    fireEvent.click(names[1]!);
    expect(onFocus).toHaveBeenCalledWith(expect.objectContaining({ code: 'T01' }));
    expect(screen.getByTestId('wall-alerts').querySelector('.wall-count')?.textContent).toBe('29');
  });
});

describe('AlertList: 新 marks what the previous refresh did not have', () => {
  it('nothing on the first answer, the new line on the next, nothing once it has been seen', () => {
    const { rerender } = render(list(bursts(3), 1));
    expect(marked()).toEqual([]);
    rerender(list([single(alert('hazard_overdue', 'H1', 4)), ...bursts(3)], 2));
    expect(marked()).toEqual([expect.stringContaining('名H1')]);
    // A re-render without a new answer keeps the mark; the next answer, unchanged, clears it.
    rerender(list([single(alert('hazard_overdue', 'H1', 4)), ...bursts(3)], 2));
    expect(marked()).toHaveLength(1);
    rerender(list([single(alert('hazard_overdue', 'H1', 4)), ...bursts(3)], 3));
    expect(marked()).toEqual([]);
  });

  it('a group is new when a unit joins it, not when known alerts are regrouped', () => {
    const before = townships(13).map((c) => single(alert('township_coverage', c, 0.5)));
    const { rerender } = render(list(before.slice(0, 12), 1));
    rerender(list([coverageGroup(townships(12))], 2));
    expect(marked()).toEqual([]);
    rerender(list([coverageGroup(townships(13))], 3));
    expect(marked()).toEqual([expect.stringContaining('13 个乡镇')]);
  });

  it('new lines past the 10th are counted in the 另有 line', () => {
    const { rerender } = render(list(bursts(11), 1));
    rerender(list([...bursts(11), ...bursts(1, 100)], 2));
    expect(more()).toBe('另有 2 条（1 条新）');
  });
});

describe('newAlertIds', () => {
  it.each<[string, string[] | null, string[], string[]]>([
    ['before any answer, nothing is new', null, ['a', 'b'], []],
    ['an id not in the previous answer is new', ['a'], ['a', 'b'], ['b']],
    ['an id that went away for one answer and came back is new again', ['b'], ['a', 'b'], ['a']],
    ['the same answer again: nothing new', ['a', 'b'], ['b', 'a'], []],
  ])('%s', (_name, previous, current, fresh) => {
    expect([...newAlertIds(previous && new Set(previous), current)]).toEqual(fresh);
  });
});

describe('the English wall', () => {
  const english = (lines: AlertLine[]) => <AlertList rules={RULES} lines={lines} version={1} i18n={makeI18n('en')} w={wallText('en')} onFocus={onFocus} />;

  it.each([
    ['village_disputes_7d', 'Village with ≥ 3 new disputes in 7 days'],
    ['hazard_overdue', 'Hazard of severity ≥ 3 past its deadline'],
    ['township_coverage', 'Township with < 90% of villages on track for officer visits'],
  ] as const)('names rule %s in words, not by its id or in Chinese', (rule, label) => {
    render(english([single(alert(rule, 'X1', rule === 'township_coverage' ? 0.5 : 4))]));
    const row = rows()[0]!;
    expect(row.title).toBe(label);
    expect(row.textContent).not.toContain(rule);
    expect(row.textContent).not.toMatch(/[可达标率件超期]/);
  });

  it('a coverage group reads as a sentence with the share in the threshold', () => {
    render(english([coverageGroup(townships(23))]));
    expect(rows()[0]!.textContent).toContain('23 of 25 townships: < 90% of villages on track for visits');
  });
});

describe('the alerts beside a township are labelled county-wide', () => {
  it.each<[string, 'zh' | 'en', boolean, string | null]>([
    ['a township shown (zh): 全县', 'zh', true, '全县'],
    ['a township shown (en): County-wide', 'en', true, 'County-wide'],
    ['the county shown: no label, the scope is the map', 'zh', false, null],
  ])('%s', (_name, lang, countyWide, label) => {
    render(<AlertList rules={RULES} lines={bursts(2)} version={1} i18n={makeI18n(lang)} w={wallText(lang)} onFocus={onFocus} countyWide={countyWide} />);
    expect(screen.queryByTestId('wall-alerts-scope')?.textContent ?? null).toBe(label);
  });
});
