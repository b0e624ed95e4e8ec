import { describe, expect, it } from 'vitest';
import { briefingRefusal, mapMetricOf, parseBriefingParams, weekTitle } from './briefing-params.ts';

describe('briefing params', () => {
  it('read week, township, metric and lang from the URL', () => {
    expect(parseBriefingParams('?week=2026-W47&township=430421110&metric=hazardsOverdue&lang=zh')).toEqual({
      week: '2026-W47',
      township: '430421110',
      metric: 'hazardsOverdue',
      lang: 'zh',
      refused: [],
    });
  });

  it('leave an absent or empty value to the default (an empty township= is the county)', () => {
    expect(parseBriefingParams('?week=&township=&metric=&lang=')).toEqual({ week: null, township: null, metric: null, lang: 'zh', refused: [] });
    expect(parseBriefingParams('')).toEqual({ week: null, township: null, metric: null, lang: 'zh', refused: [] });
  });

  it.each([
    ['?week=2026-47', 'week=2026-47：应为 ISO 周'],
    ['?township=4304', 'township=4304：应为 9 位乡镇代码'],
    ['?metric=bogus', 'metric=bogus：可选 disputes、disputeRate'],
    ['?lang=en', 'lang=en：周报仅提供中文版'],
  ])('refuse %s with a message instead of silently showing the default', (search, message) => {
    const p = parseBriefingParams(search);
    expect(p.refused).toHaveLength(1);
    expect(p.refused[0]).toContain(message);
  });

  it('honour lang=zh-CN', () => expect(parseBriefingParams('?lang=zh-CN').refused).toEqual([]));

  it('explain a week that has not started', () => {
    expect(briefingRefusal('week_not_started', '2026-W50', '2026-W50 has not started yet')).toBe('2026-W50 尚未开始，没有周报（2026-W50 has not started yet）');
    expect(briefingRefusal('invalid_request', '2026-W50', undefined)).toBeNull();
  });

  it('map each ranking metric to the map metric answering the same question', () => {
    expect(mapMetricOf('coverageRate')).toBe('coverage');
    expect(mapMetricOf('disputes')).toBe('disputeRate');
    expect(mapMetricOf('hazards')).toBe('hazardsOpen');
    expect(weekTitle('2026-W07')).toBe('2026年第7周');
  });
});
