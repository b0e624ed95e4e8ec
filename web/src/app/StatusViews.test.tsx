import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { renderApp } from '../test/harness.tsx';
import { ErrorBlock } from './StatusViews.tsx';

describe('ErrorBlock', () => {
  it.each<[string, unknown, string | null, boolean]>([
    ['a server error says the service is down', new ApiError(503, 'the database is unavailable'), '服务器或数据库暂不可用', true],
    // The browser's words for no answer mean nothing to a reader: the meaning alone is shown.
    ['a network failure says the server cannot be reached', new TypeError('Failed to fetch'), '无法连接服务器', false],
    ["a request error shows only the server's words", new ApiError(400, 'invalid query: from'), null, true],
    ['a crash in the page (also a TypeError) is not called a network failure', new TypeError("Cannot read properties of undefined (reading 'x')"), null, true],
  ])('%s', (_n, error, meaning, showsDetail) => {
    renderApp(<ErrorBlock error={error} />);
    const alert = screen.getByRole('alert');
    if (meaning) expect(alert.textContent).toContain(meaning);
    else expect(alert.textContent).not.toMatch(/暂不可用|无法连接/);
    if (showsDetail) expect(alert.textContent).toContain((error as Error).message);
    else expect(alert.textContent).not.toContain((error as Error).message);
  });

  it('offers a retry that calls back', () => {
    const retry = vi.fn();
    renderApp(<ErrorBlock error={new Error('x')} onRetry={retry} />, '/?lang=en');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
