import { MAX_REPORT_PHOTOS } from '@mekong-ioc/shared';
import type { Language } from '../../../i18n/language';

/**
 * The API's default per-photo limit (PHOTO_MAX_BYTES); only a hint here, the server decides and
 * a deployment may set another limit.
 */
export const PHOTO_SIZE_HINT_BYTES = 10 * 1024 * 1024;

/** The parts of a `File` the selection looks at. */
export interface PhotoFile {
  name: string;
  size: number;
  type: string;
}

export interface PhotoSelection<F extends PhotoFile> {
  accepted: F[];
  /** Left out because the report already has MAX_REPORT_PHOTOS. */
  overLimit: number;
  /** Left out because the browser says they are not images. */
  notImages: number;
}

/** Adds picked files to those already chosen, up to MAX_REPORT_PHOTOS; the server checks the bytes again. */
export function selectPhotos<F extends PhotoFile>(alreadyChosen: number, picked: readonly F[]): PhotoSelection<F> {
  // An empty type means the browser could not tell (some gallery apps): let the server judge those.
  const images = picked.filter((file) => file.type === '' || file.type.startsWith('image/'));
  const room = Math.max(0, MAX_REPORT_PHOTOS - alreadyChosen);
  return { accepted: images.slice(0, room), overLimit: Math.max(0, images.length - room), notImages: picked.length - images.length };
}

export const isLikelyTooLarge = (file: PhotoFile): boolean => file.size > PHOTO_SIZE_HINT_BYTES;

/** "2,4 MB" / "2.4 MB", "350 kB". */
export function formatFileSize(bytes: number, language: Language): string {
  const megabytes = bytes / (1024 * 1024);
  const [value, unit] = megabytes >= 1 ? [megabytes, 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
