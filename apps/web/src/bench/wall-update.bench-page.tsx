/*
 * Benchmark page (never in the production bundle: built by bench/wall-update.bench.mjs with
 * vite.bench.config.ts into tmp/bench-web). It runs the wall's own live path: the real LiveClient
 * fed by an in-page socket, the wall's layer reducers and LayerStores, and the real WallMap with its
 * layer factories, or, as the baseline, the same updates rebuilt into new arrays of new objects.
 */
import { Deck, LayerManager, type Layer, type MapViewState } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import { DeckGL } from '@deck.gl/react';
import type { CameraState, EntityMap, LayerFrame, LiveLayer, TrafficSegmentState } from '@mekong-ioc/shared';
import { useLayoutEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createCityBasemapLayers } from '../features/city-map/layers/city-basemap.layers';
import { fitViewToBounds } from '../features/city-map/utils/fit-view.util';
import { WallMap } from '../features/wall/components/wall-map';
import type { LayerStores } from '../features/wall/hooks/use-wall-data';
import { cameraColor, congestionColor, type Rgba } from '../features/wall/state/layer-style';
import { LAYER_REDUCERS } from '../features/wall/state/wall-reducers';
import { LiveClient } from '../realtime/live-client';
import { LiveClientContext, useLiveTopic } from '../realtime/use-live-topic';
import { BenchSocket } from './bench-socket';
import { BENCH_LAYERS, SCENARIO, WallScenario, type BenchLayer } from './wall-scenario';

type Variant = 'live' | 'baseline';

export interface UpdateSample {
  layer: BenchLayer;
  /** Delivery to commit, synchronous: JSON decode, LiveClient, reducer, React render and commit, deck.setProps. */
  syncMs: number;
  /** deck.gl's layer update in the next animation frame: layer matching and diffing, updateState, attributes, buffer writes. */
  deckMs: number;
  /** That frame's draw (not in the measure; the same for both variants). */
  drawMs: number;
  totalMs: number;
}

interface Probe {
  snapshotsIn: boolean;
  drawsSinceSnapshots: number;
  /** Resolves with the next layer update deck.gl performs. */
  onDeckUpdate: ((ms: number) => void) | null;
  onDraw: ((ms: number) => void) | null;
}

const probe: Probe = { snapshotsIn: false, drawsSinceSnapshots: 0, onDeckUpdate: null, onDraw: null };

// Time deck.gl's own per-frame work. Only frames with new layers count as a layer update.
const updateLayers = LayerManager.prototype.updateLayers;
LayerManager.prototype.updateLayers = function timedUpdateLayers(this: LayerManager) {
  const busy = this.needsUpdate();
  const started = performance.now();
  updateLayers.call(this);
  if (busy && probe.onDeckUpdate) {
    performance.measure('wall-update:deck', { start: started, end: performance.now() });
    probe.onDeckUpdate(performance.now() - started);
  }
};
type Drawing = { _drawLayers: (reason: string, options?: unknown) => void };
const deckPrototype = Deck.prototype as unknown as Drawing;
const drawLayers = deckPrototype._drawLayers;
deckPrototype._drawLayers = function timedDrawLayers(this: Drawing, reason: string, options?: unknown) {
  const started = performance.now();
  drawLayers.call(this, reason, options);
  if (probe.snapshotsIn) probe.drawsSinceSnapshots += 1;
  probe.onDraw?.(performance.now() - started);
};

const VISIBLE = new Set<LiveLayer>(BENCH_LAYERS);
const NO_OTHER_LAYERS = { incidents: undefined, environment: undefined, units: undefined, zones: undefined };
const fail = () => {
  document.body.dataset['failed'] = 'webgl';
};

/** Ours: the wall's reducers (LayerStores changed in place) and the wall's map. */
function LiveVariant() {
  const reports = useLiveTopic('layer:reports', LAYER_REDUCERS.reports)?.state;
  const traffic = useLiveTopic('layer:traffic', LAYER_REDUCERS.traffic)?.state;
  const cameras = useLiveTopic('layer:cameras', LAYER_REDUCERS.cameras)?.state;
  useLayoutEffect(() => {
    probe.snapshotsIn = Boolean(reports?.size && traffic?.size && cameras?.size);
  });
  const stores: LayerStores = { ...NO_OTHER_LAYERS, reports, traffic, cameras };
  return <WallMap stores={stores} visible={VISIBLE} focus={null} marker={null} onUnavailable={fail} />;
}

interface Point {
  position: [number, number];
  color: Rgba;
}

const BASELINE_REPORT_COLOR: Rgba = [255, 255, 255, 255];
const toPoints = (map: EntityMap | undefined, colorOf: (state: never) => Rgba): Point[] =>
  [...(map?.values() ?? [])].map((state) => {
    const placed = state as { lon: number; lat: number };
    return { position: [placed.lon, placed.lat], color: colorOf(state as never) };
  });

