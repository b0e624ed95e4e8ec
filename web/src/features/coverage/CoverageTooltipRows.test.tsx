import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/harness.tsx';
import type { VillageProps } from '../map/metrics.ts';
import { VillageCoverageRows } from './CoverageTooltipRows.tsx';

const village = (visitsThisQuarter: number, expectedVisits: number) =>
  ({ code: '430421105200', name: '黄石村', visitsThisQuarter, expectedVisits, lastVisitAt: null, lastReportAt: null, silent: false }) as unknown as VillageProps;

describe('VillageCoverageRows', () => {
  it.each<[string, number, number, number | undefined, string, string, string]>([
    // [case, visits, expected by quarter end, required, lang, visits shown, the pace line]
    ['no visit, none expected: 0/3, not a complete-looking 0/0', 0, 0, 3, 'zh', '0/3 次', '0 次（本季度需走访 3 次）'],
    ['on pace', 1, 3, 3, 'zh', '1/3 次', '3 次（本季度需走访 3 次）'],
    ['another rule', 2, 5, 4, 'zh', '2/4 次', '5 次（本季度需走访 4 次）'],
    ['the rule not passed: the server default', 0, 1, undefined, 'zh', '0/3 次', '1 次（本季度需走访 3 次）'],
    ['English', 0, 0, 3, 'en', '0/3', '0 expected (3 required this quarter)'],
  ])('%s', (_case, visits, expected, required, lang, shown, pace) => {
    renderApp(<VillageCoverageRows p={village(visits, expected)} weeks={4} required={required} />, `/?lang=${lang}`);
    expect(screen.getByTestId('tooltip-visits').textContent).toBe(shown);
    expect(screen.getByText(pace)).toBeTruthy();
  });
});
