/**
 * The figures of `npm run soak:wall` and its verdict, apart from the browser and the server so
 * that the bounds are tested. All sizes are after a forced garbage collection: what the page holds,
 * not what it has not yet freed.
 */

export interface Sample {
  /** Seconds since the wall was opened. */
  t: number;
  heapMB: number;
  /** DOM nodes alive in the page, attached or not (Chromium's `Nodes` metric): a detached leak shows here. */
  nodes: number;
  /** Elements in the document. */
  elements: number;
  canvases: number;
  listeners: number;
  /** Successful live refreshes (answers to /api/alerts, polled on every refresh) so far. */
  refreshes: number;
  /** Township changes made by the carousel so far. */
  carousel: number;
  township: string;
  shift: string;
  stale: boolean;
  /** The page or an element scrolls (a scrollbar on the big screen). */
  scrolls: boolean;
}

/**
 * What fails a soak: stated in the README (npm run soak:wall). Growth is the second half of the
 * run after the warm-up against the first half, not one sample against another: a single sample
 * jitters with what the view shows at that second (a ticker line more, a tooltip), and the first
 * one after the warm-up may come before the carousel has filled every township's cache. A leak
 * grows steadily, so it shows between the halves; a plateau does not.
 */
export const BOUNDS = {
  /** Median heap of the second half over the first half's. */
  heapPct: 10,
  /** Highest heap over the first sample after the warm-up, whatever the halves say. */
  heapMB: 30,
  /** Median DOM nodes of the second half over the first half's. */
  nodesPct: 10,
  /** The wall must keep polling: at least this share of the refreshes its interval asks for. */
  refreshShare: 0.5,
  /** Seconds from the server answering again to the wall showing fresh data. */
  recoveryS: 30,
} as const;

/** The default refresh of a wall (wall-params.ts): what "a day on the wall" means. */
export const DEFAULT_REFRESH_S = 60;

/** Minutes of soak at `refreshS` that make as many refreshes as a day at the default interval. */
export function minutesForDay(refreshS: number): number {
  return ((86_400 / DEFAULT_REFRESH_S) * refreshS) / 60;
}

/** Hours of a wall on the default interval that `refreshes` refreshes stand for. */
export function hoursEquivalent(refreshes: number): number {
  return (refreshes * DEFAULT_REFRESH_S) / 3600;
}

export function growth(from: number, to: number): { abs: number; pct: number } {
  return { abs: to - from, pct: from === 0 ? 0 : ((to - from) / from) * 100 };
}

export interface Restart {
  /** Seconds the server was down (kill to healthy). */
  downS: number;
  /** Seconds from the server healthy again to the wall showing fresh data; null: it never did. */
  recoveryS: number | null;
  /** The wall said its data was stale during the outage. */
  sawStale: boolean;
}

export interface Figures {
  baseline: Sample;
  last: Sample;
  /** Median heap of each half after the warm-up (halvesOf); null: a half has no sample. */
  heap: { from: number; to: number; abs: number; pct: number } | null;
  /** Median DOM nodes of each half (nodeGrowth); null: a half has no sample. */
  nodes: { from: number; to: number; abs: number; pct: number } | null;
  maxHeapMB: number;
  maxNodes: number;
  refreshes: number;
  expectedRefreshes: number;
  consoleErrors: number;
  pageErrors: number;
  /** null: no restart was made (a server given with --url is not ours to kill). */
  restart: Restart | null;
  scrolled: boolean;
}

/** The first sample at or after the warm-up (caches filled, every township seen once), else the last one. */
export function baselineOf(samples: readonly Sample[], warmupS: number): Sample {
  if (samples.length === 0) throw new Error('no samples');
  return samples.find((s) => s.t >= warmupS) ?? samples[samples.length - 1]!;
}

/** The samples after the warm-up, split at the middle of their time span. */
export function halvesOf(samples: readonly Sample[], warmupS: number): [Sample[], Sample[]] {
  const after = samples.filter((s) => s.t >= warmupS);
  if (after.length === 0) return [[], []];
  const mid = (after[0]!.t + after[after.length - 1]!.t) / 2;
  return [after.filter((s) => s.t < mid), after.filter((s) => s.t >= mid)];
}

