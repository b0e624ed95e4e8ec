import { describe, expect, it } from 'vitest';
import { DISPUTE_STATUSES, HAZARD_STATUSES } from '../contract/enums.ts';
import { allowedNext, DISPUTE_STAMP, DISPUTE_TRANSITIONS, HAZARD_STAMP, HAZARD_TRANSITIONS } from './lifecycle.ts';

describe('dispute lifecycle', () => {
  it.each([
    ['受理', '调处中', true],
    ['受理', '调解成功', false],
    ['受理', '移交诉讼', false],
    ['调处中', '调解成功', true],
    ['调处中', '调解失败', true],
    ['调处中', '受理', false],
    ['调解失败', '移交诉讼', false],
    ['调解成功', '调处中', false],
    ['移交诉讼', '调解成功', false],
  ] as const)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(allowedNext(DISPUTE_TRANSITIONS, from).includes(to)).toBe(ok);
  });

  it('covers every status and stamps every reachable one', () => {
    expect(Object.keys(DISPUTE_TRANSITIONS).sort()).toEqual([...DISPUTE_STATUSES].sort());
    for (const targets of Object.values(DISPUTE_TRANSITIONS)) for (const t of targets) expect(DISPUTE_STAMP[t]).toBeDefined();
  });
});

describe('hazard lifecycle', () => {
  it.each([
    ['上报', '已分流', true],
    ['上报', '处置中', false],
    ['已分流', '处置中', true],
    ['处置中', '已办结', true],
    ['已办结', '处置中', false],
  ] as const)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(allowedNext(HAZARD_TRANSITIONS, from).includes(to)).toBe(ok);
  });

  it('is a straight line through every status', () => {
    expect(Object.keys(HAZARD_TRANSITIONS).sort()).toEqual([...HAZARD_STATUSES].sort());
    for (const targets of Object.values(HAZARD_TRANSITIONS)) for (const t of targets) expect(HAZARD_STAMP[t]).toBeDefined();
  });
});
