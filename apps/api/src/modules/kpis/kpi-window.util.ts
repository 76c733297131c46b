import type { KpiWindow } from '@mekong-ioc/shared';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so local midnight is plain arithmetic. */
const HO_CHI_MINH_OFFSET_MS = 7 * HOUR_MS;

export interface KpiRange {
  from: Date;
  to: Date;
}

const WINDOW_LENGTH_MS: Record<Exclude<KpiWindow, 'today'>, number> = {
  '15m': 15 * MINUTE_MS,
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
};

/** Local (Vietnam) midnight at or before the instant. */
export const localMidnight = (at: Date): Date =>
  new Date(Math.floor((at.getTime() + HO_CHI_MINH_OFFSET_MS) / DAY_MS) * DAY_MS - HO_CHI_MINH_OFFSET_MS);

/** The window ending at `now`: `today` starts at local midnight, the others run back their length. */
export function rangeOfWindow(window: KpiWindow, now: Date): KpiRange {
  if (window === 'today') return { from: localMidnight(now), to: now };
  return { from: new Date(now.getTime() - WINDOW_LENGTH_MS[window]), to: now };
}

/** The same range one week earlier. */
export const weekBefore = (range: KpiRange): KpiRange => ({
  from: new Date(range.from.getTime() - 7 * DAY_MS),
  to: new Date(range.to.getTime() - 7 * DAY_MS),
});

export const floorToMinute = (at: Date): Date => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

export { HOUR_MS, MINUTE_MS };
