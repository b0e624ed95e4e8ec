import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { EVENT_KINDS, LAYER_IDS, type LayerId, MAP_METRICS } from '../url-state/view-state.ts';
import { POINTS_MIN_ZOOM } from './map-theme.ts';
import { layerLabelKey, MessageKeyOf } from './metric-labels.ts';

/** Which layers show and what the choropleth measures; every choice goes to the URL. */
export function LayerPanel() {
  const { view, update } = useView();
  const { t } = useI18n();
  // The dispute rate's label follows the period's unit (每万人 for a week), as on the legend.
  const period = usePeriod();
  const [open, setOpen] = useState(true);
  const toggle = (id: LayerId) => update((v) => ({ layers: v.layers.includes(id) ? v.layers.filter((l) => l !== id) : [...v.layers, id] }));
  const eventsOn = view.layers.some((l) => l === 'heat' || l === 'hex' || l === 'points');

  return (
    <section className={`map-card layer-panel${open ? '' : ' collapsed'}`} aria-label={t('layers')}>
      <button type="button" className="card-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span>{t('layers')}</span>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <div className="layer-panel-body">
          <label className="field">
            <span className="field-label">{t('metric')}</span>
            <select value={view.metric} onChange={(e) => update({ metric: e.target.value as (typeof MAP_METRICS)[number] })} data-testid="metric-select">
              {MAP_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(MessageKeyOf(m, period))}
                </option>
              ))}
            </select>
          </label>
          <ul className="layer-list">
            {LAYER_IDS.map((id) => (
              <li key={id}>
                <label className="check">
                  <input type="checkbox" checked={view.layers.includes(id)} onChange={() => toggle(id)} data-testid={`layer-${id}`} />
                  <span>{t(layerLabelKey(id))}</span>
                  {id === 'points' && <small className="muted">{t('pointsAtHighZoom', { z: POINTS_MIN_ZOOM })}</small>}
                </label>
              </li>
            ))}
          </ul>
          {eventsOn && (
            <div className="segmented" role="radiogroup" aria-label={t('eventType')}>
              {EVENT_KINDS.map((k) => (
                // biome-ignore lint/a11y/useSemanticElements: a segmented control of styled buttons; native radio inputs would change its look and keyboard use (arrow keys, one tab stop)
                <button key={k} type="button" role="radio" aria-checked={view.events === k} className={view.events === k ? 'on' : ''} onClick={() => update({ events: k })}>
                  {t(`event_${k}`)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
