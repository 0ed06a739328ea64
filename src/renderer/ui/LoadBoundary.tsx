import { Component, type ReactNode } from 'react';
import { createLogger } from '../../shared/log.js';

const log = createLogger('renderer');

interface Props {
  /** What stands in for the part once it has failed; `retry` shows the children again. */
  failed: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/**
 * Around a part whose code loads on demand (React.lazy): when the host cannot serve its chunk — the
 * hub is down, or was updated while the page stayed open — that part says so and the rest of the
 * window, the softphone first, stays up. A lazy component keeps its failure, so the owner passes a
 * fresh one along with `retry`.
 */
export class LoadBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    log.warn('a part of the window failed to load', { error: error.message });
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.failed(() => this.setState({ failed: false })) : this.props.children;
  }
}