export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/**
 * Median DOM nodes of each half. Not one view against itself: a view's count also holds what
 * React keeps of the view before it (the same township reads 472 after one neighbour and 790 after
 * another, and 790 is also another township's count), so one sample says little. The carousel
 * shows every view in each half, so the halves hold the same mixture and a leak raises the median.
 */
export function nodeGrowth(samples: readonly Sample[], warmupS: number): Figures['nodes'] {
  const [first, second] = halvesOf(samples, warmupS);
  if (first.length === 0 || second.length === 0) return null;
  const [from, to] = [median(first.map((s) => s.nodes)), median(second.map((s) => s.nodes))];
  return { from, to, ...growth(from, to) };
}

function heapGrowth(samples: readonly Sample[], warmupS: number): Figures['heap'] {
  const [first, second] = halvesOf(samples, warmupS);
  if (first.length === 0 || second.length === 0) return null;
  const [from, to] = [median(first.map((s) => s.heapMB)), median(second.map((s) => s.heapMB))];
  return { from, to, ...growth(from, to) };
}

export function figuresOf(
  samples: readonly Sample[],
  o: { warmupS: number; durationS: number; refreshS: number; consoleErrors: number; pageErrors: number; restart: Restart | null },
): Figures {
  const baseline = baselineOf(samples, o.warmupS);
  const last = samples[samples.length - 1]!;
  return {
    baseline,
    last,
    heap: heapGrowth(samples, o.warmupS),
    nodes: nodeGrowth(samples, o.warmupS),
    maxHeapMB: Math.max(...samples.map((s) => s.heapMB)),
    maxNodes: Math.max(...samples.map((s) => s.nodes)),
    refreshes: last.refreshes,
    expectedRefreshes: Math.floor(o.durationS / o.refreshS),
    consoleErrors: o.consoleErrors,
    pageErrors: o.pageErrors,
    restart: o.restart,
    scrolled: samples.some((s) => s.scrolls),
  };
}

/** Why the soak fails, one line each; empty when it passes. */
export function failures(f: Figures): string[] {
  const out: string[] = [];
  if (f.heap === null) out.push('no sample in one half after the warm-up, so heap growth is unknown: run longer or sample more often');
  else if (f.heap.pct > BOUNDS.heapPct)
    out.push(`JS heap grew ${f.heap.abs.toFixed(1)} MB (${f.heap.pct.toFixed(1)}%) from the first half to the second (medians): bound ${BOUNDS.heapPct}%`);
  const peak = f.maxHeapMB - f.baseline.heapMB;
  if (peak > BOUNDS.heapMB) out.push(`JS heap reached ${peak.toFixed(1)} MB over the first sample after the warm-up: bound ${BOUNDS.heapMB} MB`);
  if (f.nodes === null) out.push('no sample in one half after the warm-up, so DOM growth is unknown: run longer or sample more often');
  else if (f.nodes.pct > BOUNDS.nodesPct)
    out.push(`DOM nodes grew ${f.nodes.abs} (${f.nodes.pct.toFixed(1)}%) from the first half to the second (medians): bound ${BOUNDS.nodesPct}%`);
  if (f.last.canvases > f.baseline.canvases) out.push(`canvases went from ${f.baseline.canvases} to ${f.last.canvases}: a map or deck.gl made again and the old one kept`);
  if (f.refreshes < f.expectedRefreshes * BOUNDS.refreshShare) out.push(`${f.refreshes} refreshes of the ${f.expectedRefreshes} the interval asks for: the wall stopped polling`);
  if (f.consoleErrors > 0) out.push(`${f.consoleErrors} console error(s) outside the restart`);
  if (f.pageErrors > 0) out.push(`${f.pageErrors} uncaught page error(s)`);
  if (f.scrolled) out.push('the page scrolled (a scrollbar on the wall) in at least one sample');
  if (f.restart && f.restart.recoveryS === null) out.push('the wall did not recover after the server restart');
  else if (f.restart && f.restart.recoveryS !== null && f.restart.recoveryS > BOUNDS.recoveryS)
    out.push(`the wall took ${f.restart.recoveryS.toFixed(1)} s to recover after the restart: bound ${BOUNDS.recoveryS} s`);
  if (f.last.stale) out.push('the wall still says its data is stale at the end');
  return out;
}

