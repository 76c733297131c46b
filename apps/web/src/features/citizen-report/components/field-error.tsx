import { useTranslation } from 'react-i18next';
import { fieldErrorKey, type FieldIssue, type ReportField } from '../utils/report-form.util';

export const fieldErrorId = (field: ReportField): string => `report-${field}-error`;
export const fieldInputId = (field: ReportField): string => `report-${field}`;

/** The message under a field, in the language showing; the issue is kept as a code so it follows the switch. */
export function FieldError({ field, issue }: { field: ReportField; issue: FieldIssue | undefined }) {
  const { t } = useTranslation();
  if (!issue) return null;
  return (
    <p id={fieldErrorId(field)} className="field-error" data-testid={`error-${field}`}>
      {t(`report.fieldErrors.${fieldErrorKey(field, issue)}`)}
    </p>
  );
}
