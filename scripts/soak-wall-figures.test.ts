import { describe, expect, it } from 'vitest';
import { baselineOf, type Figures, failures, figuresOf, growth, hoursEquivalent, minutesForDay, type Sample, sameView, sampleTable, summaryRows } from './soak-wall-figures.ts';

const sample = (t: number, over: Partial<Sample> = {}): Sample => ({
  t,
  heapMB: 50,
  nodes: 2000,
  elements: 900,
  canvases: 2,
  listeners: 300,
  refreshes: t / 2,
  carousel: Math.floor(t / 5),
  township: '',
  shift: '0,0',
  stale: false,
  scrolls: false,
  ...over,
});

const run = (last: Partial<Sample>, o: Partial<Parameters<typeof figuresOf>[1]> = {}): Figures =>
  figuresOf([sample(0, { heapMB: 20, nodes: 500 }), sample(150), sample(300), sample(600, last)], {
    warmupS: 150,
    durationS: 600,
    refreshS: 2,
    consoleErrors: 0,
    pageErrors: 0,
    restart: { downS: 8, recoveryS: 2, sawStale: true },
    ...o,
  });

describe('soak figures', () => {
  it.each([
    [2, 48],
    [60, 1440],
    [5, 120],
  ])('a day of refreshes at the default 60 s is %i s x 1,440 = %i minutes of soak', (refresh, minutes) => {
    expect(minutesForDay(refresh)).toBe(minutes);
  });

  it.each([
    [1440, 24],
    [300, 5],
    [0, 0],
  ])('%i refreshes stand for %f hours on the default interval', (n, h) => {
    expect(hoursEquivalent(n)).toBe(h);
  });

  it.each([
    [50, 60, 10, 20],
    [50, 40, -10, -20],
    [0, 5, 5, 0],
  ])('growth from %f to %f is %f (%f percent)', (from, to, abs, pct) => {
    expect(growth(from, to)).toEqual({ abs, pct });
  });

  it('measure growth from the first sample after the warm-up, not from the empty page', () => {
    const f = run({ heapMB: 55, nodes: 2100 });
    expect(f.baseline.t).toBe(150);
    expect(f.heap).toEqual({ abs: 5, pct: 10 });
    expect(f.nodes).toMatchObject({ abs: 100, pct: 5, from: { t: 150 }, to: { t: 600 } });
    expect([f.maxHeapMB, f.maxNodes, f.refreshes, f.expectedRefreshes]).toEqual([55, 2100, 300, 300]);
    expect(baselineOf([sample(0), sample(10)], 150).t).toBe(10);
  });
});

describe('DOM growth compares a view with itself', () => {
  const views = (list: [number, string, number][]) => list.map(([t, township, nodes]) => sample(t, { township, nodes }));

  it.each<[string, [number, string, number][], [number, number] | null]>([
    [
      'the county at both ends',
      [
        [150, '', 800],
        [160, 'a', 400],
        [300, '', 810],
      ],
      [150, 300],
    ],
    // A township's smaller DOM last is not shrinkage, nor the county's larger one growth.
    [
      'the furthest-apart pair',
      [
        [150, 'a', 400],
        [160, '', 800],
        [200, 'a', 410],
        [290, '', 805],
        [300, 'b', 300],
      ],
      [160, 290],
    ],
    [
      'warm-up samples left out',
      [
        [100, 'b', 300],
        [150, 'a', 400],
        [300, 'b', 330],
      ],
      null,
    ],
    [
      'no view twice',
      [
        [150, 'a', 400],
        [160, 'b', 300],
        [170, '', 800],
      ],
      null,
    ],
  ])('%s', (_name, list, pair) => {
    const got = sameView(views(list), 150);
    expect(got && [got[0].t, got[1].t]).toEqual(pair);
  });

  it('a carousel from the county to a small township is not a leak, the same township growing is', () => {
    const shrink = figuresOf(
      views([
        [150, '', 800],
        [160, 'a', 400],
        [300, '', 805],
        [310, 'a', 400],
      ]),
      { warmupS: 150, durationS: 310, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null },
    );
    expect(failures(shrink)).toEqual([]);
    const leak = figuresOf(
      views([
        [150, 'a', 400],
        [160, '', 800],
        [300, 'a', 480],
        [310, '', 800],
      ]),
      { warmupS: 150, durationS: 310, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null },
    );
    expect(failures(leak)).toEqual(['DOM nodes of one view grew 80 (20.0%): bound 10%']);
    const unknown = figuresOf(
      views([
        [150, 'a', 400],
        [160, '', 800],
      ]),
      { warmupS: 150, durationS: 20, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null },
    );
    expect(failures(unknown)).toEqual([expect.stringMatching(/^no view was sampled twice after the warm-up/)]);
  });
});

