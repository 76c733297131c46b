import { useEffect, useMemo, useRef, useState } from 'react';
import {
  kpiListResponseSchema,
  kpiSeriesResponseSchema,
  kpiValuesReducer,
  LIVE_LAYERS,
  alertListSchema,
  wallTrendsSchema,
  type Alert,
  type KpiId,
  type KpiSeriesPoint,
  type KpiValue,
  type LiveLayer,
  type WallFocusCommand,
  type WallTrends,
} from '@mekong-ioc/shared';
import { sessionStore } from '../../auth/hooks/use-session';
import { useLiveStatus, useLiveTopic } from '../../../realtime/use-live-topic';
import type { LiveStatus } from '../../../realtime/live-client';
import type { LayerStore } from '../state/layer-store';
import { activeAlertsReducer, createLayerStore, LAYER_REDUCERS, wallFocusReducer } from '../state/wall-reducers';
import { browserStorage, CACHED_ENTITIES_PER_LAYER, readWallCache, writeWallCache, type WallCache } from '../state/wall-cache';

export type LayerStores = Record<LiveLayer, LayerStore<LiveLayer> | undefined>;

export interface WallData {
  layers: LayerStores;
  kpis: ReadonlyMap<KpiId, KpiValue>;
  previousWeek: Readonly<Record<string, number | null>>;
  series: Readonly<Record<string, KpiSeriesPoint[]>>;
  alerts: Alert[];
  focus: WallFocusCommand | null;
  trends: WallTrends | null;
  status: LiveStatus;
  /** Local time (ms) of the newest data the wall has, live or from the cache. */
  dataAsOf: number | null;
  /** True until live data replaced what the cache had. */
  fromCache: boolean;
  /** The KPIs of the live topic alone (null before its snapshot), and the layers whose live snapshot is in. */
  liveKpis: ReadonlyMap<KpiId, KpiValue> | null;
  liveLayers: ReadonlySet<LiveLayer>;
}

/** How often the slower REST figures (last week's values, sparklines, 24-hour trends) are fetched again. */
const COMPARE_REFRESH_MS = 5 * 60_000;
const TRENDS_REFRESH_MS = 2 * 60_000;
const CACHE_WRITE_MS = 10_000;
const SPARKLINE_WINDOW_MS = 24 * 3_600_000;

function usePolled<T>(load: () => Promise<T>, everyMs: number, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let alive = true;
    const run = () =>
      loadRef.current().then(
        (next) => alive && setValue(next),
        // Unreachable API: keep what is shown, the banner says it is old.
        () => undefined,
      );
    void run();
    const timer = setInterval(run, everyMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [everyMs]);
  return value;
}

/**
 * Everything the wall shows: the live topics (KPIs, alerts, every map layer, the console's focus),
 * the slower REST figures, and the last known state from the cache until live data arrives.
 */
