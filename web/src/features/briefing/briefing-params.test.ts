import { describe, expect, it } from 'vitest';
import { apiRefusal, mapMetricOf, parseBriefingParams, weekTitle } from './briefing-params.ts';

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

  const asked = { week: '1999-W52', township: '430421999', metric: null };
  const apiError = (status: number, code: string | null, message: string, fields?: Record<string, string>) => ({ status, code, message, body: { fields } });

  it.each([
    [apiError(422, 'week_not_started', 'week 1999-W52 starts…', { week: '1999-W52 has not started yet' }), ['1999-W52 尚未开始，没有周报（1999-W52 has not started yet）']],
    [
      apiError(400, 'invalid_request', 'invalid query: week', { week: 'expected a week whose days lie between 2000-01-01 and 2099-12-31' }),
      ['week=1999-W52：expected a week whose days lie between 2000-01-01 and 2099-12-31'],
    ],
    [apiError(400, 'invalid_request', 'unknown township 430421999', { township: 'no township with code 430421999' }), ['township=430421999：no township with code 430421999']],
    [apiError(400, 'invalid_request', 'bad', { from: 'expected a date' }), ['from：expected a date']],
    [apiError(403, 'forbidden', 'township 430421110 is outside your scope'), ['township 430421110 is outside your scope（HTTP 403）']],
  ])('explain an API refusal in the marked block: %j', (error, lines) => {
    expect(apiRefusal(error, asked)).toEqual({ code: error.code, lines });
  });

  it.each([
    ['a 401 (the sign-in gate answers it)', apiError(401, 'unauthenticated', 'sign in')],
    ['a server fault', apiError(503, 'unavailable', 'database down')],
    ['a 4xx without the API error body', apiError(404, null, 'HTTP 404')],
    ['no error', null],
  ])('take %s for no refusal', (_, error) => expect(apiRefusal(error, asked)).toBeNull());

  it('map each ranking metric to the map metric answering the same question', () => {
    expect(mapMetricOf('coverageRate')).toBe('coverage');
    expect(mapMetricOf('disputes')).toBe('disputeRate');
    expect(mapMetricOf('hazards')).toBe('hazardsOpen');
    expect(weekTitle('2026-W07')).toBe('2026年第7周');
  });
});
