import { describe, expect, it } from 'vitest';
import { didEstimate, effectWindows, emptyWeeks, townshipChange } from './campaign-effect.ts';

const S = { smallCount: 20, minCases: 5 };
const counts = (targetedBefore: number, targetedDuring: number, otherBefore: number, otherDuring: number) => ({ targetedBefore, targetedDuring, otherBefore, otherDuring });

describe('didEstimate: difference-in-differences on log ratios with a Poisson interval', () => {
  it.each([
    // targeted halved, others flat: log(0.5); se = sqrt(1/100 + 1/50 + 1/200 + 1/200) = 0.2
    { name: 'targeted halved', c: counts(100, 50, 200, 200), value: Math.log(0.5), se: 0.2, small: false },
    // no change anywhere: 0, se = sqrt(2/80 + 2/400)
    { name: 'no change', c: counts(80, 80, 400, 400), value: 0, se: Math.sqrt(0.03), small: false },
    // both halved: the campaign changed nothing the others did not
    { name: 'everything halved', c: counts(100, 50, 400, 200), value: 0, se: Math.sqrt(0.01 + 0.02 + 0.0025 + 0.005), small: false },
    // targeted doubled (the launch sweep): log 2
    { name: 'targeted doubled', c: counts(25, 50, 100, 100), value: Math.log(2), se: Math.sqrt(0.04 + 0.02 + 0.02), small: false },
    // enough to estimate, too few to trust: flagged small
    { name: 'small counts', c: counts(10, 5, 100, 100), value: Math.log(0.5), se: Math.sqrt(0.1 + 0.2 + 0.02), small: true },
  ])('$name', ({ c, value, se, small }) => {
    const { estimate, ratio } = didEstimate(c, S);
    const z = 1.6448536269514722;
    expect(estimate.kind).toBe('did_log_ratio');
    expect(estimate.level).toBe(0.9);
    expect(estimate.note).toBeNull();
    expect(estimate.small).toBe(small);
    expect(estimate.value).toBeCloseTo(value, 12);
    expect(estimate.low).toBeCloseTo(value - z * se, 12);
    expect(estimate.high).toBeCloseTo(value + z * se, 12);
    expect(ratio.value).toBeCloseTo(Math.exp(value), 12);
    expect(ratio.low).toBeCloseTo(Math.exp(value - z * se), 12);
    expect(ratio.high).toBeCloseTo(Math.exp(value + z * se), 12);
  });

  it('gives the hand-computed interval for the halved series', () => {
    const { estimate, ratio } = didEstimate(counts(100, 50, 200, 200), S);
    expect(estimate.low).toBeCloseTo(-1.022118, 5);
    expect(estimate.high).toBeCloseTo(-0.364176, 5);
    expect(ratio.low).toBeCloseTo(0.35982, 4);
    expect(ratio.high).toBeCloseTo(0.69479, 4);
  });

  it.each([
    { name: 'too few targeted cases', c: counts(3, 1, 300, 280) },
    { name: 'nothing targeted before', c: counts(0, 12, 300, 280) },
    { name: 'no other cases during', c: counts(40, 30, 50, 0) },
  ])('no estimate with $name', ({ c }) => {
    const { estimate, ratio } = didEstimate(c, S);
    expect(estimate).toMatchObject({ value: null, low: null, high: null, small: true, note: 'insufficient_cases' });
    expect(ratio).toEqual({ value: null, low: null, high: null });
  });
});

describe('effectWindows', () => {
  it.each([
    {
      name: 'an ended campaign: before as long, after as long',
      args: ['2026-03-02', '2026-03-29', '2026-12-02'],
      want: { before: { from: '2026-02-02', to: '2026-03-01' }, during: { from: '2026-03-02', to: '2026-03-29' }, after: { from: '2026-03-30', to: '2026-04-26' } },
    },
    {
      name: 'a running campaign: during up to yesterday, no after',
      args: ['2026-11-02', '2027-01-31', '2026-12-02'],
      want: { before: { from: '2026-10-03', to: '2026-11-01' }, during: { from: '2026-11-02', to: '2026-12-01' }, after: null },
    },
    {
      name: 'ended recently: after cut at yesterday',
      args: ['2026-11-01', '2026-11-20', '2026-12-02'],
      want: { before: { from: '2026-10-12', to: '2026-10-31' }, during: { from: '2026-11-01', to: '2026-11-20' }, after: { from: '2026-11-21', to: '2026-12-01' } },
    },
    { name: 'started today: nothing yet', args: ['2026-12-02', '2026-12-31', '2026-12-02'], want: null },
    { name: 'planned', args: ['2027-01-01', '2027-02-01', '2026-12-02'], want: null },
  ])('$name', ({ args, want }) => {
    expect(effectWindows(args[0]!, args[1]!, args[2]!)).toEqual(want);
  });
});

describe('emptyWeeks: seven-day blocks that never straddle two phases', () => {
  it('splits whole weeks when the campaign lasts whole weeks', () => {
    const weeks = emptyWeeks(effectWindows('2026-03-02', '2026-03-29', '2026-12-02')!);
    expect(weeks.map((w) => `${w.phase}${w.block}:${w.weekStart}/${w.days}`)).toEqual([
      'before-4:2026-02-02/7',
      'before-3:2026-02-09/7',
      'before-2:2026-02-16/7',
      'before-1:2026-02-23/7',
      'during0:2026-03-02/7',
      'during1:2026-03-09/7',
      'during2:2026-03-16/7',
      'during3:2026-03-23/7',
      'after0:2026-03-30/7',
      'after1:2026-04-06/7',
      'after2:2026-04-13/7',
      'after3:2026-04-20/7',
    ]);
  });

  it('shortens the first week before and the last week during', () => {
    const weeks = emptyWeeks(effectWindows('2026-11-02', '2027-01-31', '2026-12-02')!);
    expect(weeks.filter((w) => w.phase === 'before').map((w) => w.days)).toEqual([2, 7, 7, 7, 7]);
    expect(weeks.filter((w) => w.phase === 'during').map((w) => w.days)).toEqual([7, 7, 7, 7, 2]);
    expect(weeks[0]!.weekStart).toBe('2026-10-03');
    expect(weeks.reduce((a, w) => a + w.days, 0)).toBe(60);
  });
});

describe('townshipChange', () => {
  it.each([
    [40, 30, -0.25, false],
    [40, 10, -0.75, true],
    [0, 5, null, true],
    [25, 25, 0, false],
  ] as const)('%i -> %i', (before, during, changeRate, small) => {
    expect(townshipChange(before, during, S)).toEqual({ changeRate, small });
  });
});