export function useWallData(sparklineIds: readonly KpiId[]): WallData {
  const cached = useMemo(() => readWallCache(browserStorage()), []);
  const cachedLayers = useMemo(() => {
    const stores = {} as LayerStores;
    for (const layer of LIVE_LAYERS) {
      const entries = cached?.layers[layer];
      stores[layer] = entries ? createLayerStore(layer).apply({ updates: entries.map(([key, state]) => ({ key, state })) }) : undefined;
    }
    return stores;
  }, [cached]);

  const status = useLiveStatus();
  const kpiView = useLiveTopic('kpis', kpiValuesReducer);
  const alertView = useLiveTopic('alerts', activeAlertsReducer);
  const focusView = useLiveTopic('wall', wallFocusReducer);
  // Fixed order and count of hooks: every layer is followed, the scene picks which are drawn.
  const liveLayers: LayerStores = {
    incidents: useLiveTopic('layer:incidents', LAYER_REDUCERS.incidents)?.state,
    reports: useLiveTopic('layer:reports', LAYER_REDUCERS.reports)?.state,
    traffic: useLiveTopic('layer:traffic', LAYER_REDUCERS.traffic)?.state,
    environment: useLiveTopic('layer:environment', LAYER_REDUCERS.environment)?.state,
    cameras: useLiveTopic('layer:cameras', LAYER_REDUCERS.cameras)?.state,
    units: useLiveTopic('layer:units', LAYER_REDUCERS.units)?.state,
    zones: useLiveTopic('layer:zones', LAYER_REDUCERS.zones)?.state,
  };

  const compare = usePolled(
    async () => {
      const answer = await sessionStore.json('/api/kpis?compare=true', kpiListResponseSchema);
      return { values: answer.values, previousWeek: Object.fromEntries(answer.values.map((value) => [value.id, value.previousWeek ?? null])) };
    },
    COMPARE_REFRESH_MS,
    cached ? { values: cached.kpis, previousWeek: cached.previousWeek } : null,
  );
  const sparklineKey = sparklineIds.join(',');
  const series = usePolled(
    async () => {
      const to = new Date();
      const from = new Date(to.getTime() - SPARKLINE_WINDOW_MS);
      const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&step=15m`;
      const answers = await Promise.allSettled(
        sparklineKey.split(',').filter(Boolean).map((id) => sessionStore.json(`/api/kpis/${id}/series?${query}`, kpiSeriesResponseSchema)),
      );
      return Object.fromEntries(answers.flatMap((answer) => (answer.status === 'fulfilled' ? [[answer.value.id, answer.value.points]] : [])));
    },
    COMPARE_REFRESH_MS,
    cached?.series ?? {},
  );
  const trends = usePolled(() => sessionStore.json('/api/wall-trends', wallTrendsSchema), TRENDS_REFRESH_MS, cached?.trends ?? null);
  // REST alerts only fill in before the topic's snapshot (the topic is the truth once live).
  const restAlerts = usePolled(async () => (await sessionStore.json('/api/alerts', alertListSchema)).items, TRENDS_REFRESH_MS, cached?.alerts ?? []);

  const liveKpis = kpiView?.state;
  const kpis = useMemo(() => {
    const values = new Map<KpiId, KpiValue>();
    for (const value of compare?.values ?? []) values.set(value.id, value);
    for (const [id, value] of liveKpis ?? []) values.set(id, value);
    return values;
  }, [compare, liveKpis]);
  const liveAlerts = alertView?.state;
  const alerts = useMemo(() => (liveAlerts ? [...liveAlerts.values()] : restAlerts), [liveAlerts, restAlerts]);
  const layers = {} as LayerStores;
  for (const layer of LIVE_LAYERS) layers[layer] = liveLayers[layer] ?? cachedLayers[layer];
  const live = status.link.lastTickAt !== null || kpiView?.state !== undefined;

  const latest = useRef<{ cache: Omit<WallCache, 'savedAt' | 'layers'>; stores: LayerStores } | null>(null);
  const connectedLive = live && status.connection === 'connected';
  useEffect(() => {
    // Only a connected wall overwrites the cache: the last good state must survive an outage.
    latest.current = connectedLive
      ? { cache: { kpis: [...kpis.values()], previousWeek: compare?.previousWeek ?? {}, series, alerts, trends }, stores: liveLayers }
      : null;
  });
  useEffect(() => {
    const timer = setInterval(() => {
      const current = latest.current;
      if (!current) return;
      const layers: WallCache['layers'] = { ...cached?.layers };
      for (const layer of LIVE_LAYERS) {
        const store = current.stores[layer];
        if (store) layers[layer] = store.entries(CACHED_ENTITIES_PER_LAYER[layer]);
      }
      writeWallCache(browserStorage(), { savedAt: Date.now(), ...current.cache, layers });
    }, CACHE_WRITE_MS);
    return () => clearInterval(timer);
  }, [cached]);

  const lastLiveData = status.link.lastTickAt;
  return {
    layers,
    kpis,
    previousWeek: compare?.previousWeek ?? {},
    series,
    alerts,
    focus: focusView?.state ?? null,
    trends,
    status,
    dataAsOf: lastLiveData ?? cached?.savedAt ?? null,
    fromCache: !live && cached !== null,
    liveKpis: liveKpis ?? null,
    liveLayers: new Set(LIVE_LAYERS.filter((layer) => liveLayers[layer] !== undefined)),
  };
}
