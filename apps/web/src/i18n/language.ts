/** The languages the interface speaks; Vietnamese first, and the default. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** Each language named in itself, so a reader finds their own whatever is showing. */
export const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

const STORAGE_KEY = 'mekong-ioc.language';

export const isLanguage = (value: unknown): value is Language => LANGUAGES.some((language) => language === value);

export const toLanguage = (value: string | undefined | null): Language => (isLanguage(value) ? value : DEFAULT_LANGUAGE);

export function readStoredLanguage(): Language {
  try {
    return toLanguage(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be switched off (private mode, kiosk policies); the default language is fine then.
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}
