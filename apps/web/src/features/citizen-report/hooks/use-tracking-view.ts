import { trackingViewSchema, type TrackingView } from '@mekong-ioc/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../api/api-client';
import { ApiError, isApiError } from '../../../api/api-error';
import type { Language } from '../../../i18n/language';

export const TRACKING_POLL_MS = 30_000;

export type TrackingState =
  | { status: 'loading' }
  | { status: 'found'; view: TrackingView; receivedAt: number; refreshing: boolean; error: ApiError | null }
  | { status: 'not-found' }
  | { status: 'failed'; error: ApiError };

/**
 * Loads `GET /api/track/{code}`, with public notes in the language showing (so again on a switch),
 * every 30 s while the tab is visible, and on demand. A failed refresh keeps the last answer on
 * screen with the error beside it.
 */
export function useTrackingView(code: string, language: Language, pollMs = TRACKING_POLL_MS): [TrackingState, () => void] {
  const [state, setState] = useState<TrackingState>({ status: 'loading' });
  const loadNow = useRef<(() => void) | null>(null);

  useEffect(() => {
    let controller: AbortController | null = null;
    const load = async (): Promise<void> => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const view = await api.json(`/api/track/${encodeURIComponent(code)}?locale=${language}`, trackingViewSchema, { signal: current.signal });
        setState({ status: 'found', view, receivedAt: Date.now(), refreshing: false, error: null });
      } catch (caught) {
        if (current.signal.aborted) return;
        const error = isApiError(caught) ? caught : ApiError.network(caught);
        if (error.status === 404) setState({ status: 'not-found' });
        else setState((previous) => (previous.status === 'found' ? { ...previous, refreshing: false, error } : { status: 'failed', error }));
      }
    };
    const loadIfVisible = (): void => {
      if (document.visibilityState === 'visible') void load();
    };
    loadNow.current = () => void load();
    void load();
    const timer = setInterval(loadIfVisible, pollMs);
    document.addEventListener('visibilitychange', loadIfVisible);
    return () => {
      loadNow.current = null;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', loadIfVisible);
      controller?.abort();
    };
  }, [code, language, pollMs]);

  const refresh = useCallback(() => {
    // Only a refresh the reader asked for shows as such; the 30 s poll updates quietly.
    setState((previous) => (previous.status === 'found' ? { ...previous, refreshing: true } : previous));
    loadNow.current?.();
  }, []);

  return [state, refresh];
}
