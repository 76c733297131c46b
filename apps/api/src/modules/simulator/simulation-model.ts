import { FEED_DEFINITIONS, type Device, type FeedDefinition, type FeedId, type MetricDefinition } from '@mekong-ioc/shared';
import { AIR_STATION_IDS, isWifiVenue, roadOfSegment, tienRiverBankLat, type WifiVenue } from './my-tho-registry';
import { centredNoise, hashKeys, hashString, poissonFromUnit, unitRandom } from './seeded-random.util';
import { DAY_MS, HOUR_MS, localTimeOf, toVietnamIso, VIETNAM_OFFSET_MS, type LocalTime } from './vietnam-time.util';

/*
 * What Mỹ Tho's devices would report at a given instant: pure functions of (device, metric, time,
 * seed). Nothing is stateful, so the simulator, the load-test CLI and the tests can ask for any
 * device at any time, in any order, and always get the same number for the same seed.
 *
 * Counts (vehicles, events, dossiers, rainfall) are per the device's expectedIntervalSeconds,
 * whatever rate the simulator runs at.
 */

export const SIMULATOR_SOURCE = 'sim';

/** The reading envelope of every feed, as sent to the ingest path. */
export interface SimulatedReading {
  source: string;
  deviceId: string;
  metric: string;
  value: number;
  unit: string;
  observedAt: string;
}

/** The principal lunar semi-diurnal tide (M2) that dominates the Tiền at Mỹ Tho. */
export const TIDE_PERIOD_HOURS = 12.42;
const TIDE_PERIOD_MS = TIDE_PERIOD_HOURS * HOUR_MS;
/** The diurnal K1 tide: makes one of the two daily high waters higher than the other. */
const K1_PERIOD_MS = 23.93 * HOUR_MS;
/** Spring to spring tide: the amplitude swells and shrinks over half a lunar month. */
const SPRING_NEAP_PERIOD_MS = 14.77 * DAY_MS;
/** A high water of M2 at the east edge of the city (arbitrary epoch; only the period matters). */
const TIDE_EPOCH_MS = Date.UTC(2026, 0, 1, 21, 0);
const SPRING_EPOCH_MS = Date.UTC(2026, 0, 3, 0, 0);
const RIVER_TIDE_AMPLITUDE_CM = 95;
const K1_RELATIVE_AMPLITUDE = 0.15;
const SPRING_NEAP_SWING = 0.2;

/** Schedules of the events that should raise alerts; slots in local time. */
const EVENT_SLOT_MS = 2 * HOUR_MS;
const CAMERA_OUTAGE_SLOT_MS = 6 * HOUR_MS;

// Salts keep the random streams of different phenomena independent.
const SALT = {
  noise: 11,
  personality: 12,
  jam: 21,
  jamShape: 22,
  spike: 31,
  spikeShape: 32,
  flood: 41,
  floodShape: 42,
  rain: 51,
  rainShape: 52,
  rainCover: 53,
  rainShare: 54,
  outage: 61,
  outageShape: 62,
  flaky: 63,
  outageLength: 64,
  poisson: 71,
} as const;

/** Metrics each kind of device reports; a kind the model does not know reports its feed's defaults. */
const KIND_METRICS: Record<FeedId, Record<string, readonly string[]>> = {
  traffic: { detector: ['vehicle_count', 'mean_speed', 'occupancy'] },
  environment: {
    air: ['pm25', 'pm10', 'co', 'no2', 'o3'],
    river_level: ['water_level'],
    canal_level: ['water_level'],
    salinity: ['salinity'],
    weather: ['rainfall', 'temperature', 'humidity'],
    noise: ['noise'],
  },
  camera: {
    traffic: ['online', 'vehicle_count', 'wrong_way', 'illegal_parking'],
    security: ['online', 'crowd', 'smoke_fire', 'illegal_parking'],
    flood: ['online', 'water_on_road'],
  },
  dossier: {},
  wifi: {},
};
const FEED_DEFAULT_METRICS: Record<FeedId, readonly string[]> = {
  traffic: ['vehicle_count', 'mean_speed', 'occupancy'],
  environment: [],
  camera: ['online'],
  dossier: ['received', 'resolved_on_time', 'resolved_late', 'overdue'],
  wifi: ['connected_users', 'traffic_mb'],
};

export function metricsOf(device: Pick<Device, 'feed' | 'kind'>): readonly string[] {
  return KIND_METRICS[device.feed][device.kind] ?? FEED_DEFAULT_METRICS[device.feed];
}

