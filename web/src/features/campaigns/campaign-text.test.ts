import { describe, expect, it } from 'vitest';
import { campaignSentences, type EffectFacts } from './campaign-text.ts';
import { ENDED, weeksOf } from './test-effect.ts';

const flat: EffectFacts = {
  ...ENDED,
  weeks: weeksOf({
    before: [
      [25, 100],
      [25, 100],
    ],
    during: [
      [25, 100],
      [25, 100],
    ],
  }),
  estimate: { ...ENDED.estimate, value: 0, low: -0.3, high: 0.3 },
  ratio: { value: 1, low: 0.74, high: 1.35 },
};
const few: EffectFacts = {
  ...ENDED,
  weeks: weeksOf({ before: [[2, 9]], during: [[1, 8]] }),
  townships: ENDED.townships.map((u) => ({ ...u, small: true })),
  estimate: { ...ENDED.estimate, value: null, low: null, high: null, small: true, note: 'insufficient_cases' },
  ratio: { value: null, low: null, high: null },
};

describe('campaignSentences', () => {
  it('writes 2-4 sentences from the numbers, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const s = campaignSentences(ENDED, lang);
      expect(s.length).toBeGreaterThanOrEqual(2);
      expect(s.length).toBeLessThanOrEqual(4);
    }
    expect(campaignSentences(ENDED, 'zh')).toEqual([
      '清源断流专项行动（2026年8月31日至9月27日）期间，所针对类别受理案件60件，较行动前同样长的时段（2026年8月3日至8月30日）减少40件（-40.0%）。',
      '同期其他类别与行动前持平；与之相比，所针对类别相对变化-40.0%（90%区间-50.0%至-28.0%），这是前后对比，不能据此断定由行动引起。',
      '降幅最大的乡镇是界牌镇（40件降至20件，-50.0%）；西渡镇升幅最大（30件增至33件，+10.0%）；1个乡镇案件较少，未比较。',
      '标记为该行动的案件中，期间办结纠纷4件、隐患31件；行动结束后2周，所针对类别周均12.0件（行动期间周均15.0件）。',
    ]);
    expect(campaignSentences(ENDED, 'en')[1]).toBe(
      "Over the same time the other categories were level with before; against them, the campaign's categories changed by -40.0% (90% interval -50.0% to -28.0%): a before/after comparison, which does not by itself show the campaign caused it.",
    );
  });

  it.each<[string, EffectFacts, number, string, string]>([
    ['no change: the interval holds zero', flat, 1, '区间包含零，不能认定有变化', 'the interval includes zero, so no change can be claimed'],
    ['no change: the counts are level', flat, 0, '与行动前同样长的时段（2026年8月3日至8月30日）持平', 'level with the same length of time before it'],
    ['too few cases: no estimate', few, 1, '案件数太少，与其他类别的对比没有意义，不作估计。', 'too few cases to compare'],
    ['too few cases: no township compared', few, 2, '各乡镇案件数较少，不作乡镇间比较。', 'too few cases to compare townships'],
    ['few but estimated', { ...ENDED, estimate: { ...ENDED.estimate, small: true } }, 1, '（案件较少，仅供参考）', '(few cases: indicative only)'],
    [
      'a running campaign says as of when',
      { ...ENDED, campaign: { ...ENDED.campaign, status: 'running' }, weeks: ENDED.weeks.filter((w) => w.phase !== 'after') },
      0,
      '清源断流专项行动自8月31日开展以来（截至12月2日13:00），',
      'since it began on 31 Aug (as of 2 Dec 13:00)',
    ],
    ['nothing after: no after clause', { ...ENDED, weeks: ENDED.weeks.filter((w) => w.phase !== 'after') }, 3, '期间办结纠纷4件、隐患31件。', '31 hazards were closed during it.'],
  ])('%s', (_name, facts, index, zh, en) => {
    expect(campaignSentences(facts, 'zh')[index]).toContain(zh);
    expect(campaignSentences(facts, 'en')[index]).toContain(en);
  });

  it('a single township (a chief’s part) is not compared with itself', () => {
    const one = { ...ENDED, townships: ENDED.townships.slice(0, 1) };
    const s = campaignSentences(one, 'zh');
    expect(s).toHaveLength(3);
    expect(s.join('')).not.toContain('降幅最大');
  });

  it('no township falling is said, not hidden', () => {
    const rising = { ...ENDED, townships: ENDED.townships.map((u) => ({ ...u, changeRate: u.small ? u.changeRate : 0.2 })) };
    expect(campaignSentences(rising, 'zh')[2]).toMatch(/^各乡镇均未下降/);
  });
});