describe('soak verdict', () => {
  it.each<[string, Partial<Sample>, Partial<Parameters<typeof figuresOf>[1]>, RegExp | null]>([
    ['a steady wall', { heapMB: 55, nodes: 2100 }, {}, null],
    ['heap over 20%', { heapMB: 61 }, {}, /JS heap grew 11\.0 MB \(22\.0%\)/],
    ['DOM nodes over 10%', { nodes: 2201 }, {}, /DOM nodes of one view grew 201/],
    ['a canvas more', { canvases: 3 }, {}, /canvases went from 2 to 3/],
    ['polling stopped', { refreshes: 100 }, {}, /100 refreshes of the 300/],
    ['a console error', {}, { consoleErrors: 1 }, /1 console error/],
    ['a page error', {}, { pageErrors: 2 }, /2 uncaught page error/],
    ['a scrollbar', { scrolls: true }, {}, /scrolled/],
    ['no recovery', {}, { restart: { downS: 8, recoveryS: null, sawStale: true } }, /did not recover/],
    ['a slow recovery', {}, { restart: { downS: 8, recoveryS: 45, sawStale: true } }, /took 45\.0 s to recover/],
    ['stale at the end', { stale: true }, {}, /still says its data is stale/],
    ['no restart made (--url)', {}, { restart: null }, null],
  ])('%s', (_name, last, o, why) => {
    const out = failures(run(last, o));
    if (why === null) expect(out).toEqual([]);
    else expect(out.join('\n')).toMatch(why);
  });

  it('fail on 30 MB of growth even when it is under 20% of the heap', () => {
    const f = figuresOf([sample(0, { heapMB: 200 }), sample(600, { heapMB: 231 })], { warmupS: 0, durationS: 600, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null });
    expect(failures(f)).toEqual(['JS heap grew 31.0 MB (15.5%): bound 20% and 30 MB']);
  });
});

describe('the sample table', () => {
  it('aligns its columns and marks the warm-up samples', () => {
    const lines = sampleTable([sample(0, { township: '430421110' }), sample(150, { stale: true, scrolls: true })], 150);
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[1]).toMatch(/^\s*~0\s/);
    expect(lines[1]).toContain('430421110');
    expect(lines[2]).toMatch(/county\s+0,0\s+stale SCROLLS$/);
  });
});

describe('the printed figures', () => {
  it('name the view the DOM was compared on, the day equivalent and the restart', () => {
    const rows = Object.fromEntries(summaryRows(run({ heapMB: 55, nodes: 2100 }), 2, 40));
    expect(rows['JS heap']).toBe('50.0 -> 55.0 MB (+5.0 MB, 10.0%), max 55.0 MB');
    expect(rows['DOM nodes']).toMatch(/^county at 150 s and 600 s: 2000 -> 2100 \(\+100, 5\.0%\)/);
    expect(rows.refreshes).toBe('300 of 300 asked (= 5.0 h at the default 60 s; a day is --minutes 48)');
    expect(rows['console errors']).toBe('0 outside the restart, 40 during it (connection refused)');
    expect(rows.restart).toBe('down 8.0 s, wall showed stale, fresh again 2.0 s after the server');
    expect(Object.fromEntries(summaryRows(run({}, { restart: null }), 2, 0)).restart).toBe('not made (--url)');
  });
});
