import type { Zone } from '@mekong-ioc/shared';
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { MY_THO_BASEMAP, type BasemapFeature } from '../data/my-tho-basemap';

export type BasemapTheme = 'light' | 'dark';
type Rgba = [number, number, number, number];

interface BasemapPalette {
  zones: Record<Zone, Rgba>;
  zoneOutline: Rgba;
  water: Rgba;
  land: Rgba;
  nationalRoad: Rgba;
  mainRoad: Rgba;
}

const PALETTES: Record<BasemapTheme, BasemapPalette> = {
  light: {
    zones: {
      central: [255, 236, 204, 255],
      east: [232, 242, 222, 255],
      northeast: [226, 236, 246, 255],
      west: [240, 232, 246, 255],
      northwest: [246, 240, 222, 255],
    },
    zoneOutline: [120, 132, 140, 200],
    water: [160, 204, 232, 255],
    land: [226, 236, 214, 255],
    nationalRoad: [214, 120, 40, 255],
    mainRoad: [150, 150, 150, 255],
  },
  dark: {
    zones: {
      central: [44, 62, 80, 255],
      east: [34, 56, 66, 255],
      northeast: [36, 50, 70, 255],
      west: [46, 50, 72, 255],
      northwest: [42, 56, 62, 255],
    },
    zoneOutline: [120, 150, 170, 180],
    water: [18, 44, 70, 255],
    land: [38, 54, 50, 255],
    nationalRoad: [230, 150, 70, 255],
    mainRoad: [130, 150, 160, 255],
  },
};

// Split once at module load: deck.gl compares `data` by reference, so these never trigger a re-upload.
const byKind = (...kinds: BasemapFeature['properties']['kind'][]): BasemapFeature[] =>
  MY_THO_BASEMAP.features.filter((feature) => kinds.includes(feature.properties.kind));
const ZONE_FEATURES = byKind('zone');
const WATER_FEATURES = byKind('river', 'canal');
const ISLET_FEATURES = byKind('islet');
const ROAD_FEATURES = byKind('road');

export interface CityBasemapOptions {
  theme?: BasemapTheme;
  /** Prefix of the layer ids, so two maps on one page keep their own GPU state. */
  idPrefix?: string;
  visible?: boolean;
}

/**
 * The offline Mỹ Tho basemap as deck.gl layers (zones, water, roads), drawn under whatever a screen
 * adds on top. Ids and data are stable; the theme only changes colour accessors (see updateTriggers).
 */
export function createCityBasemapLayers({ theme = 'light', idPrefix = 'city-basemap', visible = true }: CityBasemapOptions = {}): Layer[] {
  const palette = PALETTES[theme];
  return [
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: `${idPrefix}-zones`,
      data: ZONE_FEATURES,
      visible,
      filled: true,
      stroked: true,
      getFillColor: (feature) => (feature.properties.kind === 'zone' ? palette.zones[feature.properties.zone] : palette.land),
      getLineColor: palette.zoneOutline,
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: theme, getLineColor: theme },
    }),
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: `${idPrefix}-water`,
      data: WATER_FEATURES,
      visible,
      filled: true,
      stroked: true,
      getFillColor: palette.water,
      getLineColor: palette.water,
      // The Bảo Định is a line; the Tiền a polygon whose outline this width does not change visibly.
      getLineWidth: 35,
      lineWidthUnits: 'meters',
      lineWidthMinPixels: 2,
      updateTriggers: { getFillColor: theme, getLineColor: theme },
    }),
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: `${idPrefix}-islets`,
      data: ISLET_FEATURES,
      visible,
      filled: true,
      stroked: false,
      getFillColor: palette.land,
      updateTriggers: { getFillColor: theme },
    }),
    new GeoJsonLayer<BasemapFeature['properties']>({
      id: `${idPrefix}-roads`,
      data: ROAD_FEATURES,
      visible,
      stroked: true,
      getLineColor: (feature) => (feature.properties.kind === 'road' && feature.properties.roadClass === 'national' ? palette.nationalRoad : palette.mainRoad),
      getLineWidth: (feature) => (feature.properties.kind === 'road' && feature.properties.roadClass === 'national' ? 4 : 2.5),
      lineWidthUnits: 'pixels',
      lineCapRounded: true,
      lineJointRounded: true,
      updateTriggers: { getLineColor: theme },
    }),
  ];
}