/** Everything a device sends at one instant. An offline camera's VMS reports only `online = 0`. */
export function simulateReadings(device: Device, atMs: number, seed: number): SimulatedReading[] {
  const metrics = device.feed === 'camera' && !cameraOnline(device, atMs, seed) ? ['online'] : metricsOf(device);
  const observedAt = toVietnamIso(atMs);
  const readings: SimulatedReading[] = [];
  for (const metric of metrics) {
    const definition = metricDefinition(device.feed, metric);
    if (!definition) continue;
    readings.push({
      source: SIMULATOR_SOURCE,
      deviceId: device.id,
      metric,
      value: simulateValue(device, metric, atMs, seed),
      unit: definition.unit,
      observedAt,
    });
  }
  return readings;
}

/** The value a device reports for one metric at an instant; always inside the metric's valid range. */
export function simulateValue(device: Device, metric: string, atMs: number, seed: number): number {
  const definition = metricDefinition(device.feed, metric);
  if (!definition) throw new Error(`${device.feed} has no metric ${metric}`);
  const context: ModelContext = { device, metric, atMs, seed, local: localTimeOf(atMs), deviceKey: deviceKeyOf(device), metricKey: metricKeyOf(metric) };
  const raw = rawValue(context);
  const value = Number.isFinite(raw) ? raw : 0;
  return roundFor(metric, Math.min(definition.max, Math.max(definition.min, value)));
}

interface ModelContext {
  device: Device;
  metric: string;
  atMs: number;
  seed: number;
  local: LocalTime;
  deviceKey: number;
  metricKey: number;
}

