import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { BriefingApp } from './BriefingApp.tsx';

const failing = (status: number) => () => new Response(JSON.stringify({ error: { code: 'db_unavailable', message: 'database unavailable' } }), { status });

describe('BriefingApp: every way of having no briefing is marked for the CLI', () => {
  it.each([
    ['a refusal (422)', 422, 'db_unavailable'],
    ['the database down (503), after the retries', 503, 'http_503'],
  ])(
    '%s',
    async (_name, status, code) => {
      mockApi({ '/api/config': () => ({ basemapUrl: null, today: '2026-12-02' }), '/api/briefing': failing(status) });
      const { container } = renderApp(<BriefingApp />, '/briefing?week=2026-W48');
      await waitFor(() => expect(container.querySelector('[data-briefing-error]')?.getAttribute('data-briefing-error')).toBe(code), { timeout: 10_000 });
    },
    15_000,
  );

  it('the server unreachable', async () => {
    mockApi({ '/api/config': () => ({ basemapUrl: null, today: '2026-12-02' }), '/api/briefing': () => Response.error() });
    const { container } = renderApp(<BriefingApp />, '/briefing?week=2026-W48');
    await waitFor(() => expect(container.querySelector('[data-briefing-error]')).not.toBeNull(), { timeout: 10_000 });
  }, 15_000);
});
