import type { CSSProperties } from 'react';
import { composite, rgbToHex } from '../map/color-scales.ts';
import { fillAlphaOf } from '../map/layers/unit-layers.ts';
import type { MapPalette } from '../map/map-theme.ts';
import type { ColorScale } from '../map/metrics.ts';
import type { LegendSymbol } from './legend-entries.ts';
import type { WallMessageKey } from './wall-messages.ts';

export interface WallLegendProps {
  scale: ColorScale;
  /** What the wall's map is drawn with (WALL_PALETTE). */
  palette: MapPalette;
  /** A heatmap is drawn: fills take the palette's dimmed alpha under it. */
  heat: boolean;
  /** Heading when the scale has no title. */
  fallbackTitle: string;
  /** Every other mark on the map (legendSymbols). */
  symbols: readonly LegendSymbol[];
  /** The heatmap's period, as its entry names it ("近7日", "第38周"). */
  heatPeriod: string;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
}

/**
 * A class swatch as the map paints it: the class colour at the fills' alpha over the dark land,
 * so a reader matches the swatch to the map by eye, not the ramp's colour before blending.
 */
export function swatchColor(color: readonly number[], palette: MapPalette, heat: boolean): string {
  return rgbToHex(composite(color, fillAlphaOf(palette, heat), palette.land));
}

function symbolStyle(s: LegendSymbol): CSSProperties {
  const hex = s.colors.map(rgbToHex);
  if (s.kind === 'ramp') return { backgroundImage: `linear-gradient(to right, ${hex.join(', ')})` };
  if (s.kind === 'outline') return { borderColor: hex[0] };
  return { backgroundColor: hex[0] };
}

/**
 * The wall's legend, a strip under the map (never over it): the classes of the dispute rate with
 * their period, then one entry per other mark the map draws, each symbol in the colour it is
 * painted. `data-symbol` names the symbol's kind for the browser test that finds each colour on
 * the map.
 */
export function WallLegend({ scale, palette, heat, fallbackTitle, symbols, heatPeriod, w }: WallLegendProps) {
  return (
    <div className="wall-legend" data-testid="wall-legend">
      <div className="wall-legend-group">
        <div className="wall-legend-title">
          {scale.title ?? fallbackTitle}
          {scale.period && <span className="wall-legend-period"> {scale.period}</span>}
        </div>
        <div className="wall-legend-items">
          {scale.classes.map((c) => (
            <span key={c.label} className="wall-legend-entry" data-testid="wall-legend-entry">
              <span className="wall-symbol wall-swatch" data-symbol="fill" style={{ backgroundColor: swatchColor(c.color, palette, heat) }} />
              {c.label}
            </span>
          ))}
        </div>
      </div>
      <div className="wall-legend-items wall-legend-marks">
        {symbols.map((s) => (
          <span key={s.key} className="wall-legend-entry" data-testid="wall-legend-entry" data-key={s.key}>
            {s.ground ? (
              <span className="wall-symbol wall-symbol-ground" style={{ backgroundColor: rgbToHex(s.ground) }}>
                <span className={`wall-symbol wall-symbol-${s.kind}`} data-symbol={s.kind} style={symbolStyle(s)} />
              </span>
            ) : (
              <span className={`wall-symbol wall-symbol-${s.kind}`} data-symbol={s.kind} style={symbolStyle(s)} />
            )}
            {w(s.label, { period: heatPeriod })}
          </span>
        ))}
      </div>
    </div>
  );
}
