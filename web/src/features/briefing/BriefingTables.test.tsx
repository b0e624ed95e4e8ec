import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../api/types.ts';
import { ranking } from '../../test/fixtures.ts';
import { TopVillages } from './BriefingTables.tsx';

const briefingOf = (metric: Briefing['metric'], rows: Parameters<typeof ranking>[1]) =>
  ({ metric, from: '2026-11-23', to: '2026-11-29', coverage: { required: 3 }, topVillages: ranking('village', rows).rows }) as unknown as Briefing;

describe('TopVillages', () => {
  it('by coverage: each village met or not, with its visits against the rule (not 0.0% and a count of 1)', () => {
    render(
      <TopVillages
        briefing={briefingOf('coverageRate', [
          { name: '甲村', value: 0, count: 1, visits: 0 },
          { name: '乙村', value: 0, count: 1, visits: 2 },
          { name: '丙村', value: 1, count: 1, visits: 4 },
        ])}
      />,
    );
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      ['甲村', '未达标', '0/3'],
      ['乙村', '未达标', '2/3'],
      ['丙村', '已达标', '4/3'],
    ]);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['#', '村（社区）', '乡镇', '状态', '已走访']);
  });
});