function rawValue(c: ModelContext): number {
  switch (c.device.feed) {
    case 'traffic':
      return trafficValue(c);
    case 'environment':
      return environmentValue(c);
    case 'camera':
      return cameraValue(c);
    case 'dossier':
      return dossierValue(c);
    case 'wifi':
      return wifiValue(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic

/** Share of a road's capacity in use by local hour on a weekday: rush 6:30–8:30 and 16:30–18:30. */
const WEEKDAY_DEMAND: readonly (readonly [number, number])[] = [
  [0, 0.08], [4, 0.05], [5, 0.15], [6, 0.45], [6.5, 0.7], [7, 0.85], [7.5, 0.9], [8, 0.85], [8.5, 0.7], [9, 0.55],
  [11, 0.55], [11.5, 0.65], [12, 0.5], [13, 0.45], [14, 0.5], [16, 0.6], [16.5, 0.75], [17, 0.88], [17.5, 0.92],
  [18, 0.88], [18.5, 0.72], [19, 0.6], [21, 0.45], [22, 0.3], [23, 0.15], [24, 0.08],
];
/** Weekends: no school or office run in the morning, a longer evening out. */
const WEEKEND_DEMAND: readonly (readonly [number, number])[] = [
  [0, 0.1], [4, 0.05], [6, 0.3], [8, 0.5], [10, 0.6], [12, 0.5], [14, 0.5], [16, 0.6], [17.5, 0.75], [19, 0.7],
  [21, 0.55], [22, 0.35], [23, 0.18], [24, 0.1],
];

/** How busy the city's streets are, 0–1, at a local time. */
export function trafficDemand(local: LocalTime): number {
  const weekend = local.weekday === 0 || local.weekday === 6;
  return interpolate(weekend ? WEEKEND_DEMAND : WEEKDAY_DEMAND, local.hour);
}

function trafficValue(c: ModelContext): number {
  const road = roadOfSegment(c.device.groupId);
  const freeFlow = road?.freeFlowKmh ?? 40;
  const capacity = road?.capacityVehPerHour ?? 3000;
  // Each segment has its own share of the road's traffic (side streets, junction spacing).
  const segmentLoad = 0.7 + 0.3 * personality(c, 1);
  const rain = cityRainIntensity(c.atMs, c.seed);
  const load = trafficDemand(c.local) * segmentLoad * (1 + 0.05 * noise(c, 1));
  // BPR-like: speed holds at free flow until the road fills, then falls steeply.
  const congestion = 1 + 1.6 * load ** 4;
  let speed = (freeFlow / congestion) * (rain > 0.3 ? 0.85 : 1) * (1 + 0.04 * noise(c, 2));
  let occupancy = 28 * load * congestion * (1 + 0.05 * noise(c, 3));
  let flowPerHour = capacity * load;

  const jam = road?.code === 'ql60' ? bridgeJamSeverity(c.device, c.atMs, c.seed) : 0;
  if (jam > 0) {
    speed = lerp(speed, 3 + 7 * personality(c, 2), jam);
    occupancy = lerp(occupancy, 72 + 18 * personality(c, 3), jam);
    flowPerHour *= 1 - 0.6 * jam;
  }
  switch (c.metric) {
    case 'mean_speed':
      return speed;
    case 'occupancy':
      return occupancy;
    default:
      return poisson(c, (flowPerHour * c.device.expectedIntervalSeconds) / 3600);
  }
}

/**
 * How hard a jam on the Rạch Miễu bridge approach hits a QL60 segment now (0–1): full on the
 * bridge and the first kilometre, the queue thinning out towards QL1.
 */
function bridgeJamSeverity(device: Pick<Device, 'lat'>, atMs: number, seed: number): number {
  const event = bridgeJamInSlot(slotOf(atMs, EVENT_SLOT_MS), seed);
  if (!event || atMs < event.startMs || atMs >= event.endMs) return 0;
  const reach = device.lat <= 10.357 ? 1 : Math.max(0, 1 - (device.lat - 10.357) / 0.03);
  return reach * ramp(atMs, event.startMs, event.endMs, 8 * 60_000);
}

function bridgeJamInSlot(slot: number, seed: number): TimeWindow | null {
  const slotStart = slotStartMs(slot, EVENT_SLOT_MS);
  const localHour = localTimeOf(slotStart).hour;
  if (localHour < 6 || localHour >= 20) return null;
  // Most jams start in the rush hours, when the bridge's two lanes meet the most traffic.
  const rush = (localHour >= 6 && localHour < 8) || (localHour >= 16 && localHour < 18);
  if (unitRandom(seed, SALT.jam, slot) >= (rush ? 0.45 : 0.12)) return null;
  const duration = (35 + 40 * unitRandom(seed, SALT.jamShape, slot, 1)) * 60_000;
  const start = slotStart + unitRandom(seed, SALT.jamShape, slot, 2) * (EVENT_SLOT_MS - duration);
  return { startMs: start, endMs: start + duration };
}

// ---------------------------------------------------------------------------------------------
// Environment

function environmentValue(c: ModelContext): number {
  switch (c.metric) {
    case 'water_level':
      return waterLevel(c);
    case 'salinity':
      return salinity(c);
    case 'rainfall':
      return (stationRainIntensity(c) * c.device.expectedIntervalSeconds) / 60;
    case 'temperature':
      return temperature(c);
    case 'humidity':
      return humidity(c);
    case 'noise':
      return 48 + 21 * trafficDemand(c.local) + (9 * personality(c, 1) - 5) + 2 * noise(c, 1);
    default:
      return airValue(c);
  }
}

function airValue(c: ModelContext): number {
  const demand = trafficDemand(c.local);
  const site = 0.8 + 0.4 * personality(c, 1);
  // Dry-season haze (Dec–Apr) and the night-time inversion that traps the morning rush's exhaust.
  const season = 1.05 + 0.2 * Math.cos((2 * Math.PI * (c.local.dayOfYear - 45)) / 365.25);
  const inversion = 1 + 0.35 * bell(c.local.hour, 6.5, 1.5) + 0.2 * bell(c.local.hour, 21, 2);
  const spike = pm25SpikeLevel(c.device.id, c.atMs, c.seed);
  const pm25 = Math.max(site * season * (12 + 20 * demand) * inversion * (1 + 0.12 * noise(c, 1)), spike);
  switch (c.metric) {
    case 'pm25':
      return pm25;
    case 'pm10':
      // Smoke is mostly fine particles; road dust is coarser.
      return pm25 * (spike > 0 ? 1.35 : 1.6 + 0.2 * noise(c, 2));
    case 'co':
      return site * (700 + 2600 * demand) * inversion * (spike > 0 ? 3 : 1) * (1 + 0.1 * noise(c, 3));
    case 'no2':
      return site * (12 + 48 * demand) * (1 + 0.1 * noise(c, 4));
    default: {
      // O3 forms in sunlight: an early-afternoon peak, less under rain clouds.
      const sun = Math.max(0, Math.sin((Math.PI * (c.local.hour - 6.5)) / 12));
      const cloud = cityRainIntensity(c.atMs, c.seed) > 0 ? 0.6 : 1;
      return (18 + 85 * sun ** 1.3) * cloud * (1 + 0.1 * noise(c, 5));
    }
  }
}

/** The PM2.5 a station sees during a scheduled spike (a fire, burning waste), else 0. */
function pm25SpikeLevel(deviceId: string, atMs: number, seed: number): number {
  const event = pm25SpikeInSlot(slotOf(atMs, EVENT_SLOT_MS), seed);
  if (!event || event.deviceId !== deviceId || atMs < event.startMs || atMs >= event.endMs) return 0;
  return event.peak * ramp(atMs, event.startMs, event.endMs, 15 * 60_000);
}

function pm25SpikeInSlot(slot: number, seed: number): (TimeWindow & { deviceId: string; peak: number }) | null {
  if (unitRandom(seed, SALT.spike, slot) >= 0.12) return null;
  const slotStart = slotStartMs(slot, EVENT_SLOT_MS);
  const duration = (40 + 60 * unitRandom(seed, SALT.spikeShape, slot, 1)) * 60_000;
  const start = slotStart + unitRandom(seed, SALT.spikeShape, slot, 2) * (EVENT_SLOT_MS - duration);
  const deviceId = AIR_STATION_IDS[hashKeys(seed, SALT.spikeShape, slot, 3) % AIR_STATION_IDS.length];
  if (deviceId === undefined) return null;
  return { startMs: start, endMs: start + duration, deviceId, peak: 180 + 140 * unitRandom(seed, SALT.spikeShape, slot, 4) };
}

/** How far the tide lags at a place: it comes up the Tiền from the sea (east) and into the canals. */
function tideGeometry(device: Pick<Device, 'kind' | 'lat' | 'lon'>): { lagMs: number; damping: number; surgeExposure: number } {
  const upstream = clamp01((106.42 - device.lon) / 0.12);
  const inland = Math.max(0, device.lat - tienRiverBankLat(device.lon));
  const riverLagHours = 0.9 * upstream;
  if (device.kind === 'river_level' || inland < 0.002) {
    return { lagMs: riverLagHours * HOUR_MS, damping: 1, surgeExposure: 1 + 0.15 * (1 - upstream) };
  }
  const reach = clamp01(inland / 0.05);
  return {
    lagMs: (riverLagHours + 0.3 + 1.0 * reach) * HOUR_MS,
    damping: 0.9 - 0.3 * reach,
    surgeExposure: 0.9 - 0.25 * reach,
  };
}

/** The astronomical tide, normalised so that a mean spring high water is about 1.2. */
function normalisedTide(atMs: number): number {
  const springNeap = 1 + SPRING_NEAP_SWING * Math.cos((2 * Math.PI * (atMs - SPRING_EPOCH_MS)) / SPRING_NEAP_PERIOD_MS);
  const m2 = Math.cos((2 * Math.PI * (atMs - TIDE_EPOCH_MS)) / TIDE_PERIOD_MS);
  const k1 = K1_RELATIVE_AMPLITUDE * Math.cos((2 * Math.PI * (atMs - TIDE_EPOCH_MS)) / K1_PERIOD_MS + 0.8);
  return springNeap * (m2 + k1);
}

function waterLevel(c: ModelContext): number {
  const geometry = tideGeometry(c.device);
  const mean = seasonalMeanLevel(c.local.dayOfYear) + (geometry.damping < 1 ? 5 : 0);
  const tide = RIVER_TIDE_AMPLITUDE_CM * geometry.damping * normalisedTide(c.atMs - geometry.lagMs);
  return mean + tide + tidalFloodSurge(c.atMs, geometry, c.seed) + 1.5 * noise(c, 1);
}

/** Upstream flood water raises the mean level in Sep–Nov, peaking in mid-October (cm). */
function seasonalMeanLevel(dayOfYear: number): number {
  return 5 + 25 * (0.5 + 0.5 * Math.cos((2 * Math.PI * (dayOfYear - 288)) / 365.25));
}

/** Extra water of a scheduled tidal flood (high tide plus wind and upstream flood), in cm. */
function tidalFloodSurge(atMs: number, geometry: { lagMs: number; surgeExposure: number }, seed: number): number {
  const halfWidth = 3 * HOUR_MS;
  const cycle = Math.round((atMs - geometry.lagMs - TIDE_EPOCH_MS) / TIDE_PERIOD_MS);
  let surge = 0;
  for (let k = cycle - 1; k <= cycle + 1; k++) {
    const flood = tidalFloodInCycle(k, seed);
    if (!flood) continue;
    const offset = atMs - (flood.highWaterMs + geometry.lagMs);
    if (Math.abs(offset) < halfWidth) surge += flood.surgeCm * geometry.surgeExposure * Math.cos((Math.PI * offset) / (2 * halfWidth)) ** 2;
  }
  return surge;
}

function tidalFloodInCycle(cycle: number, seed: number): { highWaterMs: number; surgeCm: number } | null {
  const highWaterMs = TIDE_EPOCH_MS + cycle * TIDE_PERIOD_MS;
  const month = new Date(highWaterMs + VIETNAM_OFFSET_MS).getUTCMonth() + 1;
  // Triều cường: the king tides of Sep–Jan flood the riverside streets most years.
  const chance = month >= 9 || month === 1 ? 0.3 : 0.1;
  if (unitRandom(seed, SALT.flood, cycle) >= chance) return null;
  // Sized so the river at the east end peaks 15–40 cm over alarm III (180 cm), whatever the tide.
  const peakCm = 195 + 25 * unitRandom(seed, SALT.floodShape, cycle);
  const astronomical = seasonalMeanLevel(localTimeOf(highWaterMs).dayOfYear) + RIVER_TIDE_AMPLITUDE_CM * normalisedTide(highWaterMs);
  return { highWaterMs, surgeCm: Math.max(30, peakCm - astronomical) };
}

/** Dry-season intrusion at the most seaward station in a moderate year, ‰, by month (Jan…Dec), mid-month. */
const SALINITY_BY_MONTH = [0.6, 0.9, 1.3, 1.2, 0.6, 0.15, 0.05, 0.03, 0.03, 0.03, 0.05, 0.25];

function salinity(c: ModelContext): number {
  const month = c.local.dayOfYear / (365.25 / 12) - 0.5;
  const lower = Math.floor(month);
  const t = month - lower;
  const at = (m: number) => SALINITY_BY_MONTH[((m % 12) + 12) % 12] ?? 0;
  const seasonal = at(lower) * (1 - t) + at(lower + 1) * t;
  // Salt comes in from the sea: less upstream (west), less up the canals, most just after high water.
  const seaward = 0.25 + 0.75 * clamp01((c.device.lon - 106.3) / 0.12);
  const inland = Math.max(0, c.device.lat - tienRiverBankLat(c.device.lon));
  const upCanal = Math.max(0.25, 1 - inland / 0.025);
  const geometry = tideGeometry(c.device);
  const tide = normalisedTide(c.atMs - geometry.lagMs - HOUR_MS);
  return 0.08 + seasonal * seaward * upCanal * (1 + 0.45 * tide) * (1 + 0.05 * noise(c, 1));
}

/** Share of the year's rain expected now: the wet season May–Nov, wettest in September. */
function wetness(local: LocalTime): number {
  return clamp01(0.5 + 0.6 * Math.cos((2 * Math.PI * (local.dayOfYear - 260)) / 365.25));
}

/**
 * City-wide rain intensity in mm/min: convective showers, mostly in wet-season afternoons, a few
 * heavy. Each local hour may start one shower, which can run into the next hour.
 */
export function cityRainIntensity(atMs: number, seed: number): number {
  const hourIndex = Math.floor((atMs + VIETNAM_OFFSET_MS) / HOUR_MS);
  let intensity = 0;
  for (const index of [hourIndex - 1, hourIndex]) {
    const start = index * HOUR_MS - VIETNAM_OFFSET_MS;
    const local = localTimeOf(start);
    const chance = 0.01 + wetness(local) * (0.05 + 0.3 * bell(local.hour, 16.5, 2.2));
    if (unitRandom(seed, SALT.rain, index) >= chance) continue;
    const showerStart = start + unitRandom(seed, SALT.rainShape, index, 1) * 40 * 60_000;
    const duration = (15 + 45 * unitRandom(seed, SALT.rainShape, index, 2)) * 60_000;
    if (atMs < showerStart || atMs >= showerStart + duration) continue;
    const peak = 0.15 + 1.6 * unitRandom(seed, SALT.rainShape, index, 3) ** 3;
    intensity = Math.max(intensity, peak * Math.sin((Math.PI * (atMs - showerStart)) / duration));
  }
  return intensity;
}

/** Showers are local: a station may miss one, or catch more of it than the next. */
function stationRainIntensity(c: ModelContext): number {
  const city = cityRainIntensity(c.atMs, c.seed);
  if (city === 0) return 0;
  const hourIndex = Math.floor((c.atMs + VIETNAM_OFFSET_MS) / HOUR_MS);
  if (unitRandom(c.seed, SALT.rainCover, c.deviceKey, hourIndex) >= 0.8) return 0;
  return city * (0.6 + 0.8 * unitRandom(c.seed, SALT.rainShare, c.deviceKey, hourIndex));
}

function temperature(c: ModelContext): number {
  const seasonal = 1.2 * Math.cos((2 * Math.PI * (c.local.dayOfYear - 110)) / 365.25); // hottest in April
  const daily = 3.4 * Math.cos((2 * Math.PI * (c.local.hour - 14.5)) / 24);
  const dry = 27.5 + seasonal + daily;
  // A shower pulls the air towards the rain's own temperature, about 24 °C.
  const rain = Math.min(1, stationRainIntensity(c) / 0.3);
  return dry - 0.6 * rain * Math.max(0, dry - 24) + 0.3 * noise(c, 1);
}

function humidity(c: ModelContext): number {
  const daily = -13 * Math.cos((2 * Math.PI * (c.local.hour - 14.5)) / 24);
  const rain = 15 * Math.min(1, stationRainIntensity(c) / 0.2);
  return Math.min(99, Math.max(40, 77 + daily + 7 * wetness(c.local) + rain + 1.5 * noise(c, 1)));
}

// ---------------------------------------------------------------------------------------------
// Cameras

/** Whether a camera is up: now and then one drops off for ten minutes to a few hours, then comes back. */
export function cameraOnline(device: Pick<Device, 'id'>, atMs: number, seed: number): boolean {
  const key = deviceKeyOf(device);
  // A few cameras sit on flaky links and drop out far more often than the rest.
  const chance = unitRandom(seed, SALT.flaky, key) < 0.05 ? 0.3 : 0.1;
  const slot = slotOf(atMs, CAMERA_OUTAGE_SLOT_MS);
  for (const s of [slot - 1, slot]) {
    if (unitRandom(seed, SALT.outage, key, s) >= chance) continue;
    const start = slotStartMs(s, CAMERA_OUTAGE_SLOT_MS) + unitRandom(seed, SALT.outageShape, key, s) * CAMERA_OUTAGE_SLOT_MS;
    const duration = (10 + 140 * unitRandom(seed, SALT.outageLength, key, s) ** 2) * 60_000;
    if (atMs >= start && atMs < start + duration) return false;
  }
  return true;
}

function cameraValue(c: ModelContext): number {
  const online = cameraOnline(c.device, c.atMs, c.seed);
  if (c.metric === 'online') return online ? 1 : 0;
  if (!online) return 0;
  const perInterval = c.device.expectedIntervalSeconds / 60;
  const demand = trafficDemand(c.local);
  // Daytime activity for parking and street life; leisure for evening crowds in parks and markets.
  const daytime = bell(c.local.hour, 10, 3) + bell(c.local.hour, 16, 2.5);
  const leisure = bell(c.local.hour, 19.5, 1.8);
  switch (c.metric) {
    case 'vehicle_count':
      return poisson(c, demand * 30 * (0.6 + 0.6 * personality(c, 1)) * perInterval);
    case 'wrong_way':
      return poisson(c, 0.02 * demand * perInterval);
    case 'illegal_parking':
      return poisson(c, 0.05 * daytime * perInterval);
    case 'crowd':
      return poisson(c, (0.005 + 0.05 * leisure) * perInterval);
    case 'smoke_fire':
      return poisson(c, 0.0008 * perInterval);
    default: {
      const geometry = tideGeometry({ kind: 'flood_camera', lat: c.device.lat, lon: c.device.lon });
      const flooded = tidalFloodSurge(c.atMs, geometry, c.seed) > 50 ? 1.5 : 0;
      const downpour = cityRainIntensity(c.atMs, c.seed) > 0.6 ? 0.5 : 0;
      return poisson(c, (0.002 + flooded + downpour) * perInterval);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Public-service dossiers

/** One-stop offices receive and return dossiers Mon–Fri 7:00–11:30 and 13:30–17:00, local time. */
export function isOfficeHours(atMs: number): boolean {
  const local = localTimeOf(atMs);
  if (local.weekday === 0 || local.weekday === 6) return false;
  return (local.hour >= 7 && local.hour < 11.5) || (local.hour >= 13.5 && local.hour < 17);
}

function dossierValue(c: ModelContext): number {
  const intervalMs = c.device.expectedIntervalSeconds * 1000;
  // A reading counts the interval just ended; judge it by the interval's middle.
  const middle = c.atMs - intervalMs / 2;
  if (!isOfficeHours(middle)) return 0;
  const middleLocal = localTimeOf(middle);
  const base = c.device.kind === 'city' ? 5 : c.device.kind === 'commune' ? 0.6 + 0.6 * personality(c, 1) : 1.2 + 1.3 * personality(c, 1);
  const busier = (middleLocal.hour < 12 ? 1.25 : 0.8) * (middleLocal.weekday === 1 ? 1.2 : 1);
  const received = (base * busier * intervalMs) / (900 * 1000);
  const share: Record<string, number> = { received: 1, resolved_on_time: 0.9, resolved_late: 0.04, overdue: 0.03 };
  return poisson(c, received * (share[c.metric] ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Wi-Fi

const WIFI_PROFILES: Record<WifiVenue, { capacity: number; profile: readonly (readonly [number, number])[] }> = {
  park: { capacity: 250, profile: [[0, 0.03], [4.5, 0.05], [5.5, 0.35], [7, 0.3], [9, 0.12], [15, 0.15], [17, 0.45], [19.5, 0.95], [21.5, 0.6], [23, 0.1], [24, 0.03]] },
  market: { capacity: 300, profile: [[0, 0.01], [4, 0.05], [6, 0.7], [8, 0.85], [10, 0.6], [12, 0.35], [15, 0.3], [17, 0.35], [19, 0.15], [21, 0.03], [24, 0.01]] },
  bus_station: { capacity: 200, profile: [[0, 0.08], [4.5, 0.15], [6, 0.7], [7.5, 0.8], [10, 0.5], [14, 0.5], [16.5, 0.75], [18, 0.7], [20, 0.35], [22, 0.12], [24, 0.08]] },
  tourist: { capacity: 220, profile: [[0, 0.01], [6, 0.05], [8, 0.5], [10, 0.85], [12, 0.6], [14, 0.8], [16, 0.6], [18, 0.2], [20, 0.05], [24, 0.01]] },
  waterfront: { capacity: 250, profile: [[0, 0.05], [5, 0.1], [6, 0.35], [8, 0.15], [15, 0.2], [17.5, 0.5], [20, 0.95], [22, 0.5], [23.5, 0.1], [24, 0.05]] },
  public_building: { capacity: 180, profile: [[0, 0.02], [6.5, 0.1], [7.5, 0.7], [11, 0.8], [12, 0.4], [13.5, 0.75], [16.5, 0.7], [17.5, 0.2], [20, 0.05], [24, 0.02]] },
};

function wifiValue(c: ModelContext): number {
  const venue: WifiVenue = isWifiVenue(c.device.kind) ? c.device.kind : 'public_building';
  const { capacity, profile } = WIFI_PROFILES[venue];
  const weekend = c.local.weekday === 0 || c.local.weekday === 6;
  const weekendFactor = venue === 'public_building' ? (weekend ? 0.25 : 1) : weekend && venue !== 'market' ? 1.3 : 1;
  const outdoors = venue === 'park' || venue === 'waterfront' || venue === 'tourist';
  const rainFactor = outdoors && cityRainIntensity(c.atMs, c.seed) > 0.1 ? 0.4 : 1;
  const users = Math.round(
    capacity * (0.6 + 0.6 * personality(c, 1)) * interpolate(profile, c.local.hour) * weekendFactor * rainFactor * (1 + 0.08 * noise(c, 99)),
  );
  if (c.metric === 'connected_users') return Math.max(0, users);
  // About 1 MB a minute per connected phone: messaging, maps, short videos.
  return Math.max(0, users) * (0.7 + 0.6 * unitRandom(c.seed, c.deviceKey, c.metricKey, c.atMs)) * (c.device.expectedIntervalSeconds / 60);
}

// ---------------------------------------------------------------------------------------------
// Events that should raise alerts

export type SimulatedEventKind = 'tidal_flood' | 'pm25_spike' | 'bridge_jam';

export interface SimulatedEvent {
  kind: SimulatedEventKind;
  startMs: number;
  endMs: number;
  /** The air station of a PM2.5 spike; the road or river otherwise. */
  target: string;
  description: string;
}

/** The alert-raising events overlapping [fromMs, toMs), in start order: for logs, demos and tests. */
export function scheduledEvents(fromMs: number, toMs: number, seed: number): SimulatedEvent[] {
  const events: SimulatedEvent[] = [];
  for (let slot = slotOf(fromMs, EVENT_SLOT_MS); slotStartMs(slot, EVENT_SLOT_MS) < toMs; slot++) {
    const jam = bridgeJamInSlot(slot, seed);
    if (jam) events.push({ kind: 'bridge_jam', ...jam, target: 'ql60', description: 'jam on the QL60 approach to the Rạch Miễu bridge' });
    const spike = pm25SpikeInSlot(slot, seed);
    if (spike) {
      events.push({
        kind: 'pm25_spike',
        startMs: spike.startMs,
        endMs: spike.endMs,
        target: spike.deviceId,
        description: `PM2.5 spike to about ${Math.round(spike.peak)} µg/m³ at ${spike.deviceId}`,
      });
    }
  }
  const halfWidth = 3 * HOUR_MS;
  const firstCycle = Math.floor((fromMs - TIDE_EPOCH_MS) / TIDE_PERIOD_MS) - 1;
  for (let cycle = firstCycle; TIDE_EPOCH_MS + cycle * TIDE_PERIOD_MS - halfWidth < toMs; cycle++) {
    const flood = tidalFloodInCycle(cycle, seed);
    if (!flood) continue;
    // The surge reaches the far canal gauges about two hours after the river's east end.
    events.push({
      kind: 'tidal_flood',
      startMs: flood.highWaterMs - halfWidth,
      endMs: flood.highWaterMs + halfWidth + 2 * HOUR_MS,
      target: 'tien-river',
      description: `tidal flood: surge of about ${Math.round(flood.surgeCm)} cm at high water`,
    });
  }
  return events.filter((event) => event.endMs > fromMs && event.startMs < toMs).sort((a, b) => a.startMs - b.startMs);
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface TimeWindow {
  startMs: number;
  endMs: number;
}

const deviceKeys = new Map<string, number>();
const metricKeys = new Map<string, number>();

function deviceKeyOf(device: Pick<Device, 'id'>): number {
  let key = deviceKeys.get(device.id);
  if (key === undefined) {
    key = hashString(device.id);
    deviceKeys.set(device.id, key);
  }
  return key;
}

function metricKeyOf(metric: string): number {
  let key = metricKeys.get(metric);
  if (key === undefined) {
    key = hashString(metric);
    metricKeys.set(metric, key);
  }
  return key;
}

export function metricDefinition(feed: FeedId, metric: string): MetricDefinition | undefined {
  const definition: FeedDefinition = FEED_DEFINITIONS[feed];
  return Object.hasOwn(definition.metrics, metric) ? definition.metrics[metric] : undefined;
}

/** A fixed trait of the device (its share of traffic, how dusty its site is), 0–1. */
function personality(c: ModelContext, trait: number): number {
  return unitRandom(c.seed, SALT.personality, c.deviceKey, trait);
}

/** Measurement noise for this reading, -1…1. */
function noise(c: ModelContext, stream: number): number {
  return centredNoise(c.seed, hashKeys(c.deviceKey, c.metricKey, stream), c.atMs, SALT.noise);
}

function poisson(c: ModelContext, lambda: number): number {
  const key = hashKeys(c.deviceKey, c.metricKey, SALT.poisson);
  return poissonFromUnit(lambda, unitRandom(c.seed, key, c.atMs, 1), unitRandom(c.seed, key, c.atMs, 2));
}

const DECIMALS: Record<string, number> = {
  mean_speed: 1, occupancy: 1, pm25: 1, pm10: 1, co: 0, no2: 1, o3: 1, water_level: 0, salinity: 2,
  rainfall: 1, temperature: 1, humidity: 1, noise: 1, traffic_mb: 1,
};

function roundFor(metric: string, value: number): number {
  const scale = 10 ** (DECIMALS[metric] ?? 0);
  return Math.round(value * scale) / scale;
}

function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  let previous = points[0];
  if (!previous) return 0;
  for (const point of points) {
    if (x <= point[0]) {
      const span = point[0] - previous[0];
      return span === 0 ? point[1] : previous[1] + ((point[1] - previous[1]) * (x - previous[0])) / span;
    }
    previous = point;
  }
  return previous[1];
}

/** A smooth bump of height 1 centred on `centre` (hours). */
function bell(hour: number, centre: number, width: number): number {
  const z = (hour - centre) / width;
  return Math.exp(-0.5 * z * z);
}

/** 0 → 1 over `rampMs` after the start, 1 → 0 over `rampMs` before the end. */
function ramp(atMs: number, startMs: number, endMs: number, rampMs: number): number {
  return clamp01(Math.min(atMs - startMs, endMs - atMs) / rampMs);
}

const slotOf = (atMs: number, slotMs: number): number => Math.floor((atMs + VIETNAM_OFFSET_MS) / slotMs);
const slotStartMs = (slot: number, slotMs: number): number => slot * slotMs - VIETNAM_OFFSET_MS;
const lerp = (from: number, to: number, t: number): number => from + (to - from) * t;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
