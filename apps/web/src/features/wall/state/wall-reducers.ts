import {
  liveAlertDeltaSchema,
  liveAlertsSnapshotSchema,
  wallCommandSchema,
  wallTopicSnapshotSchema,
  type Alert,
  type LiveLayer,
  type LiveReducer,
  type WallFocusCommand,
} from '@mekong-ioc/shared';
import { LayerStore, layerStoreReducer } from './layer-store';
import { cameraColor, congestionColor } from './layer-style';

export type AlertMap = ReadonlyMap<string, Alert>;

/** Active alerts by id: a cleared alert leaves; an older copy never replaces a newer one. */
export const activeAlertsReducer: LiveReducer<AlertMap> = {
  fromSnapshot: (snapshot) => new Map(liveAlertsSnapshotSchema.parse(snapshot).alerts.filter((alert) => alert.state !== 'cleared').map((alert) => [alert.id, alert])),
  applyDelta: (state, payload) => {
    const { alert } = liveAlertDeltaSchema.parse(payload);
    const known = state.get(alert.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(alert.updatedAt)) return state;
    const next = new Map(state);
    if (alert.state === 'cleared') next.delete(alert.id);
    else next.set(alert.id, alert);
    return next;
  },
};

/** The focus the console is holding on the wall, if any. */
export const wallFocusReducer: LiveReducer<WallFocusCommand | null> = {
  fromSnapshot: (snapshot) => wallTopicSnapshotSchema.parse(snapshot ?? { current: null }).current,
  applyDelta: (_state, payload) => {
    const command = wallCommandSchema.parse(payload);
    return command.kind === 'focus' ? command : null;
  },
};

/** Layers whose entities also get binary columns (positions, colours): the dense ones. */
export const createLayerStore = (layer: LiveLayer): LayerStore<LiveLayer> => {
  switch (layer) {
    case 'traffic':
      return new LayerStore('traffic', congestionColor, 512) as LayerStore<LiveLayer>;
    case 'cameras':
      return new LayerStore('cameras', cameraColor, 512) as LayerStore<LiveLayer>;
    case 'reports':
      return new LayerStore('reports', () => [255, 255, 255, 255], 4096) as LayerStore<LiveLayer>;
    default:
      return new LayerStore(layer);
  }
};

/** One stable reducer per layer (the live client keys its follow on the reducer's identity). */
export const LAYER_REDUCERS = Object.fromEntries(
  (['incidents', 'reports', 'traffic', 'environment', 'cameras', 'units', 'zones'] as const).map((layer) => [layer, layerStoreReducer(() => createLayerStore(layer))]),
) as Record<LiveLayer, LiveReducer<LayerStore<LiveLayer>>>;
