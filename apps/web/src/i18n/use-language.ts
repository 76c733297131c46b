import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toLanguage, type Language } from './language';

/** The language showing now and a way to change it (persisted, `<html lang>` updated by `initI18n`). */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const setLanguage = useCallback((language: Language) => void i18n.changeLanguage(language), [i18n]);
  return [toLanguage(i18n.resolvedLanguage ?? i18n.language), setLanguage];
}
