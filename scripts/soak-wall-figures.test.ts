import { describe, expect, it } from 'vitest';
import {
  baselineOf,
  type Figures,
  failures,
  figuresOf,
  growth,
  halvesOf,
  hoursEquivalent,
  median,
  minutesForDay,
  nodeGrowth,
  type Sample,
  sampleTable,
  summaryRows,
} from './soak-wall-figures.ts';

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

  it('measure growth between the halves after the warm-up, not from the empty page', () => {
    const f = run({ heapMB: 55, nodes: 2100 });
    expect(f.baseline.t).toBe(150);
    // Halves of 150..600 split at 375: 150 and 300 against 600.
    expect(f.heap).toEqual({ from: 50, to: 55, abs: 5, pct: 10 });
    expect(f.nodes).toEqual({ from: 2000, to: 2100, abs: 100, pct: 5 });
    expect([f.maxHeapMB, f.maxNodes, f.refreshes, f.expectedRefreshes]).toEqual([55, 2100, 300, 300]);
    expect(baselineOf([sample(0), sample(10)], 150).t).toBe(10);
  });

  it.each<[string, number[], number[], number[]]>([
    ['even split', [150, 200, 300, 350], [150, 200], [300, 350]],
    ['warm-up left out', [0, 100, 150, 250, 350], [150], [250, 350]],
    ['one sample: all in the second half', [200], [], [200]],
    ['none after the warm-up', [0, 100], [], []],
  ])('halves: %s', (_name, ts, first, second) => {
    const [a, b] = halvesOf(
      ts.map((t) => sample(t)),
      150,
    );
    expect([a.map((s) => s.t), b.map((s) => s.t)]).toEqual([first, second]);
  });

  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('the median of %j is %f', (values, m) => {
    expect(median(values)).toBe(m);
  });
});

describe('DOM growth: the median of each half, whatever view each sample shows', () => {
  const views = (list: [number, string, number][]) => list.map(([t, township, nodes]) => sample(t, { township, nodes }));
  const o = { warmupS: 150, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null };

  it.each<[string, [number, string, number][], Figures['nodes']]>([
    // The same mixture of views in each half: the county's larger DOM and a small township's.
    [
      'a carousel through the same views',
      [
        [150, '', 800],
        [160, 'a', 400],
        [300, '', 805],
        [310, 'a', 400],
      ],
      { from: 600, to: 602.5, abs: 2.5, pct: expect.closeTo(0.42, 2) as unknown as number },
    ],
    // One township reads 472 after one neighbour, 790 after another (what React keeps of the view before).
    [
      'a view read after different neighbours',
      [
        [150, 'a', 472],
        [160, 'b', 790],
        [170, 'a', 790],
        [300, 'a', 790],
        [310, 'b', 790],
        [320, 'a', 472],
      ],
      { from: 790, to: 790, abs: 0, pct: 0 },
    ],
    [
      'warm-up samples left out',
      [
        [100, 'b', 3000],
        [150, 'a', 400],
        [300, 'b', 400],
      ],
      { from: 400, to: 400, abs: 0, pct: 0 },
    ],
    ['nothing after the warm-up', [[100, 'b', 300]], null],
  ])('%s', (_name, list, want) => {
    expect(nodeGrowth(views(list), 150)).toEqual(want);
  });

  it('nodes piling up in every view fail, a steady carousel passes', () => {
    const steady = figuresOf(
      views([
        [150, '', 800],
        [160, 'a', 400],
        [300, '', 805],
        [310, 'a', 400],
      ]),
      { ...o, durationS: 310 },
    );
    expect(failures(steady)).toEqual([]);
    const leak = figuresOf(
      views([
        [150, 'a', 400],
        [160, '', 800],
        [300, 'a', 480],
        [310, '', 880],
      ]),
      { ...o, durationS: 310 },
    );
    expect(failures(leak)).toEqual(['DOM nodes grew 80 (13.3%) from the first half to the second (medians): bound 10%']);
    const unknown = figuresOf(views([[100, 'a', 400]]), { ...o, durationS: 100 });
    expect(failures(unknown)).toEqual([
      expect.stringMatching(/^no sample in one half after the warm-up, so heap growth/),
      expect.stringMatching(/^no sample in one half after the warm-up, so DOM growth/),
    ]);
  });
});

describe('soak verdict', () => {
  it.each<[string, Partial<Sample>, Partial<Parameters<typeof figuresOf>[1]>, RegExp | null]>([
    ['a steady wall', { heapMB: 55, nodes: 2100 }, {}, null],
    ['heap over 10% between the halves', { heapMB: 56 }, {}, /JS heap grew 6\.0 MB \(12\.0%\) from the first half to the second/],
    ['DOM nodes over 10%', { nodes: 2201 }, {}, /DOM nodes grew 201 \(10\.1%\)/],
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

  it('fail on a peak 30 MB over the first sample after the warm-up even when the halves agree', () => {
    const o = { warmupS: 0, durationS: 600, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null };
    const f = figuresOf([sample(0, { heapMB: 200 }), sample(100, { heapMB: 231 }), sample(500, { heapMB: 200 }), sample(600, { heapMB: 231 })], o);
    expect(failures(f)).toEqual(['JS heap reached 31.0 MB over the first sample after the warm-up: bound 30 MB']);
  });

  it('a heap that climbs while the caches fill and then holds passes (the 48-minute run of 2 December)', () => {
    const heaps = [13.8, 15.6, 15.6, 16.2, 15.8, 16.8, 16.2, 16.2, 16.4, 16.4, 16.6];
    const f = figuresOf(
      heaps.map((heapMB, i) => sample(151 + i * 270, { heapMB })),
      { warmupS: 150, durationS: 2880, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null },
    );
    expect(f.heap?.pct).toBeLessThan(6);
    expect(failures(f)).toEqual([]);
  });

  it('a heap that grows steadily fails even when every step is small', () => {
    const f = figuresOf(
      Array.from({ length: 20 }, (_, i) => sample(150 + i * 150, { heapMB: 14 + i * 0.25 })),
      { warmupS: 150, durationS: 3000, refreshS: 2, consoleErrors: 0, pageErrors: 0, restart: null },
    );
    expect(failures(f).join('\n')).toMatch(/JS heap grew 2\.5 MB \(16\.5%\) from the first half/);
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
    expect(rows['JS heap']).toBe('median first half -> second: 50.0 -> 55.0 MB (+5.0 MB, 10.0%); first after warm-up -> last 50.0 -> 55.0 MB, max 55.0 MB');
    expect(rows['DOM nodes']).toBe('median first half -> second: 2000 -> 2100 (+100, 5.0%); first after warm-up -> last 2000 -> 2100 (other views), max 2100');
    expect(rows.refreshes).toBe('300 of 300 asked (= 5.0 h at the default 60 s; a day is --minutes 48)');
    expect(rows['console errors']).toBe('0 outside the restart, 40 during it (connection refused)');
    expect(rows.restart).toBe('down 8.0 s, wall showed stale, fresh again 2.0 s after the server');
    expect(Object.fromEntries(summaryRows(run({}, { restart: null }), 2, 0)).restart).toBe('not made (--url)');
  });
});