/** The baseline: the shared entity-map reducer (a new Map per frame) and a new array of new objects per update, no updateTriggers. */
function BaselineVariant() {
  const reports = useLiveTopic('layer:reports')?.state;
  const traffic = useLiveTopic('layer:traffic')?.state;
  const cameras = useLiveTopic('layer:cameras')?.state;
  useLayoutEffect(() => {
    probe.snapshotsIn = Boolean(reports?.size && traffic?.size && cameras?.size);
  });
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const basemap = useMemo(() => createCityBasemapLayers({ theme: 'dark', idPrefix: 'wall-basemap' }), []);
  const viewState = useMemo<MapViewState | null>(() => (size ? { ...fitViewToBounds(size.width, size.height, undefined, 24), pitch: 0, bearing: 0 } : null), [size]);
  const reportPoints = useMemo(() => toPoints(reports, () => BASELINE_REPORT_COLOR), [reports]);
  const trafficPoints = useMemo(() => toPoints(traffic, (state: TrafficSegmentState) => congestionColor(state)), [traffic]);
  const cameraPoints = useMemo(() => toPoints(cameras, (state: CameraState) => cameraColor(state)), [cameras]);
  const layers: Layer[] = [
    ...basemap,
    new HeatmapLayer<Point>({ id: 'wall-reports-heat', data: reportPoints, getPosition: (point) => point.position, radiusPixels: 60, intensity: 1.2, threshold: 0.05, getWeight: 1 }),
    new ScatterplotLayer<Point>({
      id: 'wall-traffic',
      data: trafficPoints,
      getPosition: (point) => point.position,
      getFillColor: (point) => point.color,
      radiusUnits: 'pixels',
      getRadius: 9,
      stroked: true,
      getLineColor: [10, 20, 30, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new ScatterplotLayer<Point>({ id: 'wall-cameras', data: cameraPoints, getPosition: (point) => point.position, getFillColor: (point) => point.color, radiusUnits: 'pixels', getRadius: 5 }),
  ];
  return (
    <div className="wall-map" data-testid="wall-map">
      <DeckGL
        {...(viewState ? { viewState } : { initialViewState: { longitude: 106.36, latitude: 10.365, zoom: 12 } })}
        controller={false}
        layers={layers}
        onResize={({ width, height }) => setSize({ width, height })}
        onError={fail}
        useDevicePixels={1}
      />
    </div>
  );
}

const variant: Variant = new URLSearchParams(location.search).get('variant') === 'baseline' ? 'baseline' : 'live';
const scenario = new WallScenario();
const snapshots = new Map<LiveLayer, LayerFrame>(BENCH_LAYERS.map((layer) => [layer, scenario.snapshot(layer)]));
const socket = new BenchSocket(snapshots);
const client = new LiveClient({ accessToken: () => 'bench', socketFactory: () => socket.asLiveSocket() });
client.connect();

const waitFor = <T,>(slot: 'onDeckUpdate' | 'onDraw', timeoutMs: number): Promise<T | null> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => {
      probe[slot] = null;
      resolve(null);
    }, timeoutMs);
    probe[slot] = (ms: number) => {
      clearTimeout(timer);
      probe[slot] = null;
      resolve(ms as T);
    };
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies `count` updates at `perLayerPerSecond` for each layer in turn and times each. */
async function run({ count, perLayerPerSecond }: { count: number; perLayerPerSecond: number }): Promise<{ samples: UpdateSample[]; seconds: number }> {
  const interval = 1000 / (perLayerPerSecond * BENCH_LAYERS.length);
  const samples: UpdateSample[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    if (performance.now() < due) await sleep(due - performance.now());
    const layer = BENCH_LAYERS[i % BENCH_LAYERS.length] as BenchLayer;
    const text = socket.encodeDelta(layer, scenario.update(layer));
    const deckUpdate = waitFor<number>('onDeckUpdate', 60_000);
    const draw = waitFor<number>('onDraw', 60_000);
    const start = performance.now();
    // flushSync: React renders and commits this update now instead of in a microtask, so the
    // synchronous part ends here; the socket's own handler runs inside it as it would in the app.
    flushSync(() => socket.deliver(text));
    const syncMs = performance.now() - start;
    performance.measure('wall-update', { start, end: start + syncMs });
    const deckMs = await deckUpdate;
    const drawMs = await draw;
    if (deckMs === null) throw new Error(`update ${i} (${layer}) never reached deck.gl`);
    samples.push({ layer, syncMs, deckMs, drawMs: drawMs ?? 0, totalMs: syncMs + deckMs });
  }
  return { samples, seconds: (performance.now() - started) / 1000 };
}

declare global {
  interface Window {
    wallBench: { variant: Variant; scenario: typeof SCENARIO; ready: () => boolean; run: typeof run };
  }
}
window.wallBench = { variant, scenario: SCENARIO, ready: () => probe.snapshotsIn && probe.drawsSinceSnapshots >= 2 && !document.body.dataset['failed'], run };

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <LiveClientContext.Provider value={client}>
    <div style={{ position: 'fixed', inset: 0 }}>{variant === 'live' ? <LiveVariant /> : <BaselineVariant />}</div>
  </LiveClientContext.Provider>,
);
