// One screen's render error stays on that screen: the rest of the app (header, status bar,
// navigation, the outbox uploading in main) goes on, the packer reads one sentence with what to
// do, and the error with its component tree goes to main's log (and so into Save diagnostics).
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { REPORT_LIMITS } from '../../preload/api/support';
import { bridge } from '../bridge/api';
import { errorReport } from '../station-reports';

export const SCREEN_PROBLEM = 'This screen hit a problem — Reload it. Waiting uploads are safe.';

interface Props {
  /** Names the screen in the log. */
  name: string;
  children: ReactNode;
}

interface State {
  failed: boolean;
  /** Bumped by Reload: a new key mounts the screen afresh instead of reusing its broken state. */
  generation: number;
}

export class ScreenBoundary extends Component<Props, State> {
  override state: State = { failed: false, generation: 0 };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const report = errorReport('error', error, `screen ${this.props.name}`);
    if (info.componentStack) {
      const stack = `${report.stack ?? report.message}\nIn the components:${info.componentStack}`;
      report.stack = stack.slice(0, REPORT_LIMITS.stack);
    }
    // A report that fails has nowhere else to go; it must not raise another error.
    bridge()
      .call('support.reportError', report)
      .catch(() => undefined);
  }

  private readonly reload = () =>
    this.setState((s) => ({ failed: false, generation: s.generation + 1 }));

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="screen-problem" role="alert">
          <p>{SCREEN_PROBLEM}</p>
          {/* A keyboard-only bench: the one way forward takes the focus. */}
          {/* eslint-disable-next-line jsx-a11y-x/no-autofocus */}
          <button type="button" onClick={this.reload} autoFocus>
            Reload
          </button>
        </div>
      );
    }
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
