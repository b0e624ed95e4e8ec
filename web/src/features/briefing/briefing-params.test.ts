import { describe, expect, it } from 'vitest';
import { mapMetricOf, parseBriefingParams, weekTitle } from './briefing-params.ts';

describe('briefing params', () => {
  it('read week, township and metric from the URL', () => {
    expect(parseBriefingParams('?week=2026-W47&township=430421110&metric=hazardsOverdue')).toEqual({ week: '2026-W47', township: '430421110', metric: 'hazardsOverdue' });
  });

  it('leave an empty or malformed value to the API default (an empty township= is the county)', () => {
    expect(parseBriefingParams('?week=2026-47&township=&metric=bogus')).toEqual({ week: null, township: null, metric: null });
  });

  it('map each ranking metric to the map metric answering the same question', () => {
    expect(mapMetricOf('coverageRate')).toBe('coverage');
    expect(mapMetricOf('disputes')).toBe('disputeRate');
    expect(mapMetricOf('hazards')).toBe('hazardsOpen');
    expect(weekTitle('2026-W07')).toBe('2026年第7周');
  });
});
