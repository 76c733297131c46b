import {
  VN_AQI_BANDS,
  type CameraState,
  type EnvironmentStationState,
  type IncidentPriority,
  type TrafficSegmentState,
  type ZoneLoadState,
} from '@mekong-ioc/shared';

export type Rgba = [number, number, number, number];

const hexToRgba = (hex: string, alpha = 255): Rgba => {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
};

export const NO_DATA_COLOR: Rgba = [120, 130, 140, 200];

/** Free flow green, slowing amber, jammed red, as on every traffic map. */
export function congestionColor(state: TrafficSegmentState): Rgba {
  if (state.congestion === null) return NO_DATA_COLOR;
  if (state.congestion >= 0.6) return [235, 64, 52, 255];
  if (state.congestion >= 0.4) return [245, 166, 35, 255];
  return [61, 220, 132, 255];
}

export function environmentColor(state: EnvironmentStationState): Rgba {
  if (state.aqiLevel) return hexToRgba(VN_AQI_BANDS[state.aqiLevel].color);
  if (state.alarmStage !== null) return ([[76, 195, 217, 255], [245, 200, 35, 255], [245, 130, 35, 255], [235, 40, 40, 255]] as const)[state.alarmStage] as Rgba;
  if (state.salinity !== null && state.salinityLimits) {
    const { warning, critical } = state.salinityLimits;
    if (critical !== null && state.salinity >= critical) return [235, 40, 40, 255];
    if (warning !== null && state.salinity >= warning) return [245, 166, 35, 255];
    return [120, 200, 255, 255];
  }
  return NO_DATA_COLOR;
}

export const cameraColor = (state: CameraState): Rgba => (state.online ? (state.lastEvent ? [255, 214, 10, 255] : [76, 195, 217, 230]) : [255, 80, 80, 255]);

export const PRIORITY_COLORS: Record<IncidentPriority, Rgba> = {
  P1: [255, 45, 45, 255],
  P2: [255, 140, 30, 255],
  P3: [255, 214, 10, 255],
  P4: [140, 200, 255, 255],
};

export const PRIORITY_RADIUS_PX: Record<IncidentPriority, number> = { P1: 16, P2: 12, P3: 10, P4: 8 };

/** A zone's fill: deeper red with more (and more urgent) open incidents. */
export function zoneShade(state: ZoneLoadState | undefined): Rgba {
  if (!state || state.openIncidents === 0) return [0, 0, 0, 0];
  const weight = state.byPriority.P1 * 4 + state.byPriority.P2 * 2 + state.byPriority.P3 + state.byPriority.P4 * 0.5;
  return [230, 60, 60, Math.min(150, 30 + weight * 12)];
}
