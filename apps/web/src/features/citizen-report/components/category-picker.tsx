import { REPORT_CATEGORIES, REPORT_CATEGORY_DEFINITIONS, type ReportCategory } from '@mekong-ioc/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language';
import type { FieldIssue } from '../utils/report-form.util';
import { FieldError, fieldErrorId, fieldInputId } from './field-error';

/** The categories as large radio tiles: easy to hit with a thumb, labels in the language showing. */
export function CategoryPicker({
  value,
  issue,
  onChange,
}: {
  value: ReportCategory | null;
  issue: FieldIssue | undefined;
  onChange: (category: ReportCategory) => void;
}) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  return (
    <fieldset className="report-step" id={fieldInputId('category')} tabIndex={-1} aria-describedby={issue ? fieldErrorId('category') : undefined}>
      <legend className="report-step__title">
        {t('report.categoryStep')} <span className="report-step__required">({t('report.required')})</span>
      </legend>
      <div className="category-options">
        {REPORT_CATEGORIES.map((category) => (
          <label key={category} className="category-option" data-category={category}>
            <input type="radio" name="category" value={category} checked={value === category} onChange={() => onChange(category)} />
            <span className="category-option__label">{REPORT_CATEGORY_DEFINITIONS[category][language]}</span>
          </label>
        ))}
      </div>
      <FieldError field="category" issue={issue} />
    </fieldset>
  );
}
