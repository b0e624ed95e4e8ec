import { canvasGradient, splitTopLevel } from './gradient.ts';

/**
 * Paints what a part of the page shows onto a 2D canvas, without a library: backgrounds (linear
 * gradients included: colour ramps and the "no information" hatch), borders, text (line by line,
 * where the browser laid it out), images and canvases. Elements matching `leaveOut` (e.g.
 * CONTROLS for a composed figure) are not painted. The map's canvas is
 * copied as it stands: MapLibre and deck.gl share one WebGL context created with
 * `preserveDrawingBuffer`, so the last frame is still in it (without that flag the copy is the
 * blank map other tools export). Not a full renderer: shadows, radial gradients and transforms are
 * left out, which a dashboard of flat cards does not need.
 */
const TRANSPARENT = /^(transparent|rgba\(\d+,\s*\d+,\s*\d+,\s*0\))$/;

function paintBox(ctx: CanvasRenderingContext2D, r: DOMRect, cs: CSSStyleDeclaration): void {
  if (!TRANSPARENT.test(cs.backgroundColor)) {
    ctx.fillStyle = cs.backgroundColor;
    ctx.beginPath();
    ctx.roundRect(r.left, r.top, r.width, r.height, parseFloat(cs.borderTopLeftRadius) || 0);
    ctx.fill();
  }
  if (cs.backgroundImage && cs.backgroundImage !== 'none') {
    // Layers paint bottom (last) to top (first); anything but a linear gradient is left out.
    for (const layer of splitTopLevel(cs.backgroundImage).reverse()) {
      const grad = canvasGradient(ctx, layer, r.left, r.top, r.width, r.height);
      if (!grad) continue;
      ctx.fillStyle = grad;
      ctx.beginPath();
      ctx.roundRect(r.left, r.top, r.width, r.height, parseFloat(cs.borderTopLeftRadius) || 0);
      ctx.fill();
    }
  }
  const sides = [
    [cs.borderTopWidth, cs.borderTopColor, r.left, r.top, r.width, 0],
    [cs.borderBottomWidth, cs.borderBottomColor, r.left, r.bottom, r.width, 0],
    [cs.borderLeftWidth, cs.borderLeftColor, r.left, r.top, 0, r.height],
    [cs.borderRightWidth, cs.borderRightColor, r.right, r.top, 0, r.height],
  ] as const;
  for (const [width, color, x, y, w, h] of sides) {
    const px = parseFloat(width);
    if (!px || TRANSPARENT.test(color)) continue;
    ctx.fillStyle = color;
    // Each border lies inside the box, on its own side.
    const dx = x === r.right ? -px : 0;
    const dy = y === r.bottom ? -px : 0;
    ctx.fillRect(x + dx, y + dy, w || px, h || px);
  }
}

/** A text node's characters grouped into the lines the browser broke them into, each drawn where it sits. */
function paintText(ctx: CanvasRenderingContext2D, node: Text, cs: CSSStyleDeclaration): void {
  const text = node.data;
  if (!text.trim()) return;
  ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  ctx.fillStyle = cs.color;
  ctx.textBaseline = 'middle';
  const range = document.createRange();
  let run = '';
  let runX = 0;
  let runY = 0;
  let runTop = Number.NaN;
  const flush = () => {
    if (run) ctx.fillText(run, runX, runY);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rect = range.getClientRects()[0];
    // Collapsed whitespace has no box.
    if (!rect || rect.width === 0) continue;
    if (Number.isNaN(runTop) || Math.abs(rect.top - runTop) > rect.height / 2) {
      flush();
      runX = rect.left;
      runY = rect.top + rect.height / 2;
      runTop = rect.top;
    }
    run += text[i];
  }
  flush();
}

function paintReplaced(ctx: CanvasRenderingContext2D, el: Element, r: DOMRect): void {
  try {
    if (el instanceof HTMLCanvasElement && el.width > 0) ctx.drawImage(el, r.left, r.top, r.width, r.height);
    else if (el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0) ctx.drawImage(el, r.left, r.top, r.width, r.height);
    else if (el instanceof HTMLSelectElement && el.selectedOptions[0]) {
      // A select's shown value is no text node of the page.
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      ctx.fillStyle = cs.color;
      ctx.textBaseline = 'middle';
      ctx.fillText(el.selectedOptions[0].text, r.left + (parseFloat(cs.paddingLeft) || 4), r.top + r.height / 2, r.width);
    }
  } catch {
    // A tainted source (never ours: everything is same-origin) is left out rather than failing the export.
  }
}

/** What a composed figure must not show: things to click or type into. */
export const CONTROLS = 'button, input, select, textarea, [role="button"], [role="switch"], [role="checkbox"], [role="radio"], [role="tab"]';

function paint(ctx: CanvasRenderingContext2D, el: Element, leaveOut: string | null): void {
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) return;
  if (el.getAttribute('data-export') === 'skip' || (leaveOut && el.matches(leaveOut))) return;
  const r = el.getBoundingClientRect();
  ctx.save();
  ctx.globalAlpha *= parseFloat(cs.opacity);
  paintBox(ctx, r, cs);
  if (el instanceof HTMLCanvasElement || el instanceof HTMLImageElement || el instanceof HTMLSelectElement) paintReplaced(ctx, el, r);
  if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
    ctx.beginPath();
    ctx.rect(r.left, r.top, r.width, r.height);
    ctx.clip();
  }
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) paintText(ctx, child as Text, cs);
    else if (child.nodeType === Node.ELEMENT_NODE && !(child instanceof SVGElement)) paint(ctx, child as Element, leaveOut);
  }
  ctx.restore();
}

/** The element as the screen shows it, at the screen's pixel density. */
export function rasterize(root: HTMLElement, pixelRatio = window.devicePixelRatio || 1, leaveOut: string | null = null): HTMLCanvasElement {
  const box = root.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * pixelRatio);
  canvas.height = Math.round(box.height * pixelRatio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.translate(-box.left, -box.top);
  // The page background under everything, as the body paints it.
  ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
  ctx.fillRect(box.left, box.top, box.width, box.height);
  paint(ctx, root, leaveOut);
  return canvas;
}
