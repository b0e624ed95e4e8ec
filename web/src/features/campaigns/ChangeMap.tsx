import { useMemo, useRef } from 'react';
import type { Theme } from '../url-state/view-state.ts';
import { CHANGE_COLORS, type ChangeClass, changeClass, type ProjectedUnit, placeNames, projectUnits, type TownshipChange } from './change-map.ts';
import type { CampaignMessageKey } from './messages.ts';
import { useBoxSize } from './useBoxSize.ts';

const CLASSES: ChangeClass[] = [0, 1, 2, 3, 4, 'small', 'none'];

type Unit = Parameters<typeof projectUnits>[0][number];

/**
 * The change by township as an SVG map: each township in its class's colour, its name on it
 * when `names`, and a tooltip with its counts. Townships the answer leaves out (outside the
 * campaign's scope or the account's) are drawn in the "none" colour as context.
 */
export function ChangeMap({
  units,
  changes,
  theme,
  fontSize,
  height,
  names,
  label,
  c,
  pct,
  testId,
}: {
  units: readonly Unit[];
  changes: readonly TownshipChange[];
  theme: Theme;
  fontSize: number;
  height: string;
  names: boolean;
  label: string;
  c: (key: CampaignMessageKey, params?: Record<string, string | number>) => string;
  pct: (ratio: number) => string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useBoxSize(ref, { width: 300, height: 240 });
  const projected = useMemo(() => projectUnits(units, size.width, size.height), [units, size.width, size.height]);
  const byCode = useMemo(() => new Map(changes.map((r) => [r.code, r])), [changes]);
  // Names of the townships compared first (their change is the news), then the rest, biggest change first.
  const named = useMemo(() => {
    const rank = (u: ProjectedUnit) => {
      const r = byCode.get(u.code);
      return r && !r.small && r.changeRate !== null ? -Math.abs(r.changeRate) : 1;
    };
    return projected.filter((u) => byCode.has(u.code)).sort((a, b) => rank(a) - rank(b));
  }, [projected, byCode]);
  const colors = CHANGE_COLORS[theme];
  const line = theme === 'dark' ? '#0b1420' : '#ffffff';
  const text = theme === 'dark' ? '#ffffff' : '#1c2430';
  return (
    <div ref={ref} className="campaign-map" style={{ height }} data-testid={testId}>
      <svg width={size.width} height={size.height} role="img" aria-label={label} fontSize={fontSize}>
        {projected.map((u) => {
          const row = byCode.get(u.code);
          const cls = changeClass(row);
          const tip = row
            ? cls === 'small' || row.changeRate === null
              ? c('tipSmall', { name: u.name, before: row.before, during: row.during })
              : c('tipChange', { name: u.name, before: row.before, during: row.during, rate: pct(row.changeRate) })
            : u.name;
          return (
            <path key={u.code} d={u.d} fill={colors[cls]} stroke={line} strokeWidth={1} data-code={u.code} data-class={String(cls)}>
              <title>{tip}</title>
            </path>
          );
        })}
        {names &&
          placeNames(named, fontSize).map((u) => (
            <text key={`n-${u.code}`} x={u.label[0]} y={u.label[1] + fontSize * 0.35} textAnchor="middle" fill={text} paintOrder="stroke" stroke={line} strokeWidth={fontSize / 6}>
              {u.name}
            </text>
          ))}
      </svg>
    </div>
  );
}

/** The map's classes, those drawn only (a legend entry for every colour on the map, no more). */
export function ChangeMapKey({ changes, theme, c }: { changes: readonly TownshipChange[]; theme: Theme; c: (key: CampaignMessageKey) => string }) {
  const drawn = new Set(changes.map((r) => changeClass(r)));
  return (
    <ul className="campaign-key" data-testid="campaign-map-key">
      {CLASSES.filter((k) => drawn.has(k)).map((k) => (
        <li key={String(k)}>
          <span className="campaign-swatch" style={{ background: CHANGE_COLORS[theme][k] }} />
          {c(`class_${k}`)}
        </li>
      ))}
    </ul>
  );
}
