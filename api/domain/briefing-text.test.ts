import { describe, expect, it } from 'vitest';
import { type BriefingFacts, briefingSentences } from './briefing-text.ts';

const base: BriefingFacts = {
  scopeName: '衡阳县',
  unitLevel: 'township',
  from: '2026-11-16',
  to: '2026-11-22',
  asOf: null,
  disputes: { current: 112, previous: 100, successRate: 0.986, open: 30 },
  hazards: { reported: 230, previousReported: 230, open: 300, overdue: 12, overdueSerious: 2 },
  units: [
    { name: '西渡镇', current: 20, previous: 12 },
    { name: '界牌镇', current: 5, previous: 6 },
  ],
  coverage: { villages: 491, met: 221, missed: 57, silent: 14, worstUnit: { name: '井头镇', missed: 9 } },
  topRate: { name: '集兵滩社区', townshipName: '集兵镇', cases: 3, population: 2786 },
};

describe('briefingSentences', () => {
  it('writes 3-6 sentences from the numbers', () => {
    const s = briefingSentences(base);
    expect(s.length).toBeGreaterThanOrEqual(3);
    expect(s.length).toBeLessThanOrEqual(6);
    expect(s[0]).toBe('11月16日至11月22日，衡阳县受理矛盾纠纷112件，较上周增加12件（+12.0%），已办结纠纷调解成功率98.6%。');
    expect(s[1]).toBe('矛盾纠纷增加最多的乡镇是西渡镇，本周20件，较上周增加8件。');
    expect(s[2]).toContain('超期12件（3级及以上2件，需督办）');
    expect(s[3]).toBe('本季度民警走访达标221个村（社区），占45.0%；57个预计无法按期达标，井头镇最多（9个）。');
    expect(s.join('')).toContain('14个村（社区）连续4周以上');
    // The table's number (raw, per 10,000 for a week), the order named as smoothed.
    expect(s.at(-1)).toBe('按平滑后纠纷率排序，居首的是集兵镇集兵滩社区：3件，每万人10.8件。');
  });

  it.each([
    ['fewer disputes', { disputes: { ...base.disputes, current: 90 } }, 0, '较上周减少10件（-10.0%）'],
    ['the same hazards', {}, 2, '与上周持平'],
    ['no unit rising', { units: [{ name: '界牌镇', current: 5, previous: 6 }] }, 1, '各乡镇矛盾纠纷均未较上周增加'],
    ['a township scope', { scopeName: '界牌镇', unitLevel: 'village' as const, units: [{ name: '银溪村', current: 3, previous: 1 }] }, 1, '增加最多的村（社区）是银溪村'],
    ['nothing concluded', { disputes: { ...base.disputes, successRate: null } }, 0, '件，较上周增加12件（+12.0%）。'],
  ])('changes with the data: %s', (_what, patch, index, text) => {
    expect(briefingSentences({ ...base, ...patch })[index]).toContain(text);
  });

  // A running week (today Wednesday 2 Dec 13:00): never "截至12月6日", compared with the same days of last week.
  const running: BriefingFacts = { ...base, from: '2026-11-30', to: '2026-12-06', asOf: '2026-12-02T05:00:00.000Z' };
  it.each([
    [0, '11月30日至12月2日13:00（本周未完），衡阳县受理矛盾纠纷112件，较上周同期增加12件（+12.0%）'],
    [1, '本周20件，较上周同期增加8件。'],
    [2, '与上周同期持平'],
    [2, '截至12月2日13:00，未办结300件'],
  ])('a running week says so and as of when: sentence %i has %s', (index, text) => {
    expect(briefingSentences(running)[index]).toContain(text);
  });
  it('a running week never names a day that has not come', () => {
    const text = briefingSentences(running).join('');
    expect(text).not.toContain('12月6日');
    expect(text).not.toMatch(/较上周(?!同期)/);
  });

  it('leaves out the silence sentence when no village is silent', () => {
    const s = briefingSentences({ ...base, coverage: { ...base.coverage, silent: 0 } });
    expect(s.join('')).not.toContain('无信息');
  });
});
