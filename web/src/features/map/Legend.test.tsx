import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/harness.tsx';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { Legend } from './Legend.tsx';
import { colorScale, type Unit } from './metrics.ts';
import { legendContext, someEvents } from './overlays/test-context.ts';

const units: Unit[] = [2, 4, 6, 8, 10].map((d, i) => ({
  kind: 'township',
  props: { code: String(i), name: `T${i}`, population: 1000, disputes: d } as never,
}));

describe('Legend', () => {
  it('states the metric, its unit and each class with how many units it holds', () => {
    renderApp(<Legend ctx={legendContext({ metric: 'disputeRate' }, { scale: colorScale('disputeRate', units, makeI18n('zh')) })} />);
    const legend = screen.getByTestId('legend');
    expect(legend.textContent).toContain('每千人纠纷数');
    expect(legend.textContent).toContain('（件/千人）');
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
  });

  it('explains the density layers, with the hexbin count range once known', () => {
    renderApp(<Legend ctx={legendContext({ layers: ['heat', 'hex', 'points'], events: 'hazard' }, { events: someEvents(), hexDomain: [1, 39] })} />, '/?lang=en');
    const legend = screen.getByTestId('legend');
    expect(legend.textContent).toContain('Hazards density (relative)');
    expect(legend.textContent).toContain('Events per cell (Hazards)');
    expect(legend.textContent).toMatch(/1\s*39/);
    expect(legend.textContent).toContain('Telecom fraud'); // point colours per category
  });

  it('is absent when nothing on the map needs explaining', () => {
    renderApp(<Legend ctx={legendContext({})} />);
    expect(screen.queryByTestId('legend')).toBeNull();
  });
});
