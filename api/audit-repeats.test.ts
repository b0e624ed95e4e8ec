import { describe, expect, it } from 'vitest';
import { AuditRepeats } from './audit-repeats.ts';

describe('AuditRepeats', () => {
  it.each<[string, [number, string, string][], boolean[]]>([
    [
      'the first of a run is written, repeats within the window are not',
      [
        [0, 'a', 'k'],
        [10, 'a', 'k'],
        [20, 'a', 'k'],
      ],
      [true, false, false],
    ],
    [
      'other keys and other actions are written',
      [
        [0, 'a', 'k'],
        [1, 'a', 'j'],
        [2, 'b', 'k'],
      ],
      [true, true, true],
    ],
    [
      'after the window the key is written again',
      [
        [0, 'a', 'k'],
        [999, 'a', 'k'],
        [1000, 'a', 'k'],
      ],
      [true, false, true],
    ],
    [
      'the budget per action bounds rotating keys',
      [
        [0, 'a', '1'],
        [1, 'a', '2'],
        [2, 'a', '3'],
        [3, 'b', '4'],
      ],
      [true, true, false, true],
    ],
  ])('%s', (_label, calls, expected) => {
    let now = 0;
    const r = new AuditRepeats(1000, 2, () => now);
    const written = calls.map(([t, action, key]) => {
      now = t;
      return r.admit(action, key).write;
    });
    expect(written).toEqual(expected);
  });

  it('counts what it did not write on the next entry written', () => {
    let now = 0;
    const r = new AuditRepeats(1000, 2, () => now);
    r.admit('a', 'k');
    r.admit('a', 'k');
    r.admit('a', 'k');
    r.admit('a', 'x');
    r.admit('a', 'y'); // over the budget: dropped
    now = 1000;
    expect(r.admit('a', 'k')).toEqual({ write: true, repeated: 2, dropped: 1 });
  });

  it('writes everything with a window of 0', () => {
    const r = new AuditRepeats(0);
    expect([1, 2, 3].map(() => r.admit('a', 'k').write)).toEqual([true, true, true]);
  });
});
