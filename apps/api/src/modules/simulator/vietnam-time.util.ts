/** Mỹ Tho keeps Indochina Time all year (UTC+7, no daylight saving), so local time is a fixed shift. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalTime {
  /** Hour of the local day with its fraction, 0 ≤ hour < 24. */
  hour: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** Day of the local year with its fraction, 0 ≤ dayOfYear < 366. */
  dayOfYear: number;
  /** Whole local days since the epoch: a key for per-day schedules. */
  dayIndex: number;
}

export function localTimeOf(atMs: number): LocalTime {
  const local = atMs + VIETNAM_OFFSET_MS;
  const dayIndex = Math.floor(local / DAY_MS);
  const hour = (local - dayIndex * DAY_MS) / HOUR_MS;
  // 1 January 1970 was a Thursday.
  const weekday = (((dayIndex + 4) % 7) + 7) % 7;
  const date = new Date(dayIndex * DAY_MS);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = (local - yearStart) / DAY_MS;
  return { hour, weekday, dayOfYear, dayIndex };
}

/** The ISO 8601 form Vietnamese devices send: local wall time with a +07:00 offset. */
export function toVietnamIso(atMs: number): string {
  return new Date(Math.round(atMs) + VIETNAM_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** The same, to the second: what Open311 and CAP (whose pattern allows no fraction) carry. */
export const toVietnamIsoSeconds = (atMs: number): string => toVietnamIso(atMs).replace(/\.\d{3}\+07:00$/, '+07:00');

/** Epoch milliseconds of a local Vietnam wall time, for tests and event schedules. */
export function vietnamTimeMs(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - VIETNAM_OFFSET_MS;
}
