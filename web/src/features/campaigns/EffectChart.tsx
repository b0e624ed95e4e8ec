import { useMemo, useRef } from 'react';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { Theme } from '../url-state/view-state.ts';
import { type EffectWeek, effectChartModel, type Phase } from './effect-series.ts';
import type { CampaignMessageKey } from './messages.ts';
import { useBoxSize } from './useBoxSize.ts';

/** Bars by phase: the campaign's weeks in its colour, before in grey, after in a paler tone. */
export const PHASE_COLORS: Record<Theme, Record<Phase, { bar: string; band: string }> & { text: string; muted: string; reference: string; axis: string }> = {
  light: {
    before: { bar: '#8c99a8', band: '#f3f5f8' },
    during: { bar: '#1c5fa8', band: '#e6eef8' },
    after: { bar: '#74a9d8', band: '#f3f5f8' },
    text: '#1c2430',
    muted: '#5c6878',
    reference: '#d9480f',
    axis: '#c5ced8',
  },
  dark: {
    before: { bar: '#6b7c90', band: '#101c2b' },
    during: { bar: '#4ea3f0', band: '#14263b' },
    after: { bar: '#2c6497', band: '#101c2b' },
    text: '#e6edf6',
    muted: '#9fb0c4',
    reference: '#ff8a4c',
    axis: '#2a3a4f',
  },
};

/**
 * The before/during/after chart as SVG in screen pixels: weekly bars of the targeted categories
 * on the three phases' bands, and the other categories' reference line (effect-series.ts).
 */
export function EffectChart({
  weeks,
  theme,
  fontSize,
  height,
  label,
  i18n,
  c,
  testId,
}: {
  weeks: readonly EffectWeek[];
  theme: Theme;
  /** Text size in screen pixels. */
  fontSize: number;
  /** CSS height of the chart (the width is its container's). */
  height: string;
  label: string;
  i18n: Pick<I18n, 'num' | 'shortDate'>;
  c: (key: CampaignMessageKey, params?: Record<string, string | number>) => string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref, { width: 360, height: 160 });
  const colors = PHASE_COLORS[theme];
  const box = useMemo(
    () => ({ width: size.width, height: size.height, left: fontSize * 2.4, right: 4, top: fontSize * 1.5, bottom: fontSize * 1.5 }),
    [size.width, size.height, fontSize],
  );
  const m = useMemo(() => effectChartModel(weeks, box), [weeks, box]);
  const baseline = box.height - box.bottom;
  return (
    <div ref={ref} className="campaign-chart" style={{ height }} data-testid={testId}>
      <svg width={size.width} height={size.height} role="img" aria-label={label} fontSize={fontSize}>
        {m.bands.map((b) => (
          <g key={`${b.phase}-${b.x0}`}>
            <rect x={b.x0} y={0} width={b.x1 - b.x0} height={baseline} fill={colors[b.phase].band} />
            <text x={(b.x0 + b.x1) / 2} y={fontSize} textAnchor="middle" fill={b.phase === 'during' ? colors.text : colors.muted} fontWeight={b.phase === 'during' ? 700 : 400}>
              {b.x1 - b.x0 > fontSize * 2.2 ? c(`phase_${b.phase}`) : ''}
            </text>
          </g>
        ))}
        {m.ticks.map((t) => (
          <g key={t.value}>
            <line x1={box.left} x2={box.width - box.right} y1={t.y} y2={t.y} stroke={colors.axis} strokeWidth={1} />
            <text x={box.left - fontSize * 0.3} y={t.y + fontSize * 0.35} textAnchor="end" fill={colors.muted}>
              {i18n.num(t.value)}
            </text>
          </g>
        ))}
        {m.bars.map((b) => (
          <rect
            key={`${b.phase}-${b.weekStart}`}
            x={b.x}
            y={b.y}
            width={b.w}
            height={b.h}
            fill={colors[b.phase].bar}
            fillOpacity={b.days < 7 ? 0.5 : 1}
            data-phase={b.phase}
            data-value={b.value}
          >
            <title>{`${i18n.shortDate(b.weekStart)}: ${i18n.num(b.value)}${b.days < 7 ? c('partialWeek', { n: b.days }) : ''}`}</title>
          </rect>
        ))}
        {m.reference && (
          <polyline
            points={m.reference.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
            fill="none"
            stroke={colors.reference}
            strokeWidth={Math.max(2, fontSize / 6)}
            strokeDasharray={`${fontSize / 2} ${fontSize / 3}`}
          />
        )}
        {m.bands.map((b, i) => {
          const first = weeks[m.bands.slice(0, i).reduce((n, x) => n + x.weeks, 0)];
          return first && b.x1 - b.x0 > fontSize * 3.2 ? (
            <text key={`d-${b.phase}`} x={b.x0 + 2} y={box.height - fontSize * 0.3} fill={colors.muted}>
              {i18n.shortDate(first.weekStart)}
            </text>
          ) : null;
        })}
      </svg>
    </div>
  );
}

/** The chart's key, as HTML beside it (it wraps; SVG text does not). */
export function EffectChartKey({ theme, c, hasReference }: { theme: Theme; c: (key: CampaignMessageKey) => string; hasReference: boolean }) {
  const colors = PHASE_COLORS[theme];
  return (
    <ul className="campaign-key">
      <li>
        <span className="campaign-swatch" style={{ background: colors.during.bar }} />
        {c('chartTargeted')}
      </li>
      {hasReference && (
        <li>
          <span className="campaign-swatch line" style={{ borderColor: colors.reference }} />
          {c('chartReference')}
        </li>
      )}
    </ul>
  );
}
