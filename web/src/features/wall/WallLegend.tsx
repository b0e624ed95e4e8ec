import { composite, rgbToHex } from '../map/color-scales.ts';
import { fillAlphaOf } from '../map/layers/unit-layers.ts';
import type { MapPalette } from '../map/map-theme.ts';
import type { ColorScale } from '../map/metrics.ts';

export interface WallLegendProps {
  scale: ColorScale;
  /** What the wall's map is drawn with (WALL_PALETTE). */
  palette: MapPalette;
  /** A heatmap is drawn: fills take the palette's dimmed alpha under it. */
  heat: boolean;
  /** Heading when the scale has no title. */
  fallbackTitle: string;
  heatLine: string;
}

/**
 * A class swatch as the map paints it: the class colour at the fills' alpha over the dark land,
 * so a reader matches the swatch to the map by eye, not the ramp's colour before blending.
 */
export function swatchColor(color: readonly number[], palette: MapPalette, heat: boolean): string {
  return rgbToHex(composite(color, fillAlphaOf(palette, heat), palette.land));
}

/** The wall's legend: the classes of the dispute rate, its period and the heatmap's line. */
export function WallLegend({ scale, palette, heat, fallbackTitle, heatLine }: WallLegendProps) {
  return (
    <div className="wall-legend" data-testid="wall-legend">
      <div className="wall-legend-title">
        {scale.title ?? fallbackTitle}
        {scale.period && <small className="wall-legend-period"> {scale.period}</small>}
      </div>
      {scale.classes.map((c) => (
        <div key={c.label} className="wall-legend-row">
          <span className="wall-swatch" style={{ background: swatchColor(c.color, palette, heat) }} />
          {c.label}
        </div>
      ))}
      <div className="wall-legend-row wall-legend-heat">{heatLine}</div>
    </div>
  );
}
