import { describe, expect, it } from 'vitest';
import { resumeMismatch } from './province.ts';

// A first run of 1,000 events over the 60 days before NOW in batches of 100: each batch a slice of
// 6 days. It stopped after `held` events; the second run must carry on with the same options.
const DAY = 86_400_000;
const NOW = new Date('2026-11-28T04:00:00Z');
const at = (daysBeforeNow: number) => new Date(NOW.getTime() - daysBeforeNow * DAY);
const first = { events: 1_000, days: 60, now: NOW, batch: 100 };

describe("resumeMismatch: --resume refuses options other than the first run's", () => {
  it.each([
    // what the database holds, then the second run's options, and whether it may carry on
    ['three batches written, the same options', { held: 300, min: at(59.99), max: at(42.01) }, {}, null],
    ['all written, the same options (nothing left to do)', { held: 1_000, min: at(59.99), max: at(0.01) }, {}, null],
    ['nothing written yet', { held: 0, min: null, max: null }, { now: at(-30) }, null],
    ['more held than --events', { held: 300, min: at(59.99), max: at(42.01) }, { events: 200 }, /more than --events 200/],
    ['a later --now (the clock by default)', { held: 300, min: at(59.99), max: at(42.01) }, { now: at(-6) }, /repeat the first run's/],
    ['an earlier --now', { held: 300, min: at(59.99), max: at(42.01) }, { now: at(10) }, /repeat the first run's/],
    ['more --days', { held: 300, min: at(59.99), max: at(42.01) }, { days: 90 }, /repeat the first run's/],
    ['fewer --days', { held: 300, min: at(59.99), max: at(42.01) }, { days: 50 }, /repeat the first run's/],
    ['more --events', { held: 300, min: at(59.99), max: at(42.01) }, { events: 2_000 }, /repeat the first run's/],
    ['fewer --events', { held: 300, min: at(59.99), max: at(42.01) }, { events: 400 }, /repeat the first run's/],
    ['one batch of a smaller run, resumed with more --events', { held: 50, min: at(59.99), max: at(0.01) }, { events: 1_000 }, /never stops at/],
    ['an event after --now', { held: 1_000, min: at(59.99), max: at(-0.5) }, {}, /repeat the first run's/],
  ])('%s', (_label, held, options, expected) => {
    const got = resumeMismatch({ ...first, ...options, ...held });
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatch(expected);
  });
});
