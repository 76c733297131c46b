import { MAX_REPORT_PHOTOS } from '@mekong-ioc/shared';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import type { ChosenPhoto, PhotoNotice } from '../hooks/use-photo-selection';
import { formatFileSize, isLikelyTooLarge, PHOTO_SIZE_HINT_BYTES } from '../utils/photo-selection.util';
import type { FieldIssue } from '../utils/report-form.util';
import { FieldError, fieldErrorId, fieldInputId } from './field-error';

/**
 * Up to five photos, from the camera or the gallery: two inputs, because `capture` makes many
 * Android browsers open the camera only, with no way to pick a photo already taken.
 */
export function PhotoField({
  photos,
  notice,
  issue,
  onAdd,
  onRemove,
}: {
  photos: ChosenPhoto[];
  notice: PhotoNotice | null;
  issue: FieldIssue | undefined;
  onAdd: (files: File[]) => void;
  onRemove: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const full = photos.length >= MAX_REPORT_PHOTOS;

  const take = (event: ChangeEvent<HTMLInputElement>): void => {
    onAdd([...(event.target.files ?? [])]);
    // Cleared so that choosing the same photo again after removing it still fires a change.
    event.target.value = '';
  };

  return (
    <fieldset className="report-step" id={fieldInputId('photos')} tabIndex={-1} aria-describedby={issue ? fieldErrorId('photos') : 'report-photos-hint'}>
      <legend className="report-step__title">
        {t('report.photosStep')} <span className="report-step__optional">({t('report.optional')})</span>
      </legend>
      <p id="report-photos-hint" className="report-hint">
        {t('report.photosHint', { max: MAX_REPORT_PHOTOS, size: formatFileSize(PHOTO_SIZE_HINT_BYTES, language) })}
      </p>
      <div className="photo-buttons">
        <label className={`button button--large photo-button${full ? ' photo-button--disabled' : ''}`}>
          {t('report.takePhoto')}
          <input className="photo-button__input" type="file" accept="image/*" capture="environment" multiple disabled={full} onChange={take} data-testid="photo-camera" />
        </label>
        <label className={`button button--large photo-button${full ? ' photo-button--disabled' : ''}`}>
          {t('report.choosePhotos')}
          <input className="photo-button__input" type="file" accept="image/*" multiple disabled={full} onChange={take} data-testid="photo-gallery" />
        </label>
      </div>
      <p className="report-hint" aria-live="polite" data-testid="photo-count">
        {t('report.photoCount', { n: photos.length, max: MAX_REPORT_PHOTOS })}
      </p>
      {notice && (
        <p className="report-warning" role="status">
          {notice.overLimit > 0 && t('report.photosOverLimit', { max: MAX_REPORT_PHOTOS, n: notice.overLimit })}{' '}
          {notice.notImages > 0 && t('report.photosNotImages', { n: notice.notImages })}
        </p>
      )}
      {photos.length > 0 && (
        <ul className="photo-previews">
          {photos.map((photo, index) => (
            <li key={photo.id} className="photo-preview">
              <img src={photo.previewUrl} alt={t('report.photoPreview', { number: index + 1, name: photo.file.name })} />
              <span className="photo-preview__size">{formatFileSize(photo.file.size, language)}</span>
              {isLikelyTooLarge(photo.file) && <span className="photo-preview__warning">{t('report.photoLarge')}</span>}
              <button type="button" className="photo-preview__remove" onClick={() => onRemove(photo.id)} aria-label={t('report.removePhoto', { number: index + 1 })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError field="photos" issue={issue} />
    </fieldset>
  );
}
