import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { vi } from './locales/vi';
import { DEFAULT_LANGUAGE, readStoredLanguage, storeLanguage, toLanguage } from './language';

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

/** Sets up the one i18next instance: bundled dictionaries, the stored language, `<html lang>` kept in step. */
export function initI18n(): typeof i18next {
  i18next.on('languageChanged', (lng) => {
    const language = toLanguage(lng);
    document.documentElement.lang = language;
    storeLanguage(language);
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: readStoredLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['vi', 'en'],
    // Dictionaries are bundled, so initialisation finishes before the first render.
    initAsync: false,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    showSupportNotice: false,
  });
  document.documentElement.lang = toLanguage(i18next.language);
  return i18next;
}
