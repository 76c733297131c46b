import { CITY_TIME_ZONE } from '../../clock/utils/format-age.util';
import type { Language } from '../../../i18n/language';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

const FORMATS: Record<Language, Intl.DateTimeFormatOptions> = {
  vi: { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' },
  en: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
};

/** A report's times as people in Mỹ Tho read them, whatever zone the phone is set to: "08:30 12/01/2026", "12 Jan 2026, 08:30". */
export function formatReportTime(isoTime: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { ...FORMATS[language], hourCycle: 'h23', timeZone: CITY_TIME_ZONE }).format(new Date(isoTime));
}

/** A machine-readable `datetime` for `<time>`, unchanged from the API. */
export const toDateTimeAttribute = (isoTime: string): string => new Date(isoTime).toISOString();
