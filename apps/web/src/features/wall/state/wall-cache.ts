import { z } from 'zod';
import { alertSchema, kpiSeriesPointSchema, kpiValueSchema, LIVE_LAYERS, wallTrendsSchema, type LiveLayer } from '@mekong-ioc/shared';

/**
 * The wall's last known state, kept in localStorage so that a reload while the API is down still
 * shows numbers (under the disconnected banner) instead of a blank screen. Bounded: the heat layer
 * keeps its newest points only, so the whole entry stays well under the 5 MB storage quota.
 */
export const WALL_CACHE_KEY = 'mekong-ioc.wall.cache.v1';
export const CACHED_ENTITIES_PER_LAYER: Record<LiveLayer, number> = {
  incidents: 2_000,
  reports: 5_000,
  traffic: 2_000,
  environment: 500,
  cameras: 1_000,
  units: 500,
  zones: 20,
};

export const wallCacheSchema = z.object({
  savedAt: z.number(),
  kpis: z.array(kpiValueSchema),
  previousWeek: z.record(z.string(), z.number().nullable()),
  series: z.record(z.string(), z.array(kpiSeriesPointSchema)),
  alerts: z.array(alertSchema),
  trends: wallTrendsSchema.nullable(),
  layers: z.partialRecord(z.enum(LIVE_LAYERS), z.array(z.tuple([z.string(), z.unknown()]))),
});
export type WallCache = z.infer<typeof wallCacheSchema>;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readWallCache(storage: KeyValueStore | null): WallCache | null {
  try {
    const raw = storage?.getItem(WALL_CACHE_KEY);
    if (!raw) return null;
    const parsed = wallCacheSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWallCache(storage: KeyValueStore | null, cache: WallCache): boolean {
  try {
    storage?.setItem(WALL_CACHE_KEY, JSON.stringify(cache));
    return storage !== null;
  } catch {
    // Quota or storage switched off: the wall still works, only a reload while offline starts empty.
    return false;
  }
}

export function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
