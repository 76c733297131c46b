import type { Layer, MapViewState } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { DeckGL } from '@deck.gl/react';
import type {
  CameraState,
  EnvironmentStationState,
  IncidentMarkerState,
  LiveLayer,
  TrafficSegmentState,
  UnitState,
  ZoneLoadState,
} from '@mekong-ioc/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MY_THO_BASEMAP, type BasemapFeature } from '../../city-map/data/my-tho-basemap';
import { createCityBasemapLayers } from '../../city-map/layers/city-basemap.layers';
import { fitViewToBounds } from '../../city-map/utils/fit-view.util';
import type { LayerStores } from '../hooks/use-wall-data';
import type { LayerEntity, LayerStore } from '../state/layer-store';
import { environmentColor, PRIORITY_COLORS, PRIORITY_RADIUS_PX, zoneShade } from '../state/layer-style';

export interface MapFocus {
  lat: number;
  lon: number;
  zoom: number;
}

export interface WallMapProps {
  stores: LayerStores;
  visible: ReadonlySet<LiveLayer>;
  focus: MapFocus | null;
  /** A point to ring on the map (a critical alert's location). */
  marker: { lat: number; lon: number } | null;
  onUnavailable: () => void;
  /** Called after each drawn frame. */
  onFrame?: () => void;
}

const ZONE_FEATURES = MY_THO_BASEMAP.features.filter((feature) => feature.properties.kind === 'zone');
const EMPTY: never[] = [];
const PULSE_PERIOD_MS = 1_300;
/**
 * Pulse steps a second. Each step redraws the whole map (a uniform change, no attribute work); a few
 * steps read as a pulse from 5 m and keep a software-rendered 4K canvas (no GPU) responsive.
 */
const PULSE_STEPS_PER_SECOND = 3;

type Entities<S> = LayerEntity<S>[];
const itemsOf = <S,>(store: LayerStore<LiveLayer> | undefined): Entities<S> => (store?.items as unknown as Entities<S> | undefined) ?? (EMPTY as Entities<S>);

/**
 * deck.gl binary data for a dense layer: the store's own typed arrays, no per-object accessors.
 * Only the columns the layer draws: the heatmap has no colour per point, so 50,000 colours are not
 * uploaded again with every frame of reports.
 */
function binaryData(store: LayerStore<LiveLayer> | undefined, withColors = true) {
  const binary = store?.binary;
  if (!store || !binary) return { length: 0, attributes: {} };
  const getPosition = { value: binary.positions, size: 2 };
  return {
    length: store.size,
    attributes: withColors ? { getPosition, getFillColor: { value: binary.colors, size: 4, normalized: true } } : { getPosition },
  };
}

/**
 * The wall's map: the bundled (approximate) basemap and the live layers on top. Layer ids and data
 * are stable: stores change in place and only their `version` reaches deck.gl, through
 * `updateTriggers` (object layers) or a new binary-data wrapper around the same buffers (dense ones).
 * P1 incidents pulse by animating a ring layer's `radiusScale`, a uniform: no attribute is recomputed.
 */
