import type { Language } from '../../../i18n/language';

/**
 * How old data may get before the wall greys it out: three of its feed's intervals (one late
 * message is only a busy link), never less than the KPI engine's own minute of recompute.
 */
export const STALE_AFTER_INTERVALS = 3;
export const MIN_STALE_SECONDS = 90;

/** Expected seconds between new data for each kind of number on the wall. */
export const FEED_INTERVAL_SECONDS = {
  traffic: 30,
  environment: 60,
  camera: 60,
  /** KPIs are recomputed at least every minute, whether or not anything happened. */
  kpi: 60,
  units: 5,
  /** Event-driven layers (incidents, reports): only the link's health says they are current. */
  events: 60,
} as const;

export type FreshnessSource = keyof typeof FEED_INTERVAL_SECONDS;

export const isStale = (ageSeconds: number | null, intervalSeconds: number): boolean =>
  ageSeconds === null || ageSeconds > Math.max(MIN_STALE_SECONDS, STALE_AFTER_INTERVALS * intervalSeconds);

/** Age of a timestamp on the server's clock (skew: server minus this screen, ms). */
export function ageSecondsOf(at: string | null | undefined, now: number, clockSkewMs: number | null = null): number | null {
  if (!at) return null;
  const time = Date.parse(at);
  if (!Number.isFinite(time)) return null;
  return Math.max(0, (now + (clockSkewMs ?? 0) - time) / 1000);
}

const UNITS: Record<Language, { now: string; s: string; min: string; h: string; d: string; ago: (text: string) => string }> = {
  vi: { now: 'vừa xong', s: 'giây', min: 'phút', h: 'giờ', d: 'ngày', ago: (text) => `${text} trước` },
  en: { now: 'just now', s: 's', min: 'min', h: 'h', d: 'd', ago: (text) => `${text} ago` },
};

/** "25 giây trước" / "25 s ago", in whole units, for reading from 5 m. */
export function formatAge(ageSeconds: number | null, language: Language): string {
  const words = UNITS[language];
  if (ageSeconds === null) return '—';
  if (ageSeconds < 5) return words.now;
  const [value, unit] =
    ageSeconds < 60
      ? [Math.floor(ageSeconds), words.s]
      : ageSeconds < 3_600
        ? [Math.floor(ageSeconds / 60), words.min]
        : ageSeconds < 86_400
          ? [Math.floor(ageSeconds / 3_600), words.h]
          : [Math.floor(ageSeconds / 86_400), words.d];
  return words.ago(`${value} ${unit}`);
}

/** hh:mm in Mỹ Tho's time zone, whatever the display device is set to. */
export function formatClock(at: number | string, withSeconds = false): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds && { second: '2-digit' }),
    hourCycle: 'h23',
  }).format(typeof at === 'string' ? Date.parse(at) : at);
}
