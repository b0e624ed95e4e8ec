import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { renderApp } from '../test/harness.tsx';
import { ErrorBlock } from './StatusViews.tsx';

describe('ErrorBlock', () => {
  it.each<[string, unknown, string | null]>([
    ['a server error says the service is down', new ApiError(503, 'the database is unavailable'), '服务器或数据库暂不可用'],
    ['a network failure says the server cannot be reached', new TypeError('Failed to fetch'), '无法连接服务器'],
    ["a request error shows only the server's words", new ApiError(400, 'invalid query: from'), null],
  ])('%s', (_n, error, meaning) => {
    renderApp(<ErrorBlock error={error} />);
    const alert = screen.getByRole('alert');
    if (meaning) expect(alert.textContent).toContain(meaning);
    else expect(alert.textContent).not.toMatch(/暂不可用|无法连接/);
    expect(alert.textContent).toContain((error as Error).message);
  });

  it('offers a retry that calls back', () => {
    const retry = vi.fn();
    renderApp(<ErrorBlock error={new Error('x')} onRetry={retry} />, '/?lang=en');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
