import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isInsideBounds } from '../../city-map/utils/fit-view.util';
import { isWebGl2Available } from '../../city-map/utils/webgl-support.util';
import { useCurrentPosition, type PositionState } from '../hooks/use-current-position';
import { ADDRESS_MAX_LENGTH, type FieldIssue, type GeoPoint } from '../utils/report-form.util';
import { FieldError, fieldErrorId, fieldInputId } from './field-error';

// deck.gl is most of the page's weight: the form is usable before the map arrives, and without it.
const LocationMap = lazy(() => import('./location-map').then((module) => ({ default: module.LocationMap })));

const COORDINATE_DIGITS = 5;

export function LocationField({
  location,
  address,
  locationIssue,
  addressIssue,
  onLocationChange,
  onAddressChange,
}: {
  location: GeoPoint | null;
  address: string;
  locationIssue: FieldIssue | undefined;
  addressIssue: FieldIssue | undefined;
  onLocationChange: (point: GeoPoint | null) => void;
  onAddressChange: (address: string) => void;
}) {
  const { t } = useTranslation();
  const [position, locate] = useCurrentPosition(onLocationChange);
  const [mapAvailable, setMapAvailable] = useState(isWebGl2Available);
  const onMapFailed = useCallback(() => setMapAvailable(false), []);

  return (
    <fieldset className="report-step" id={fieldInputId('location')} tabIndex={-1} aria-describedby={locationIssue ? fieldErrorId('location') : undefined}>
      <legend className="report-step__title">
        {t('report.locationStep')} <span className="report-step__required">({t('report.required')})</span>
      </legend>

      <button type="button" className="button button--large" onClick={locate} disabled={position.status === 'locating'}>
        {position.status === 'locating' ? t('report.locating') : t('report.useMyLocation')}
      </button>
      <PositionMessage position={position} />

      {mapAvailable ? (
        <>
          <p className="report-hint">{t('report.mapHint')}</p>
          <Suspense fallback={<p className="map-placeholder">{t('report.mapLoading')}</p>}>
            <LocationMap point={location} onPick={onLocationChange} onUnavailable={onMapFailed} />
          </Suspense>
          <p className="map-note">{t('cityMap.approximateNote')}</p>
        </>
      ) : (
        <p className="map-placeholder map-placeholder--unavailable" data-testid="map-unavailable">
          {t('report.mapUnavailable')}
        </p>
      )}

      <p className="chosen-location" data-testid="report-location" aria-live="polite">
        {location ? (
          <>
            {t('report.chosenLocation', { lat: location.lat.toFixed(COORDINATE_DIGITS), lon: location.lon.toFixed(COORDINATE_DIGITS) })}{' '}
            <button type="button" className="link-button" onClick={() => onLocationChange(null)}>
              {t('report.clearLocation')}
            </button>
          </>
        ) : address.trim() ? (
          t('report.addressOnly')
        ) : (
          t('report.noLocation')
        )}
      </p>
      {location && !isInsideBounds(location.lat, location.lon) && <p className="report-warning">{t('report.outsideCity')}</p>}
      <FieldError field="location" issue={locationIssue} />

      <label className="field" htmlFor={fieldInputId('address')}>
        <span className="field__label">
          {t('report.addressLabel')} <span className="report-step__optional">({t('report.optional')})</span>
        </span>
      </label>
      <input
        id={fieldInputId('address')}
        className="report-input"
        value={address}
        maxLength={ADDRESS_MAX_LENGTH}
        autoComplete="street-address"
        onChange={(event) => onAddressChange(event.target.value)}
        aria-invalid={addressIssue !== undefined}
        aria-describedby={addressIssue ? fieldErrorId('address') : 'report-address-hint'}
      />
      <p id="report-address-hint" className="report-hint">
        {t('report.addressHint')}
      </p>
      <FieldError field="address" issue={addressIssue} />
    </fieldset>
  );
}

function PositionMessage({ position }: { position: PositionState }) {
  const { t } = useTranslation();
  if (position.status === 'found') {
    return (
      <p className="report-success" role="status">
        {t('report.located', { meters: position.accuracyMeters })}
      </p>
    );
  }
  if (position.status !== 'failed') return null;
  const key = {
    denied: 'report.positionDenied',
    unavailable: 'report.positionUnavailable',
    timeout: 'report.positionTimeout',
    unsupported: 'report.positionUnsupported',
  } as const;
  return (
    <p className="report-warning" role="alert" data-testid="position-failed">
      {t(key[position.reason])}
    </p>
  );
}