const signed = (n: number, digits = 0) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;

function domLine(f: Figures): string {
  const n = f.nodes;
  const halves = n ? `median first half -> second: ${n.from} -> ${n.to} (${signed(n.abs)}, ${n.pct.toFixed(1)}%)` : 'a half has no sample';
  return `${halves}; first after warm-up -> last ${f.baseline.nodes} -> ${f.last.nodes} (other views), max ${f.maxNodes}`;
}

function heapLine(f: Figures): string {
  const h = f.heap;
  const halves = h ? `median first half -> second: ${h.from.toFixed(1)} -> ${h.to.toFixed(1)} MB (${signed(h.abs, 1)} MB, ${h.pct.toFixed(1)}%)` : 'a half has no sample';
  return `${halves}; first after warm-up -> last ${f.baseline.heapMB.toFixed(1)} -> ${f.last.heapMB.toFixed(1)} MB, max ${f.maxHeapMB.toFixed(1)} MB`;
}

function restartLine(r: Restart | null): string {
  if (r === null) return 'not made (--url)';
  const fresh = r.recoveryS === null ? 'NEVER' : `${r.recoveryS.toFixed(1)} s after the server`;
  return `down ${r.downS.toFixed(1)} s, wall ${r.sawStale ? 'showed stale, ' : ''}fresh again ${fresh}`;
}

/** The figures as label and value, for fault-support's `table`. */
export function summaryRows(f: Figures, refreshS: number, consoleDuringRestart: number): [string, string][] {
  return [
    ['JS heap', heapLine(f)],
    ['DOM nodes', domLine(f)],
    ['canvases', `${f.baseline.canvases} -> ${f.last.canvases}`],
    [
      'refreshes',
      `${f.refreshes} of ${f.expectedRefreshes} asked (= ${hoursEquivalent(f.refreshes).toFixed(1)} h at the default 60 s; a day is --minutes ${minutesForDay(refreshS)})`,
    ],
    ['carousel steps', String(f.last.carousel)],
    ['console errors', `${f.consoleErrors} outside the restart, ${consoleDuringRestart} during it (connection refused)`],
    ['page errors', String(f.pageErrors)],
    ['restart', restartLine(f.restart)],
    ['bounds', `heap +${BOUNDS.heapPct}% (halves) and at most +${BOUNDS.heapMB} MB, DOM nodes +${BOUNDS.nodesPct}% (halves), recovery ${BOUNDS.recoveryS} s, no console error`],
  ];
}

const COLUMNS: [string, (s: Sample) => string][] = [
  ['t s', (s) => s.t.toFixed(0)],
  ['heap MB', (s) => s.heapMB.toFixed(1)],
  ['nodes', (s) => String(s.nodes)],
  ['elements', (s) => String(s.elements)],
  ['canvases', (s) => String(s.canvases)],
  ['listeners', (s) => String(s.listeners)],
  ['refreshes', (s) => String(s.refreshes)],
  ['carousel', (s) => String(s.carousel)],
  ['township', (s) => s.township || 'county'],
  ['shift', (s) => s.shift || '-'],
  ['state', (s) => `${s.stale ? 'stale' : 'fresh'}${s.scrolls ? ' SCROLLS' : ''}`],
];

/** The samples as an aligned text table, warm-up samples marked with `~`. */
export function sampleTable(samples: readonly Sample[], warmupS: number): string[] {
  const rows = [COLUMNS.map(([h]) => h), ...samples.map((s) => COLUMNS.map(([, f], i) => (i === 0 && s.t < warmupS ? `~${f(s)}` : f(s))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  '));
}
