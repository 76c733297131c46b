import { useCallback, useState } from 'react';
import type { GeoPoint } from '../utils/report-form.util';

export type PositionFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type PositionState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'found'; accuracyMeters: number }
  | { status: 'failed'; reason: PositionFailure };

const FAILURES: Record<number, PositionFailure> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/** Asks the phone where it is, once per tap; the result goes to `onFound`, a refusal becomes a reason to show. */
export function useCurrentPosition(onFound: (point: GeoPoint) => void): [PositionState, () => void] {
  const [state, setState] = useState<PositionState>({ status: 'idle' });

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onFound({ lat: position.coords.latitude, lon: position.coords.longitude });
        setState({ status: 'found', accuracyMeters: Math.round(position.coords.accuracy) });
      },
      (error) => setState({ status: 'failed', reason: FAILURES[error.code] ?? 'unavailable' }),
      // A fresh fix: a cached one from across town would put the report in the wrong ward.
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  }, [onFound]);

  return [state, locate];
}
