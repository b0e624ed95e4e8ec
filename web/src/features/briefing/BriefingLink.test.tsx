import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ViewProvider } from '../url-state/ViewContext.tsx';
import { BriefingLink, briefingHref } from './BriefingLink.tsx';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('BriefingLink', () => {
  it.each([
    [null, '/briefing'],
    ['430421110', '/briefing?township=430421110'],
  ])('township %s links to %s', (township, href) => {
    expect(briefingHref(township)).toBe(href);
  });

  it.each([
    ['/?t=430421110', '周报简报', '/briefing?township=430421110'],
    ['/?lang=en', 'Weekly briefing', '/briefing'],
  ])('on %s reads %s and links to %s', (address, label, href) => {
    window.history.replaceState(null, '', address);
    render(
      <ViewProvider lock={null}>
        <BriefingLink />
      </ViewProvider>,
    );
    const link = screen.getByTestId('briefing-link');
    expect(link.textContent).toBe(label);
    expect(link.getAttribute('href')).toBe(href);
  });
});
