import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/harness.tsx';
import { Breadcrumbs } from './Breadcrumbs.tsx';

describe('Breadcrumbs', () => {
  it('at county scope shows the county only, not as a link', () => {
    renderApp(<Breadcrumbs names={{ township: null, village: null }} />, '/');
    expect(screen.getByTestId('breadcrumbs').textContent).toBe('衡阳县');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('goes back up one level or to the county, keeping the rest of the view', () => {
    renderApp(<Breadcrumbs names={{ township: '界牌镇', village: '银溪村' }} />, '/?v=430421110200&m=hazardsOpen');
    expect(screen.getByTestId('breadcrumbs').textContent).toBe('衡阳县界牌镇银溪村');
    fireEvent.click(screen.getByRole('button', { name: '界牌镇' }));
    expect(window.location.search).toBe('?t=430421110&m=hazardsOpen');
    fireEvent.click(screen.getByRole('button', { name: '衡阳县' }));
    expect(window.location.search).toBe('?m=hazardsOpen');
  });

  it('keeps a township account in its township: the county is named but not a link', () => {
    const lock = { township: '430421110', villages: null };
    renderApp(<Breadcrumbs names={{ township: '界牌镇', village: '银溪村' }} />, '/?v=430421110200', lock);
    expect(screen.queryByRole('button', { name: '衡阳县' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '界牌镇' }));
    expect(window.location.search).toBe('?t=430421110');
  });

  it('rewrites an out-of-scope address to the account’s township', () => {
    renderApp(<Breadcrumbs names={{ township: '界牌镇', village: null }} />, '/?v=430421111200&m=coverage', { township: '430421110', villages: null });
    expect(window.location.search).toBe('?t=430421110&m=coverage');
  });

  it('falls back to codes while names load', () => {
    renderApp(<Breadcrumbs names={{ township: null, village: null }} />, '/?v=430421110200');
    expect(screen.getByTestId('breadcrumbs').textContent).toContain('430421110200');
  });
});
