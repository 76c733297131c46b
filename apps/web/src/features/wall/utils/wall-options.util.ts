import { LIVE_LAYERS, type LiveLayer } from '@mekong-ioc/shared';
import type { Language } from '../../../i18n/language';

export const WALL_SCENES = ['overview', 'traffic', 'environment', 'incidents'] as const;
export type WallScene = (typeof WALL_SCENES)[number];

/** The layers each scene draws when the URL does not choose. */
export const SCENE_LAYERS: Record<WallScene, readonly LiveLayer[]> = {
  overview: ['zones', 'reports', 'incidents', 'units'],
  traffic: ['traffic', 'cameras', 'incidents'],
  environment: ['zones', 'environment'],
  incidents: ['zones', 'reports', 'incidents', 'units'],
};

export interface WallOptions {
  scenes: WallScene[];
  /** Seconds per scene; null: no rotation. */
  intervalSeconds: number | null;
  /** Layers chosen in the URL for every scene; null: each scene's own. */
  layers: LiveLayer[] | null;
  chime: boolean;
  language: Language | null;
}

const MIN_INTERVAL_SECONDS = 10;

const listOf = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item): item is T => (allowed as readonly string[]).includes(item))
    .filter((item, index, all) => all.indexOf(item) === index);

/**
 * Reads the wall's settings from its URL: `?scenes=overview,traffic&interval=30` (or `?rotate=60`),
 * `?layers=incidents,traffic`, `?chime=1`, `?lang=en`. Anything unknown is ignored, never an error:
 * nobody is at the wall to read one.
 */
export function parseWallOptions(search: string): WallOptions {
  const params = new URLSearchParams(search);
  const scenes = listOf(params.get('scenes'), WALL_SCENES);
  const rawInterval = Number(params.get('interval') ?? params.get('rotate') ?? '');
  const layers = listOf(params.get('layers'), LIVE_LAYERS);
  const lang = params.get('lang');
  return {
    scenes: scenes.length ? scenes : [...WALL_SCENES],
    intervalSeconds: Number.isFinite(rawInterval) && rawInterval > 0 ? Math.max(MIN_INTERVAL_SECONDS, rawInterval) : null,
    layers: params.has('layers') ? layers : null,
    chime: params.get('chime') === '1' || params.get('chime') === 'true',
    language: lang === 'en' || lang === 'vi' ? lang : null,
  };
}

export interface RotationState {
  index: number;
  /** When the current scene started showing (ms). */
  since: number;
  /** Why the rotation is held, if it is. */
  holding: 'critical' | 'focus' | null;
}

export const startRotation = (now: number): RotationState => ({ index: 0, since: now, holding: null });

export interface RotationInput {
  now: number;
  sceneCount: number;
  intervalSeconds: number | null;
  criticalAlertActive: boolean;
  focusHeld: boolean;
}

/**
 * One step of the scene rotation: a critical alert (or a focus pushed from the console) holds the
 * current scene; after the hold the scene gets a full interval again before the next one shows.
 */
export function stepRotation(state: RotationState, input: RotationInput): RotationState {
  const holding = input.criticalAlertActive ? 'critical' : input.focusHeld ? 'focus' : null;
  if (holding) return state.holding === holding && state.since === input.now ? state : { ...state, holding, since: input.now };
  if (state.holding) return { ...state, holding: null, since: input.now };
  if (input.intervalSeconds === null || input.sceneCount <= 1) return state.index === 0 || input.sceneCount <= 1 ? state : { ...state, index: 0 };
  if (input.now - state.since < input.intervalSeconds * 1000) return state;
  return { index: (state.index + 1) % input.sceneCount, since: input.now, holding: null };
}
