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

/** What fails a soak: stated in the README (npm run soak:wall). */
export const BOUNDS = {
  heapPct: 20,
  heapMB: 30,
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
  heap: { abs: number; pct: number };
  /** DOM growth of one view between two of its samples (sameView); null: no view was sampled twice. */
  nodes: { from: Sample; to: Sample; abs: number; pct: number } | null;
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

/**
 * The view sampled twice after the warm-up that is furthest apart in time. The DOM follows the
 * view (a small township's ticker has fewer lines than the county's, its legend other entries), so
 * a carousel moving between the first and the last sample would show as growth or shrinkage:
 * only a view compared with itself says whether nodes pile up.
 */
export function sameView(samples: readonly Sample[], warmupS: number): [Sample, Sample] | null {
  const after = samples.filter((s) => s.t >= warmupS);
  let best: [Sample, Sample] | null = null;
  for (const first of after) {
    const last = after.findLast((s) => s.township === first.township)!;
    if (last !== first && (best === null || last.t - first.t > best[1].t - best[0].t)) best = [first, last];
  }
  return best;
}

export function figuresOf(
  samples: readonly Sample[],
  o: { warmupS: number; durationS: number; refreshS: number; consoleErrors: number; pageErrors: number; restart: Restart | null },
): Figures {
  const baseline = baselineOf(samples, o.warmupS);
  const last = samples[samples.length - 1]!;
  const pair = sameView(samples, o.warmupS);
  return {
    baseline,
    last,
    heap: growth(baseline.heapMB, last.heapMB),
    nodes: pair && { from: pair[0], to: pair[1], ...growth(pair[0].nodes, pair[1].nodes) },
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
  if (f.heap.pct > BOUNDS.heapPct || f.heap.abs > BOUNDS.heapMB)
    out.push(`JS heap grew ${f.heap.abs.toFixed(1)} MB (${f.heap.pct.toFixed(1)}%): bound ${BOUNDS.heapPct}% and ${BOUNDS.heapMB} MB`);
  if (f.nodes === null) out.push('no view was sampled twice after the warm-up, so DOM growth is unknown: run longer or sample more often');
  else if (f.nodes.pct > BOUNDS.nodesPct) out.push(`DOM nodes of one view grew ${f.nodes.abs} (${f.nodes.pct.toFixed(1)}%): bound ${BOUNDS.nodesPct}%`);
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
  const view = n
    ? `${n.from.township || 'county'} at ${n.from.t.toFixed(0)} s and ${n.to.t.toFixed(0)} s: ${n.from.nodes} -> ${n.to.nodes} (${signed(n.abs)}, ${n.pct.toFixed(1)}%)`
    : 'no view sampled twice';
  return `${view}; first after warm-up -> last ${f.baseline.nodes} -> ${f.last.nodes} (other views), max ${f.maxNodes}`;
}

function restartLine(r: Restart | null): string {
  if (r === null) return 'not made (--url)';
  const fresh = r.recoveryS === null ? 'NEVER' : `${r.recoveryS.toFixed(1)} s after the server`;
  return `down ${r.downS.toFixed(1)} s, wall ${r.sawStale ? 'showed stale, ' : ''}fresh again ${fresh}`;
}

/** The figures as label and value, for fault-support's `table`. */
export function summaryRows(f: Figures, refreshS: number, consoleDuringRestart: number): [string, string][] {
  return [
    ['JS heap', `${f.baseline.heapMB.toFixed(1)} -> ${f.last.heapMB.toFixed(1)} MB (${signed(f.heap.abs, 1)} MB, ${f.heap.pct.toFixed(1)}%), max ${f.maxHeapMB.toFixed(1)} MB`],
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
    ['bounds', `heap +${BOUNDS.heapPct}% and +${BOUNDS.heapMB} MB, nodes of a view +${BOUNDS.nodesPct}%, recovery ${BOUNDS.recoveryS} s, no console error`],
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
