import {
  CAMERA_FEED,
  congestionOf,
  vnAqi,
  waterAlarmStage,
  type CameraState,
  type EnvironmentStationState,
  type TrafficSegmentState,
  type Zone,
} from '@mekong-ioc/shared';

/** A device with the newest value of each of its metrics (and the day's highest). */
export interface DeviceReadings {
  id: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  lat: number;
  lon: number;
  zone: Zone;
  groupId: string;
  expectedIntervalSeconds: number;
  thresholds: Record<string, { warning?: number; critical?: number; alarmLevels?: [number, number, number]; freeFlow?: number }>;
  metrics: Record<string, { value: number; observedAt: Date; dayMax: number } | undefined>;
}

/** A camera whose heartbeat is older than this many expected intervals counts as offline. */
export const MISSED_HEARTBEATS_FOR_OFFLINE = 3;

const ANALYTICS_EVENTS = Object.keys(CAMERA_FEED.metrics).filter((metric) => metric !== 'online' && metric !== 'vehicle_count');

const valueOf = (device: DeviceReadings, metric: string): number | null => device.metrics[metric]?.value ?? null;

const newestObservation = (device: DeviceReadings, metrics: readonly string[]): string | null => {
  let newest: Date | null = null;
  for (const metric of metrics) {
    const at = device.metrics[metric]?.observedAt;
    if (at && (!newest || at > newest)) newest = at;
  }
  return newest ? newest.toISOString() : null;
};

const placeOf = (device: DeviceReadings) => ({ lat: device.lat, lon: device.lon, zone: device.zone, nameVi: device.nameVi, nameEn: device.nameEn });

export function trafficSegmentState(device: DeviceReadings): TrafficSegmentState {
  const meanSpeedKmh = valueOf(device, 'mean_speed');
  // The registry's free-flow speed when it has one, else the day's highest mean speed as a stand-in.
  const freeFlowKmh = device.thresholds['mean_speed']?.freeFlow ?? device.metrics['mean_speed']?.dayMax ?? null;
  return {
    ...placeOf(device),
    segment: device.groupId,
    meanSpeedKmh,
    freeFlowKmh,
    congestion: congestionOf(meanSpeedKmh, freeFlowKmh),
    vehicleCount: valueOf(device, 'vehicle_count'),
    occupancy: valueOf(device, 'occupancy'),
    observedAt: newestObservation(device, ['mean_speed', 'vehicle_count', 'occupancy']),
  };
}

export function environmentStationState(device: DeviceReadings): EnvironmentStationState {
  // Latest concentrations, not hourly means: the layer shows the station now, the KPI tile the hour.
  const aqi = vnAqi({
    pm25: valueOf(device, 'pm25'),
    pm10: valueOf(device, 'pm10'),
    co: valueOf(device, 'co'),
    no2: valueOf(device, 'no2'),
    o3_1h: valueOf(device, 'o3'),
  });
  const alarmLevels = device.thresholds['water_level']?.alarmLevels ?? null;
  const waterLevelCm = valueOf(device, 'water_level');
  const salinity = device.thresholds['salinity'];
  return {
    ...placeOf(device),
    kind: device.kind,
    aqi: aqi ? Math.round(aqi.aqi) : null,
    aqiLevel: aqi?.level ?? null,
    waterLevelCm,
    alarmLevels,
    alarmStage: waterAlarmStage(waterLevelCm, alarmLevels),
    salinity: valueOf(device, 'salinity'),
    salinityLimits: salinity ? { warning: salinity.warning ?? null, critical: salinity.critical ?? null } : null,
    observedAt: newestObservation(device, Object.keys(device.metrics)),
  };
}

export function cameraState(device: DeviceReadings, now: Date): CameraState {
  const heartbeat = device.metrics['online'];
  const silentFor = heartbeat ? now.getTime() - heartbeat.observedAt.getTime() : Infinity;
  let lastEvent: CameraState['lastEvent'] = null;
  for (const kind of ANALYTICS_EVENTS) {
    const reading = device.metrics[kind];
    if (!reading || reading.value <= 0) continue;
    if (!lastEvent || reading.observedAt.toISOString() > lastEvent.at) lastEvent = { kind, at: reading.observedAt.toISOString() };
  }
  return {
    ...placeOf(device),
    kind: device.kind,
    online: heartbeat !== undefined && heartbeat.value >= 1 && silentFor <= MISSED_HEARTBEATS_FOR_OFFLINE * device.expectedIntervalSeconds * 1000,
    lastHeartbeatAt: heartbeat ? heartbeat.observedAt.toISOString() : null,
    lastEvent,
  };
}
