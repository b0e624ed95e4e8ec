/** Colours as deck.gl takes them. */
export type RGB = [number, number, number];
export type RGBA = [number, number, number, number];

export function hexToRgb(hex: string): RGB {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((c) => Math.round(c!).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * What the screen shows for `top` drawn with `alpha` (0-255) over an opaque `under`: deck.gl
 * blends source-over in sRGB (src-alpha, one-minus-src-alpha), and so does this.
 */
export function composite(top: readonly number[], alpha: number, under: readonly number[]): RGB {
  const a = alpha / 255;
  return [0, 1, 2].map((k) => Math.round(top[k]! * a + under[k]! * (1 - a))) as RGB;
}

/** `n` colours evenly spaced along a piecewise-linear ramp through `anchors`. */
export function sampleRamp(anchors: readonly RGB[], n: number): RGB[] {
  if (n <= 0 || anchors.length === 0) return [];
  if (anchors.length === 1) return Array.from({ length: n }, () => [...anchors[0]!] as RGB);
  if (n === 1) return [[...anchors[Math.floor((anchors.length - 1) / 2)]!] as RGB];
  const out: RGB[] = [];
  for (let i = 0; i < n; i++) {
    const pos = (i / (n - 1)) * (anchors.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, anchors.length - 1);
    const t = pos - lo;
    const a = anchors[lo]!;
    const b = anchors[hi]!;
    out.push([0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * t)) as RGB);
  }
  return out;
}

/**
 * Yellow -> orange -> dark red (ColorBrewer YlOrRd): one meaning on every metric, "darker needs
 * attention". For metrics where low is bad (success rate, coverage) the ramp is reversed rather
 * than switching to another hue, so a chief never has to relearn the map.
 */
export const ATTENTION_RAMP: readonly RGB[] = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'].map(hexToRgb);

export type Direction = 'highIsBad' | 'lowIsBad';

export function attentionColors(classes: number, direction: Direction): RGB[] {
  const colors = sampleRamp(ATTENTION_RAMP, classes);
  return direction === 'highIsBad' ? colors : colors.reverse();
}

/** Coverage status of a village this quarter. */
export const COVERAGE_COLORS: Record<'met' | 'at_risk' | 'missed', RGB> = {
  met: hexToRgb('#1a9850'),
  at_risk: hexToRgb('#fdae61'),
  missed: hexToRgb('#d73027'),
};

export const NO_DATA_COLOR: RGB = hexToRgb('#bdbdbd');

/** Ten well-separated hues (Tableau 10) for categories; index by the category's position. */
export const CATEGORY_PALETTE: readonly RGB[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'].map(hexToRgb);

export function categoryColor(category: string, categories: readonly string[]): RGB {
  const i = categories.indexOf(category);
  return CATEGORY_PALETTE[(i < 0 ? categories.length : i) % CATEGORY_PALETTE.length]!;
}

/**
 * Event density (heatmap, hexbins): blue to purple (ColorBrewer BuPu), a different hue family
 * from the choropleth, so density drawn over it is never read as the metric.
 */
export const DENSITY_RAMP: RGB[] = ['#edf8fb', '#bfd3e6', '#9ebcda', '#8c96c6', '#8856a7', '#810f7c'].map(hexToRgb);
