import { MY_THO_BOUNDS } from '@mekong-ioc/shared';

export interface GeoBounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface MapViewState {
  longitude: number;
  latitude: number;
  zoom: number;
}

// deck.gl's MapView, like Mapbox and MapLibre, counts zoom in 512-pixel tiles.
const TILE_SIZE = 512;

/** Web Mercator y of a latitude, in units of the world's width (0 … 1 from the north). */
const mercatorY = (latitude: number): number => {
  const sin = Math.sin((latitude * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
};

/** The view that shows the whole of `bounds` in a `width`×`height` pixel box (deck.gl's MapView zoom). */
export function fitViewToBounds(width: number, height: number, bounds: GeoBounds = MY_THO_BOUNDS, paddingPx = 8): MapViewState {
  const usableWidth = Math.max(1, width - 2 * paddingPx);
  const usableHeight = Math.max(1, height - 2 * paddingPx);
  const worldWidthShare = (bounds.east - bounds.west) / 360;
  const worldHeightShare = mercatorY(bounds.south) - mercatorY(bounds.north);
  const zoom = Math.min(Math.log2(usableWidth / (TILE_SIZE * worldWidthShare)), Math.log2(usableHeight / (TILE_SIZE * worldHeightShare)));
  const centreY = (mercatorY(bounds.south) + mercatorY(bounds.north)) / 2;
  const latitude = (Math.atan(Math.sinh(Math.PI * (1 - 2 * centreY))) * 180) / Math.PI;
  return { longitude: (bounds.west + bounds.east) / 2, latitude, zoom };
}

/** Keeps a panned or zoomed view over the city, so the map cannot be lost off-screen. */
export function clampViewToBounds<V extends MapViewState>(view: V, minZoom: number, maxZoom: number, bounds: GeoBounds = MY_THO_BOUNDS): V {
  return {
    ...view,
    longitude: Math.min(bounds.east, Math.max(bounds.west, view.longitude)),
    latitude: Math.min(bounds.north, Math.max(bounds.south, view.latitude)),
    zoom: Math.min(maxZoom, Math.max(minZoom, view.zoom)),
  };
}

export const isInsideBounds = (latitude: number, longitude: number, bounds: GeoBounds = MY_THO_BOUNDS): boolean =>
  latitude >= bounds.south && latitude <= bounds.north && longitude >= bounds.west && longitude <= bounds.east;