export function WallMap({ stores, visible, focus, marker, onUnavailable, onFrame }: WallMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [pulse, setPulse] = useState(1);
  const basemap = useMemo(() => createCityBasemapLayers({ theme: 'dark', idPrefix: 'wall-basemap' }), []);

  const version = (layer: LiveLayer) => stores[layer]?.version ?? -1;
  const incidentItems = itemsOf<IncidentMarkerState>(stores.incidents);
  const hasP1 = visible.has('incidents') && incidentItems.some((entity) => entity.state.priority === 'P1');

  useEffect(() => {
    if (!hasP1 && !marker) return;
    const started = performance.now();
    const timer = setInterval(() => setPulse(1 + 0.6 * Math.abs(Math.sin(((performance.now() - started) / PULSE_PERIOD_MS) * Math.PI))), 1000 / PULSE_STEPS_PER_SECOND);
    return () => clearInterval(timer);
  }, [hasP1, marker]);

  const viewState = useMemo<MapViewState | null>(() => {
    if (!size) return null;
    // Cuts, not fly-to transitions: a controlled view without a controller would keep animating,
    // and a wall's map only moves on a scene change or an alert anyway.
    if (focus) return { longitude: focus.lon, latitude: focus.lat, zoom: focus.zoom, pitch: 0, bearing: 0 };
    return { ...fitViewToBounds(size.width, size.height, undefined, 24), pitch: 0, bearing: 0 };
  }, [size, focus]);

  const zonesVersion = version('zones');
  const reportsVersion = version('reports');
  const trafficVersion = version('traffic');
  const camerasVersion = version('cameras');
  const incidentsVersion = version('incidents');
  const environmentVersion = version('environment');
  const unitsVersion = version('units');
  // A new wrapper only when the store changed: the same typed arrays, re-uploaded in one go.
  /* eslint-disable react-hooks/exhaustive-deps */
  const reportsData = useMemo(() => binaryData(stores.reports, false), [stores.reports, reportsVersion]);
  const trafficData = useMemo(() => binaryData(stores.traffic), [stores.traffic, trafficVersion]);
  const camerasData = useMemo(() => binaryData(stores.cameras), [stores.cameras, camerasVersion]);
  const p1 = useMemo(() => incidentItems.filter((entity) => entity.state.priority === 'P1'), [incidentItems, incidentsVersion]);
  /* eslint-enable react-hooks/exhaustive-deps */

  const layers = useMemo<Layer[]>(() => {
    const zones = stores.zones as LayerStore<'zones'> | undefined;
    return [
      ...basemap,
      new GeoJsonLayer<BasemapFeature['properties']>({
        id: 'wall-zone-load',
        data: ZONE_FEATURES,
        visible: visible.has('zones'),
        filled: true,
        stroked: false,
        getFillColor: (feature) => (feature.properties.kind === 'zone' ? zoneShade(zones?.get(feature.properties.zone) as ZoneLoadState | undefined) : [0, 0, 0, 0]),
        updateTriggers: { getFillColor: zonesVersion },
      }),
      new HeatmapLayer({
        id: 'wall-reports-heat',
        data: reportsData,
        visible: visible.has('reports'),
        radiusPixels: 60,
        intensity: 1.2,
        threshold: 0.05,
        getWeight: 1,
      }),
      new ScatterplotLayer<TrafficSegmentState>({
        id: 'wall-traffic',
        data: trafficData as unknown as TrafficSegmentState[],
        visible: visible.has('traffic'),
        radiusUnits: 'pixels',
        getRadius: 9,
        stroked: true,
        getLineColor: [10, 20, 30, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      }),
      new ScatterplotLayer<CameraState>({
        id: 'wall-cameras',
        data: camerasData as unknown as CameraState[],
        visible: visible.has('cameras'),
        radiusUnits: 'pixels',
        getRadius: 5,
      }),
      new ScatterplotLayer<LayerEntity<EnvironmentStationState>>({
        id: 'wall-environment',
        data: itemsOf<EnvironmentStationState>(stores.environment),
        visible: visible.has('environment'),
        getPosition: (entity) => [entity.state.lon, entity.state.lat],
        getFillColor: (entity) => environmentColor(entity.state),
        getRadius: (entity) => (entity.state.alarmStage ? 10 + entity.state.alarmStage * 4 : 12),
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [255, 255, 255, 220],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { all: environmentVersion },
      }),
      new ScatterplotLayer<LayerEntity<UnitState>>({
        id: 'wall-units',
        data: itemsOf<UnitState>(stores.units),
        visible: visible.has('units'),
        getPosition: (entity) => [entity.state.lon, entity.state.lat],
        getFillColor: (entity) => (entity.state.status === 'busy' ? [255, 170, 60, 255] : entity.state.status === 'available' ? [90, 230, 160, 255] : [140, 140, 140, 255]),
        getRadius: 7,
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [10, 20, 30, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { all: unitsVersion },
      }),
      new ScatterplotLayer<LayerEntity<IncidentMarkerState>>({
        id: 'wall-incidents',
        data: incidentItems,
        visible: visible.has('incidents'),
        getPosition: (entity) => [entity.state.lon, entity.state.lat],
        getFillColor: (entity) => PRIORITY_COLORS[entity.state.priority],
        getRadius: (entity) => PRIORITY_RADIUS_PX[entity.state.priority],
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { all: incidentsVersion },
      }),
      new ScatterplotLayer<LayerEntity<IncidentMarkerState>>({
        id: 'wall-incidents-p1-pulse',
        data: p1,
        visible: visible.has('incidents'),
        getPosition: (entity) => [entity.state.lon, entity.state.lat],
        getRadius: 20,
        radiusUnits: 'pixels',
        radiusScale: pulse,
        filled: false,
        stroked: true,
        getLineColor: [255, 45, 45, 220],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
      new ScatterplotLayer<{ lat: number; lon: number }>({
        id: 'wall-alert-marker',
        data: marker ? [marker] : EMPTY,
        getPosition: (point) => [point.lon, point.lat],
        getRadius: 30,
        radiusUnits: 'pixels',
        radiusScale: pulse,
        filled: false,
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 5,
      }),
    ];
    // The stores change in place; their versions are the dependencies that matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemap, visible, pulse, marker, zonesVersion, reportsData, trafficData, camerasData, p1, environmentVersion, unitsVersion, incidentsVersion, stores]);

  return (
    <div className="wall-map" ref={container} data-testid="wall-map">
      <DeckGL
        {...(viewState ? { viewState } : { initialViewState: { longitude: 106.36, latitude: 10.365, zoom: 12 } })}
        controller={false}
        layers={layers}
        onResize={({ width, height }) => setSize({ width, height })}
        onError={onUnavailable}
        {...(onFrame ? { onAfterRender: onFrame } : {})}
        useDevicePixels={1}
      />
    </div>
  );
}
