import type { MapViewState } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { DeckGL } from '@deck.gl/react';
import type { AgencyUnit, AgencyUnitStatus } from '@mekong-ioc/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCityBasemapLayers } from '../../city-map/layers/city-basemap.layers';
import { clampViewToBounds } from '../../city-map/utils/fit-view.util';

const UNIT_COLOURS: Record<AgencyUnitStatus, [number, number, number, number]> = {
  available: [29, 122, 58, 255],
  busy: [214, 120, 20, 255],
  offline: [130, 130, 130, 255],
};
const MIN_ZOOM = 11;
const MAX_ZOOM = 18;

interface Point {
  lat: number;
  lon: number;
}

/** A small map of the incident (red) and the units around it, coloured by status. Loaded lazily (deck.gl). */
export function IncidentMap({ incident, units, onUnavailable }: { incident: Point; units: readonly AgencyUnit[]; onUnavailable: () => void }) {
  const { t } = useTranslation();
  const [viewState, setViewState] = useState<MapViewState>({ longitude: incident.lon, latitude: incident.lat, zoom: 14, pitch: 0, bearing: 0 });
  const basemap = useMemo(() => createCityBasemapLayers({ idPrefix: 'dispatch-basemap' }), []);
  const incidentData = useMemo(() => [incident], [incident]);
  const layers = useMemo(
    () => [
      ...basemap,
      new ScatterplotLayer<AgencyUnit>({
        id: 'dispatch-units',
        data: units,
        getPosition: (unit) => [unit.lon, unit.lat],
        getFillColor: (unit) => UNIT_COLOURS[unit.status],
        getRadius: 6,
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
      }),
      new ScatterplotLayer<Point>({
        id: 'dispatch-incident',
        data: incidentData,
        getPosition: (point) => [point.lon, point.lat],
        getFillColor: [200, 30, 30, 255],
        getRadius: 10,
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    ],
    [basemap, units, incidentData],
  );
  return (
    <figure className="incident-map" data-testid="incident-map">
      <div className="incident-map__canvas" role="img" aria-label={t('dispatchConsole.detail.map')}>
        <DeckGL
          viewState={viewState}
          onViewStateChange={({ viewState: next }) => setViewState(clampViewToBounds(next as MapViewState, MIN_ZOOM, MAX_ZOOM))}
          controller={{ dragRotate: false, touchRotate: false }}
          layers={layers}
          onError={onUnavailable}
        />
      </div>
      <figcaption className="muted">
        {t('dispatchConsole.detail.mapLegend')} · {t('cityMap.approximateNote')}
      </figcaption>
    </figure>
  );
}
