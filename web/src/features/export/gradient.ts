/**
 * CSS linear gradients (the legend's colour ramps and the hatch of "no information", a
 * `repeating-linear-gradient`) as a 2D canvas can paint them. The rasteriser gets them from
 * `getComputedStyle(el).backgroundImage`, where Chromium writes every colour as rgb()/rgba() and
 * every position it was given in px or %.
 */
export interface GradientStop {
  color: string;
  /** px, or a fraction of the gradient line's length when `fraction` is true. */
  at: number;
  fraction: boolean;
}

export interface LinearGradient {
  repeating: boolean;
  /** CSS angle: 0 points up, 90 right, clockwise. */
  angleDeg: number;
  stops: GradientStop[];
}

/** Splits at commas that are not inside parentheses. */
export function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(s.slice(start).trim());
  return parts.filter(Boolean);
}

const SIDES: Record<string, number> = {
  top: 0,
  right: 90,
  bottom: 180,
  left: 270,
  'top right': 45,
  'right top': 45,
  'bottom right': 135,
  'right bottom': 135,
  'bottom left': 225,
  'left bottom': 225,
  'top left': 315,
  'left top': 315,
};

function parseAngle(arg: string): number | null {
  const m = /^(-?[\d.]+)(deg|turn|rad|grad)$/.exec(arg);
  if (m) {
    const v = Number(m[1]);
    return m[2] === 'deg' ? v : m[2] === 'turn' ? v * 360 : m[2] === 'grad' ? v * 0.9 : (v * 180) / Math.PI;
  }
  const side = /^to\s+(.+)$/.exec(arg);
  return side ? (SIDES[side[1]!.replace(/\s+/g, ' ')] ?? null) : null;
}

function parsePosition(p: string): { at: number; fraction: boolean } | null {
  const m = /^(-?[\d.]+)(px|%)?$/.exec(p);
  if (!m) return null;
  if (m[2] === '%') return { at: Number(m[1]) / 100, fraction: true };
  // A bare 0 is a length.
  if (!m[2] && Number(m[1]) !== 0) return null;
  return { at: Number(m[1]), fraction: false };
}

/** One `linear-gradient(...)` or `repeating-linear-gradient(...)`; null for anything else. */
export function parseLinearGradient(css: string): LinearGradient | null {
  const m = /^\s*(repeating-)?linear-gradient\((.*)\)\s*$/s.exec(css);
  if (!m) return null;
  const args = splitTopLevel(m[2]!);
  let angleDeg = 180;
  const first = args[0] !== undefined ? parseAngle(args[0]) : null;
  if (first !== null) {
    angleDeg = first;
    args.shift();
  }
  // Stops as written: a colour and zero, one or two positions.
  const raw: { color: string; at: { at: number; fraction: boolean } | null }[] = [];
  for (const arg of args) {
    const cm = /^((?:rgba?|hsla?)\([^)]*\)|#[0-9a-fA-F]{3,8}|[a-zA-Z]+)\s*(.*)$/.exec(arg);
    if (!cm) return null;
    const color = cm[1]!;
    const positions = cm[2]!.trim() ? cm[2]!.trim().split(/\s+/) : [];
    if (positions.length > 2) return null;
    if (positions.length === 0) raw.push({ color, at: null });
    for (const p of positions) {
      const at = parsePosition(p);
      if (!at) return null;
      raw.push({ color, at });
    }
  }
  if (raw.length < 2) return null;
  // Missing positions: the first at 0%, the last at 100%, the others evenly between known ones.
  if (!raw[0]!.at) raw[0]!.at = { at: 0, fraction: true };
  if (!raw[raw.length - 1]!.at) raw[raw.length - 1]!.at = { at: 1, fraction: true };
  for (let i = 1; i < raw.length; i++) {
    if (raw[i]!.at) continue;
    let j = i;
    while (!raw[j]!.at) j++;
    const a = raw[i - 1]!.at!;
    const b = raw[j]!.at!;
    for (let k = i; k < j; k++) {
      const t = (k - i + 1) / (j - i + 1);
      raw[k]!.at = { at: a.at + (b.at - a.at) * t, fraction: a.fraction && b.fraction };
    }
  }
  return { repeating: Boolean(m[1]), angleDeg, stops: raw.map((s) => ({ color: s.color, ...s.at! })) };
}

/**
 * Where the gradient line runs in a box (CSS Images 3: through the centre, long enough that the
 * corners get the end colours) and its stops in px along it, repeated to cover the line for a
 * repeating gradient, each position no lower than the one before.
 */
export function gradientLine(
  g: LinearGradient,
  width: number,
  height: number,
): { x0: number; y0: number; x1: number; y1: number; length: number; stops: { color: string; at: number }[] } {
  const rad = (g.angleDeg * Math.PI) / 180;
  const dx = Math.sin(rad);
  const dy = -Math.cos(rad);
  const length = Math.abs(width * dx) + Math.abs(height * dy);
  const cx = width / 2;
  const cy = height / 2;
  let stops = g.stops.map((s) => ({ color: s.color, at: s.fraction ? s.at * length : s.at }));
  for (let i = 1; i < stops.length; i++) stops[i]!.at = Math.max(stops[i]!.at, stops[i - 1]!.at);
  if (g.repeating) {
    const firstAt = stops[0]!.at;
    const period = stops[stops.length - 1]!.at - firstAt;
    if (period > 0) {
      const from = Math.floor((0 - firstAt) / period);
      const to = Math.ceil((length - firstAt) / period);
      const repeated: { color: string; at: number }[] = [];
      // Capped: a hatch of 1 px over a huge box is not worth thousands of stops.
      for (let k = from; k <= to && repeated.length < 4000; k++) for (const s of stops) repeated.push({ color: s.color, at: s.at + k * period });
      stops = repeated;
    }
  }
  return { x0: cx - (dx * length) / 2, y0: cy - (dy * length) / 2, x1: cx + (dx * length) / 2, y1: cy + (dy * length) / 2, length, stops };
}

/** A canvas gradient for a box at (left, top), or null when the CSS is not a linear gradient. */
export function canvasGradient(ctx: CanvasRenderingContext2D, css: string, left: number, top: number, width: number, height: number): CanvasGradient | null {
  const g = parseLinearGradient(css);
  if (!g || !(width > 0) || !(height > 0)) return null;
  const line = gradientLine(g, width, height);
  const first = line.stops[0]!.at;
  const last = line.stops[line.stops.length - 1]!.at;
  // The canvas gradient spans the stops (which may reach past the box), placed on the CSS line.
  const ux = (line.x1 - line.x0) / line.length;
  const uy = (line.y1 - line.y0) / line.length;
  const span = last - first || 1;
  const grad = ctx.createLinearGradient(left + line.x0 + ux * first, top + line.y0 + uy * first, left + line.x0 + ux * (first + span), top + line.y0 + uy * (first + span));
  for (const s of line.stops) grad.addColorStop(Math.min(1, Math.max(0, (s.at - first) / span)), s.color);
  return grad;
}
