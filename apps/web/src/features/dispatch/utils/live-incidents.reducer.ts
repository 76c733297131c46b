import { liveIncidentEventSchema, liveIncidentsSnapshotSchema, type LiveIncidentEvent, type LiveIncidentState, type LiveReducer } from '@mekong-ioc/shared';

const OPEN: ReadonlySet<string> = new Set(['new', 'verified', 'dispatched', 'on_scene']);

/**
 * What the console keeps of the officers' `incidents` topic: the open incidents by id, a revision
 * that moves on every change (the queue refetches on it), and the incidents newly created since
 * the snapshot (for the sound). Deltas are idempotent: a replayed one changes nothing twice.
 */
export interface LiveIncidentsState {
  open: ReadonlyMap<string, LiveIncidentState>;
  revision: number;
  /** Ids created since the last snapshot, newest last (bounded). */
  createdIds: readonly string[];
  lastEvent: LiveIncidentEvent | null;
}

const MAX_CREATED = 100;

export const liveIncidentsReducer: LiveReducer<LiveIncidentsState> = {
  fromSnapshot: (snapshot) => {
    const parsed = liveIncidentsSnapshotSchema.safeParse(snapshot);
    const open = new Map((parsed.success ? parsed.data.open : []).map((entry) => [entry.incidentId, entry]));
    return { open, revision: 0, createdIds: [], lastEvent: null };
  },
  applyDelta: (state, payload) => {
    const parsed = liveIncidentEventSchema.safeParse(payload);
    if (!parsed.success) return state;
    const event = parsed.data;
    const open = new Map(state.open);
    const { kind: _kind, action: _action, slaKind: _slaKind, ...entry } = event;
    if (OPEN.has(event.status)) open.set(event.incidentId, entry);
    else open.delete(event.incidentId);
    const isNew = event.kind === 'created' && !state.createdIds.includes(event.incidentId);
    return {
      open,
      revision: state.revision + 1,
      createdIds: isNew ? [...state.createdIds, event.incidentId].slice(-MAX_CREATED) : state.createdIds,
      lastEvent: event,
    };
  },
};
