import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { afterCommit, afterMapFrame, FIRST_LIVE_FRAME_MARK, NOT_LIVE_YET, type FirstLiveFrameState, type LiveCompleteness } from '../utils/first-live-frame.util';

function advance(state: RefObject<FirstLiveFrameState>, step: { state: FirstLiveFrameState; mark: boolean }): void {
  state.current = step.state;
  if (step.mark) performance.mark(FIRST_LIVE_FRAME_MARK);
}

/**
 * Puts the `wall:first-live-frame` performance mark once, when the tiles are live and the map has
 * drawn the live layers. Returns the map's after-frame callback.
 */
export function useFirstLiveFrame(live: LiveCompleteness): () => void {
  const state = useRef<FirstLiveFrameState>(NOT_LIVE_YET);
  // A layout effect: it runs in the commit, before the frame that draws the layers of that commit.
  useLayoutEffect(() => advance(state, afterCommit(state.current, live)));
  return useCallback(() => advance(state, afterMapFrame(state.current)), []);
}
