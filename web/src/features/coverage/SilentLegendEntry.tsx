import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { coverageText } from './messages.ts';
import { SILENT_SWATCH_CSS } from './silent-layers.ts';

export interface SilentLegendProps {
  count: number;
  weeks: number;
  /** The classes above count townships (county scope): this line's villages say so. */
  underTownships?: boolean;
}

/** The legend line for the hatch: "no information" next to the classes it must not be read as. */
export function SilentLegendEntry({ count, weeks, underTownships = false }: SilentLegendProps) {
  const { view } = useView();
  const { num } = useI18n();
  const ct = useLocalText(coverageText);
  return (
    <li className="legend-silent" data-testid="legend-silent" title={ct('silentLegendTitle')}>
      <span className="swatch" style={{ background: SILENT_SWATCH_CSS[view.theme] }} aria-hidden="true" />
      <span className="legend-label">{ct('silentLegend', { w: weeks })}</span>
      <span className="legend-count">{underTownships ? ct('silentLegendVillages', { n: num(count) }) : num(count)}</span>
    </li>
  );
}
