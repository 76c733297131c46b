import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError, type ApiError } from '../../../api/api-error';

export type Remote<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError; data: T | null };

/**
 * Loads with `load` (a stable callback) now and again whenever `key` changes or `reload()` is
 * called; the last answer stays on screen while a newer one is on its way, and an older answer
 * never replaces a newer one. `replace` shows an answer the caller already has (after an action).
 */
export function useRemote<T>(load: (() => Promise<T>) | null, key: string): [Remote<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!load) return;
    const ticket = ++latest.current;
    load().then(
      (data) => {
        if (ticket === latest.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (ticket !== latest.current || !isApiError(error)) return;
        setState((previous) => ({ status: 'failed', error, data: previous.status === 'loading' ? null : previous.data }));
      },
    );
  }, [load, key, nonce]);

  const reload = useCallback(() => setNonce((value) => value + 1), []);
  const replace = useCallback((data: T) => {
    latest.current += 1;
    setState({ status: 'ready', data });
  }, []);
  return [state, reload, replace];
}
