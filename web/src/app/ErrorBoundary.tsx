import { Component, type ReactNode } from 'react';
import { ErrorBlock } from './StatusViews.tsx';

/**
 * A crash in one area (map or panel) shows there, with a retry, and leaves the rest working.
 * `onError`: what the rest must know (a crashed map tells the panels waiting for it not to wait).
 */
export class ErrorBoundary extends Component<{ children: ReactNode; onError?: (error: unknown) => void }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown) {
    this.props.onError?.(error);
  }

  render() {
    if (this.state.error) {
      return (
        <div className="boundary-error">
          <ErrorBlock error={this.state.error} onRetry={() => this.setState({ error: null })} />
        </div>
      );
    }
    return this.props.children;
  }
}
