import { useLiveStatus, useLiveTopic } from '../../../realtime/use-live-topic';
import type { LiveConnection } from '../../../realtime/live-client';
import { liveIncidentsReducer, type LiveIncidentsState } from '../utils/live-incidents.reducer';

export interface LiveIncidents {
  state: LiveIncidentsState | undefined;
  /** Changes whenever anything on the topic changed (a new snapshot or a delta): refetch on it. */
  changeKey: string;
  connection: LiveConnection;
}

/** The officers' live `incidents` topic: what changed, and whether the link is up. */
export function useLiveIncidents(): LiveIncidents {
  const view = useLiveTopic('incidents', liveIncidentsReducer);
  const { connection } = useLiveStatus();
  return { state: view?.state, changeKey: `${view?.epoch ?? '-'}:${view?.seq ?? 0}:${view?.state ? 'y' : 'n'}`, connection };
}
