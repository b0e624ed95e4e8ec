import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/harness.tsx';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { Legend } from '../map/Legend.tsx';
import { colorScale, type Unit } from '../map/metrics.ts';
import { legendContext } from '../map/overlays/test-context.ts';

const village = (p: object): Unit => ({ kind: 'village', props: { code: '1', name: 'v', population: 1000, disputes: 0, ...p } as never });
const villages = [village({ coverageStatus: 'met' }), village({ coverageStatus: 'at_risk' }), village({ coverageStatus: 'missed', silent: true })];

describe('Legend: coverage and "no information"', () => {
  it('explains met, at risk and missed in the coverage metric', () => {
    renderApp(<Legend ctx={legendContext({ metric: 'coverage', township: '430421110' }, { scale: colorScale('coverage', villages, makeI18n('zh'), 3) })} />);
    const text = screen.getByTestId('legend').textContent!;
    expect(text).toContain('达标（本季度≥3次）');
    expect(text).toContain('有风险（按走访节奏仍可达标）');
    expect(text).toContain('未达标（预计本季度无法达标）');
  });

  it('adds the hatch entry with the silence period and how many villages, next to any metric', () => {
    renderApp(
      <Legend
        ctx={legendContext({ metric: 'disputeRate', township: '430421110' }, { scale: colorScale('disputeRate', villages, makeI18n('zh')), silence: { count: 1, weeks: 4 } })}
      />,
    );
    const entry = screen.getByTestId('legend-silent');
    expect(entry.textContent).toBe('无信息（连续4周无上报、无走访）1');
    expect(entry.querySelector<HTMLElement>('.swatch')!.style.background).toContain('repeating-linear-gradient');
  });

  it('in English, with the configured weeks', () => {
    renderApp(
      <Legend
        ctx={legendContext({ metric: 'hazardsOpen', township: '430421110' }, { scale: colorScale('hazardsOpen', villages, makeI18n('en')), silence: { count: 3, weeks: 6 } })}
      />,
      '/?lang=en',
    );
    expect(screen.getByTestId('legend-silent').textContent).toContain('No information (6 weeks without a report or a visit)');
  });

  it('leaves the entry out when no village is silent, or when the choropleth is off', () => {
    renderApp(
      <Legend
        ctx={legendContext({ metric: 'disputeRate', township: '430421110' }, { scale: colorScale('disputeRate', villages, makeI18n('zh')), silence: { count: 0, weeks: 4 } })}
      />,
    );
    expect(screen.queryByTestId('legend-silent')).toBeNull();
  });
});
