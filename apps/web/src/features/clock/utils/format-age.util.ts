import type { Language } from '../../../i18n/language';

const UNITS: [unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** How long ago something happened, in words ("5 giây trước", "2 minutes ago"). */
export function formatAge(ageMs: number, language: Language): string {
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The time of day in Mỹ Tho, whatever time zone the screen's computer is set to. */
export function formatCityTime(epochMs: number, language: Language, withSeconds = false): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds && { second: '2-digit' }),
    hourCycle: 'h23',
    timeZone: CITY_TIME_ZONE,
  }).format(epochMs);
}

export function formatCityDate(epochMs: number, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: CITY_TIME_ZONE,
  }).format(epochMs);
}

export const CITY_TIME_ZONE = 'Asia/Ho_Chi_Minh';
