import type { AlertComparator, AlertSeverity } from '@mekong-ioc/shared';

/** The numbers a threshold rule applies to one subject (a device's metric, a KPI). */
export interface ThresholdLimits {
  comparator: AlertComparator;
  warning: number | null;
  critical: number | null;
  /** In the value's unit. */
  hysteresis: number;
  forSeconds: number;
}

export type ActiveLevel = Extract<AlertSeverity, 'warning' | 'critical'>;

/** What the tracker remembers of one subject between values. */
export interface ThresholdState {
  /** The level of the alert now raised for the subject; null when none is. */
  active: ActiveLevel | null;
  /** Since when (observation time, ms) the value has been past each level's threshold without a break. */
  pastSince: Record<ActiveLevel, number | null>;
  /** Observation time of the newest value applied; older ones arriving late are ignored. */
  lastAt: number | null;
}

export type ThresholdDecision =
  | { action: 'none' }
  | { action: 'raise'; level: ActiveLevel; threshold: number }
  | { action: 'escalate'; level: ActiveLevel; threshold: number }
  | { action: 'clear' };

export const initialThresholdState = (active: ActiveLevel | null = null): ThresholdState => ({
  active,
  pastSince: { warning: null, critical: null },
  lastAt: null,
});

const LEVELS_HIGH_FIRST: readonly ActiveLevel[] = ['critical', 'warning'];
const RANK: Record<ActiveLevel, number> = { warning: 1, critical: 2 };

const isPast = (comparator: AlertComparator, value: number, threshold: number): boolean =>
  comparator === 'above' ? value >= threshold : value <= threshold;

/**
 * The threshold an alert clears at: the lowest level's threshold moved back by the hysteresis
 * (above: threshold − hysteresis; below: threshold + hysteresis). An alert never steps down from
 * critical to warning: it stays at the worst level it reached until it clears, so a value wavering
 * around the critical line does not produce a stream of severity changes either.
 */
export function clearLine(limits: ThresholdLimits): number | null {
  const entry = limits.warning ?? limits.critical;
  if (entry === null) return null;
  return limits.comparator === 'above' ? entry - limits.hysteresis : entry + limits.hysteresis;
}

/**
 * Applies one value observed at `atMs` and says what to do with the subject's alert. Raising (and
 * escalating) needs the value past the level's threshold for `forSeconds` of observation time
 * without a break; clearing needs it back past the clear line. Between the two lines nothing
 * changes, which is what keeps an alert from flapping around its threshold.
 */
export function applyThresholdValue(
  state: ThresholdState,
  limits: ThresholdLimits,
  value: number,
  atMs: number,
): { state: ThresholdState; decision: ThresholdDecision } {
  if (state.lastAt !== null && atMs < state.lastAt) return { state, decision: { action: 'none' } };
  const pastSince = { ...state.pastSince };
  for (const level of LEVELS_HIGH_FIRST) {
    const threshold = limits[level];
    pastSince[level] = threshold !== null && isPast(limits.comparator, value, threshold) ? (pastSince[level] ?? atMs) : null;
  }
  const next: ThresholdState = { active: state.active, pastSince, lastAt: atMs };

  const held = LEVELS_HIGH_FIRST.find((level) => {
    const since = pastSince[level];
    return since !== null && atMs - since >= limits.forSeconds * 1000;
  });
  if (held && (state.active === null || RANK[held] > RANK[state.active])) {
    const threshold = limits[held] as number;
    next.active = held;
    return { state: next, decision: { action: state.active === null ? 'raise' : 'escalate', level: held, threshold } };
  }

  const line = clearLine(limits);
  if (state.active !== null && line !== null) {
    const backPastLine = limits.comparator === 'above' ? value < line : value > line;
    if (backPastLine) {
      next.active = null;
      return { state: next, decision: { action: 'clear' } };
    }
  }
  return { state: next, decision: { action: 'none' } };
}
