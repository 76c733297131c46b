/**
 * ISO weeks (`2026-W07`) as the city counts them: Monday 00:00 to the next Monday 00:00 in
 * Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
 * is exact and needs no time-zone database in the browser.
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export interface IsoWeekWindow {
  week: string;
  /** Monday 00:00 local, as an instant. */
  from: Date;
  /** The next Monday 00:00 local (exclusive). */
  to: Date;
}

/** Monday of ISO week 1 of a year, at 00:00 UTC of that calendar day. */
function week1MondayUtc(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

/** 52 or 53: the week holding 28 December is the year's last. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28) - VIETNAM_UTC_OFFSET_MS + 12 * 3_600_000)).number;
}

/** The ISO week a moment falls in, by the local (UTC+7) calendar. */
export function isoWeekOf(at: Date): { year: number; number: number; week: string } {
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  // The week belongs to the year its Thursday falls in.
  const thursday = day + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const number = 1 + Math.floor((thursday - week1MondayUtc(year)) / WEEK_MS);
  return { year, number, week: formatIsoWeek(year, number) };
}

export const formatIsoWeek = (year: number, number: number): string => `${year}-W${String(number).padStart(2, '0')}`;

/** Null when the text is not an existing ISO week (`2026-W60`, `2026-W00`, `2025-W53`). */
export function parseIsoWeek(week: string): IsoWeekWindow | null {
  const match = ISO_WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number < 1 || number > isoWeeksInYear(year)) return null;
  const fromMs = week1MondayUtc(year) + (number - 1) * WEEK_MS - VIETNAM_UTC_OFFSET_MS;
  return { week, from: new Date(fromMs), to: new Date(fromMs + WEEK_MS) };
}

/** The week before (`2026-W01` → `2025-W52` or `-W53`). */
export function previousIsoWeek(week: string): string {
  const window = parseIsoWeek(week);
  if (!window) throw new Error(`not an ISO week: ${week}`);
  return isoWeekOf(new Date(window.from.getTime() - DAY_MS)).week;
}

/** The local calendar date (YYYY-MM-DD) of a moment. */
export function localDateOf(at: Date): string {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
