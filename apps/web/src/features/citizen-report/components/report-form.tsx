import type { ReportCategory, SubmitReportResponse } from '@mekong-ioc/shared';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../i18n/error-message';
import { useLanguage } from '../../../i18n/use-language';
import { usePhotoSelection } from '../hooks/use-photo-selection';
import {
  checkReportDraft,
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  EMPTY_REPORT_DRAFT,
  firstInvalidField,
  NAME_MAX_LENGTH,
  problemToFieldIssues,
  type FieldIssues,
  type GeoPoint,
  type ReportDraft,
  type ReportField,
} from '../utils/report-form.util';
import { buildReportFormData, newIdempotencyKey, RateLimitedError, submitReport, type UploadProgress } from '../utils/report-upload.util';
import { CategoryPicker } from './category-picker';
import { FieldError, fieldErrorId, fieldInputId } from './field-error';
import { LocationField } from './location-field';
import { PhotoField } from './photo-field';

export function ReportForm({ onSubmitted }: { onSubmitted: (response: SubmitReportResponse) => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_REPORT_DRAFT);
  const { photos, notice, addPhotos, removePhoto } = usePhotoSelection();
  const [issues, setIssues] = useState<FieldIssues>({});
  // The error itself, not its text, so it is worded in whichever language is chosen later.
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  // One key per report: kept across retries after a lost answer, renewed once the server has judged it.
  const idempotencyKey = useRef<string | null>(null);

  const clearIssues = useCallback((...fields: ReportField[]) => {
    setIssues((previous) => {
      if (!fields.some((field) => previous[field] !== undefined)) return previous;
      const next = { ...previous };
      for (const field of fields) delete next[field];
      return next;
    });
  }, []);
  const update = useCallback(
    <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
      setDraft((previous) => ({ ...previous, [key]: value }));
      // Editing a field clears its error; typing an address also answers "where?".
      clearIssues(...(key === 'address' ? (['address', 'location'] as const) : [key]));
    },
    [clearIssues],
  );
  const setLocation = useCallback((point: GeoPoint | null) => update('location', point), [update]);

  const focusField = (field: ReportField | undefined): void => {
    if (field) document.getElementById(fieldInputId(field))?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (progress) return;
    const checked = checkReportDraft(draft, language);
    if (!checked.ok) {
      setIssues(checked.issues);
      setSubmitError(null);
      focusField(firstInvalidField(checked.issues));
      return;
    }
    setIssues({});
    setSubmitError(null);
    setProgress({ sentBytes: 0, totalBytes: 1 });
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const response = await submitReport(
        buildReportFormData(
          checked.request,
          photos.map((photo) => photo.file),
        ),
        { idempotencyKey: idempotencyKey.current, onProgress: setProgress },
      );
      idempotencyKey.current = null;
      onSubmitted(response);
    } catch (caught) {
      const error = isApiError(caught) ? caught : ApiError.network(caught);
      // Lost answers (network, 5xx) are retried with the same key; anything the server judged gets a new one.
      if (error.status >= 400 && error.status < 500) idempotencyKey.current = null;
      const placed = problemToFieldIssues(error);
      setIssues(placed);
      setSubmitError(error);
      setProgress(null);
      focusField(firstInvalidField(placed));
    }
  };

  const hasIssues = Object.keys(issues).length > 0;
  const formMessage =
    submitError instanceof RateLimitedError
      ? t('report.rateLimited', { seconds: submitError.retryAfterSeconds ?? 60 })
      : hasIssues
        ? t('report.fixErrors')
        : submitError
          ? errorMessage(t, submitError)
          : null;
  const percent = progress ? Math.min(100, Math.round((progress.sentBytes / Math.max(1, progress.totalBytes)) * 100)) : 0;
  const descriptionLength = draft.description.length;

  return (
    <section className="report" aria-labelledby="report-title">
      <h1 id="report-title">{t('report.title')}</h1>
      <p className="report__intro">{t('report.intro')}</p>

      <form className="report__form" onSubmit={(event) => void submit(event)} noValidate>
        <CategoryPicker value={draft.category} issue={issues.category} onChange={(category: ReportCategory) => update('category', category)} />

        <fieldset className="report-step">
          <legend className="report-step__title">
            {t('report.descriptionStep')} <span className="report-step__required">({t('report.required')})</span>
          </legend>
          <label className="field__label" htmlFor={fieldInputId('description')}>
            {t('report.descriptionLabel')}
          </label>
          <textarea
            id={fieldInputId('description')}
            className="report-input report-input--multiline"
            rows={5}
            value={draft.description}
            maxLength={DESCRIPTION_MAX_LENGTH}
            onChange={(event) => update('description', event.target.value)}
            aria-invalid={issues.description !== undefined}
            aria-describedby={`report-description-hint report-description-count${issues.description ? ` ${fieldErrorId('description')}` : ''}`}
          />
          <div className="description-meta">
            <span id="report-description-hint" className="report-hint">
              {t('report.descriptionHint', { min: DESCRIPTION_MIN_LENGTH })}
            </span>
            <span
              id="report-description-count"
              className={`description-count${draft.description.trim().length < DESCRIPTION_MIN_LENGTH ? ' description-count--short' : ''}`}
              data-testid="description-count"
            >
              {t('report.descriptionCount', { n: descriptionLength, max: DESCRIPTION_MAX_LENGTH })}
            </span>
          </div>
          <FieldError field="description" issue={issues.description} />
        </fieldset>

        <LocationField
          location={draft.location}
          address={draft.address}
          locationIssue={issues.location}
          addressIssue={issues.address}
          onLocationChange={setLocation}
          onAddressChange={(address) => update('address', address)}
        />

        <PhotoField
          photos={photos}
          notice={notice}
          issue={issues.photos}
          onAdd={(files) => {
            addPhotos(files);
            clearIssues('photos');
          }}
          onRemove={(id) => {
            removePhoto(id);
            clearIssues('photos');
          }}
        />

        <fieldset className="report-step">
          <legend className="report-step__title">
            {t('report.contactStep')} <span className="report-step__optional">({t('report.optional')})</span>
          </legend>
          <p className="privacy-note">{t('report.contactPrivacy')}</p>
          <ContactInput field="name" label={t('report.nameLabel')} value={draft.name} issue={issues.name} onChange={(value) => update('name', value)} autoComplete="name" maxLength={NAME_MAX_LENGTH} />
          <ContactInput field="email" label={t('report.emailLabel')} value={draft.email} issue={issues.email} onChange={(value) => update('email', value)} autoComplete="email" type="email" maxLength={254} />
          <ContactInput field="phone" label={t('report.phoneLabel')} value={draft.phone} issue={issues.phone} onChange={(value) => update('phone', value)} autoComplete="tel" type="tel" maxLength={20} />
        </fieldset>

        {formMessage && (
          <p className="form-error" role="alert" data-testid="report-form-error">
            {formMessage}
          </p>
        )}
        {progress && (
          <div className="upload-progress">
            <progress max={100} value={percent} aria-label={t('report.uploadProgress')} />
          </div>
        )}
        <button type="submit" className="button button--primary button--large report__submit" disabled={progress !== null}>
          {progress ? t('report.submitting', { percent }) : t('report.submit')}
        </button>
      </form>
    </section>
  );
}

function ContactInput({
  field,
  label,
  value,
  issue,
  onChange,
  autoComplete,
  type = 'text',
  maxLength,
}: {
  field: 'name' | 'email' | 'phone';
  label: string;
  value: string;
  issue: FieldIssues[ReportField];
  onChange: (value: string) => void;
  autoComplete: string;
  type?: 'text' | 'email' | 'tel';
  maxLength: number;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={fieldInputId(field)}>
        {label}
      </label>
      <input
        id={fieldInputId(field)}
        className="report-input"
        type={type}
        value={value}
        autoComplete={autoComplete}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={issue !== undefined}
        aria-describedby={issue ? fieldErrorId(field) : undefined}
      />
      <FieldError field={field} issue={issue} />
    </div>
  );
}
