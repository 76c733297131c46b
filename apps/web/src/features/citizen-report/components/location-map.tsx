import type { MapViewState, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { DeckGL } from '@deck.gl/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCityBasemapLayers } from '../../city-map/layers/city-basemap.layers';
import { clampViewToBounds, fitViewToBounds } from '../../city-map/utils/fit-view.util';
import type { GeoPoint } from '../utils/report-form.util';

const MAP_HEIGHT_PX = 300;
const MAX_MAP_WIDTH_PX = 720;
const MAX_ZOOM = 18;
const MIN_ZOOM = 10;

/** Tap or click the offline Mỹ Tho basemap to place the report's marker. Loaded lazily (deck.gl). */
export function LocationMap({ point, onPick, onUnavailable }: { point: GeoPoint | null; onPick: (point: GeoPoint) => void; onUnavailable: () => void }) {
  const { t } = useTranslation();
  // A first guess from the window; replaced by the fit for the real canvas size until the reader moves the map.
  const [viewState, setViewState] = useState<MapViewState>(() => ({
    ...fitViewToBounds(Math.min(window.innerWidth - 64, MAX_MAP_WIDTH_PX), MAP_HEIGHT_PX),
    pitch: 0,
    bearing: 0,
  }));
  const [minZoom, setMinZoom] = useState(MIN_ZOOM);
  const [moved, setMoved] = useState(false);

  const basemap = useMemo(() => createCityBasemapLayers({ idPrefix: 'report-basemap' }), []);
  const marker = useMemo(
    () =>
      new ScatterplotLayer<GeoPoint>({
        id: 'report-location-marker',
        data: point ? [point] : [],
        getPosition: (chosen) => [chosen.lon, chosen.lat],
        getRadius: 10,
        radiusUnits: 'pixels',
        getFillColor: [200, 40, 30, 255],
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    [point],
  );
  const layers = useMemo(() => [...basemap, marker], [basemap, marker]);

  const pick = (info: PickingInfo): void => {
    const [longitude, latitude] = info.coordinate ?? [];
    if (longitude !== undefined && latitude !== undefined) onPick({ lat: latitude, lon: longitude });
  };

  return (
    <div className="location-map" style={{ height: MAP_HEIGHT_PX }} role="group" aria-label={t('report.mapLabel')} data-testid="location-map">
      <DeckGL
        viewState={viewState}
        onViewStateChange={({ viewState: next, interactionState }) => {
          // Keeps the city on screen; a lost map on a phone is hard to find again.
          setViewState(clampViewToBounds(next as MapViewState, minZoom, MAX_ZOOM));
          if (interactionState.isDragging || interactionState.isZooming || interactionState.isPanning) setMoved(true);
        }}
        onResize={({ width, height }) => {
          const fitted = fitViewToBounds(width, height);
          setMinZoom(Math.floor(fitted.zoom));
          if (!moved) setViewState((previous) => ({ ...previous, ...fitted }));
        }}
        controller={{ doubleClickZoom: false, dragRotate: false, touchRotate: false }}
        layers={layers}
        onClick={pick}
        onError={onUnavailable}
        getCursor={() => 'crosshair'}
      />
    </div>
  );
}
