import type { KpiId, LiveLayer } from '@mekong-ioc/shared';

/**
 * The performance mark of a wall's first complete frame with live data (`wall-load` measures from
 * navigation to it): every KPI tile of the scene shows a value from the live `kpis` topic (not from
 * the cache or REST; a value may be "no data" when nothing feeds that KPI) and the map has drawn a
 * frame holding the live snapshot of every layer the scene shows.
 */
export const FIRST_LIVE_FRAME_MARK = 'wall:first-live-frame';

export interface LiveCompleteness {
  /** Every tile's KPI came over the live topic. */
  kpis: boolean;
  /** Every visible layer holds its live snapshot. */
  layers: boolean;
}

export function liveCompleteness(tileIds: readonly KpiId[], liveKpis: ReadonlyMap<KpiId, unknown> | null, visibleLayers: ReadonlySet<LiveLayer>, liveLayers: ReadonlySet<LiveLayer>): LiveCompleteness {
  return {
    kpis: liveKpis !== null && tileIds.every((id) => liveKpis.has(id)),
    layers: [...visibleLayers].every((layer) => liveLayers.has(layer)),
  };
}

export interface FirstLiveFrameState {
  kpisLive: boolean;
  layersLive: boolean;
  mapDrawnLive: boolean;
  marked: boolean;
}

export const NOT_LIVE_YET: FirstLiveFrameState = { kpisLive: false, layersLive: false, mapDrawnLive: false, marked: false };

/** After the wall committed a render: whether to mark now. */
export function afterCommit(state: FirstLiveFrameState, live: LiveCompleteness): { state: FirstLiveFrameState; mark: boolean } {
  return settle({ ...state, kpisLive: live.kpis, layersLive: live.layers });
}

/** After the map drew a frame (with the layers of the last commit): whether to mark now. */
export function afterMapFrame(state: FirstLiveFrameState): { state: FirstLiveFrameState; mark: boolean } {
  return settle(state.layersLive ? { ...state, mapDrawnLive: true } : state);
}

function settle(state: FirstLiveFrameState): { state: FirstLiveFrameState; mark: boolean } {
  const mark = !state.marked && state.kpisLive && state.mapDrawnLive;
  return { state: mark ? { ...state, marked: true } : state, mark };
}
