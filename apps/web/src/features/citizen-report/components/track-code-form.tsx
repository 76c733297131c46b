import { trackingCodeSchema } from '@mekong-ioc/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Type a tracking code, go to its page; the code is checked (and upper-cased) with the shared schema first. */
export function TrackCodeForm({ initialCode = '' }: { initialCode?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState(initialCode);
  const [invalid, setInvalid] = useState(false);

  const lookUp = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const parsed = trackingCodeSchema.safeParse(code);
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void navigate(`/track/${parsed.data}`);
  };

  return (
    <form className="track-form" onSubmit={lookUp} noValidate>
      <label className="field__label" htmlFor="track-code">
        {t('track.codeLabel')}
      </label>
      <div className="track-form__row">
        <input
          id="track-code"
          className="report-input track-form__input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={16}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'track-code-error' : 'track-code-hint'}
        />
        <button type="submit" className="button button--primary button--large">
          {t('track.lookup')}
        </button>
      </div>
      {invalid ? (
        <p id="track-code-error" className="field-error">
          {t('track.codeInvalid')}
        </p>
      ) : (
        <p id="track-code-hint" className="report-hint">
          {t('track.codeHint')}
        </p>
      )}
    </form>
  );
}
