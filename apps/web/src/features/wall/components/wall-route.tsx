import { Component, useEffect, type ReactNode } from 'react';
import { LiveClientProvider } from '../../../realtime/live-client-provider';
import { WALL_HEARTBEAT, WallPage } from './wall-page';

/** A wall that has not rendered for this long is stuck; it reloads once the API answers again. */
const WATCHDOG_STALL_MS = 60_000;
const WATCHDOG_CHECK_MS = 15_000;

async function reloadIfApiAnswers(): Promise<void> {
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    // Reloading while the API (which serves the page) is down would trade old data for a blank screen.
    if (response.ok) window.location.reload();
  } catch {
    // Still down: keep what is on screen.
  }
}

class WallErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <div className="wall wall--failed" data-testid="wall-failed" /> : this.props.children;
  }
}

/** The /wall screen: its own live connection, an error boundary and a watchdog that reloads a stuck wall. */
export function WallRoute() {
  useEffect(() => {
    const timer = setInterval(() => {
      if (Date.now() - WALL_HEARTBEAT.at > WATCHDOG_STALL_MS) void reloadIfApiAnswers();
    }, WATCHDOG_CHECK_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <WallErrorBoundary>
      <LiveClientProvider>
        <WallPage />
      </LiveClientProvider>
    </WallErrorBoundary>
  );
}
