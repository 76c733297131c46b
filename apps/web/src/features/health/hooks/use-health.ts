import { healthSchema, type Health } from '@mekong-ioc/shared';
import { useEffect, useState } from 'react';
import { api } from '../../../api/api-client';

export interface HealthReading {
  /** The last answer received, kept while the server does not answer so the screen can say how old it is. */
  health: Health | null;
  receivedAt: number | null;
  /** The latest check got no valid answer. */
  failing: boolean;
}

export const HEALTH_POLL_MS = 30_000;

/** Polls `GET /api/health`, and checks again as soon as the tab becomes visible. */
export function useHealth(pollMs = HEALTH_POLL_MS): HealthReading {
  const [reading, setReading] = useState<HealthReading>({ health: null, receivedAt: null, failing: false });

  useEffect(() => {
    let controller: AbortController | null = null;
    const check = async (): Promise<void> => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const health = await api.json('/api/health', healthSchema, { signal: current.signal });
        setReading({ health, receivedAt: Date.now(), failing: false });
      } catch {
        if (!current.signal.aborted) setReading((previous) => ({ ...previous, failing: true }));
      }
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void check();
    };
    void check();
    const timer = setInterval(() => void check(), pollMs);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      controller?.abort();
    };
  }, [pollMs]);

  return reading;
}
