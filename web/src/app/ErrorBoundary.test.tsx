import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.tsx';

afterEach(cleanup);

function Crash(): never {
  throw new Error('map crashed');
}

describe('ErrorBoundary', () => {
  it('tells onError about a crash in its area (the map: panels waiting for it stop waiting) and keeps the rest', () => {
    // React logs the caught error; that is expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    render(
      <div>
        <ErrorBoundary onError={onError}>
          <Crash />
        </ErrorBoundary>
        <p>panel</p>
      </div>,
    );
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toBe('map crashed');
    expect(screen.getByText('panel')).toBeTruthy();
    quiet.mockRestore();
  });

  it('renders its children and calls nothing when they do not crash', () => {
    const onError = vi.fn();
    render(
      <ErrorBoundary onError={onError}>
        <p>map</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('map')).toBeTruthy();
    expect(onError).not.toHaveBeenCalled();
  });
});
