import type { TFunction } from 'i18next';
import type { ApiError } from '../api/api-error';
import { vi } from './locales/vi';

type TranslatedCode = Exclude<keyof typeof vi.errors, 'unknown'>;

const isTranslatedCode = (code: string): code is TranslatedCode => code !== 'unknown' && Object.hasOwn(vi.errors, code);

/** What to tell the reader about a failed call, in the language showing: by the problem's code, else its detail. */
export function errorMessage(t: TFunction, error: ApiError): string {
  if (isTranslatedCode(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown', { code: error.code, detail: error.detail });
}
