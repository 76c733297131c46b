import { READING_SCHEMAS, type Device } from '@mekong-ioc/shared';
import { buildMyThoRegistry } from '../my-tho-registry';
import {
  cameraOnline,
  isOfficeHours,
  metricsOf,
  scheduledEvents,
  simulateReadings,
  simulateValue,
  TIDE_PERIOD_HOURS,
  type SimulatedEvent,
} from '../simulation-model';
import { HOUR_MS, DAY_MS, vietnamTimeMs } from '../vietnam-time.util';

const SEED = 1679;
const MINUTE_MS = 60_000;
const registry = buildMyThoRegistry(SEED);
const device = (id: string): Device => {
  const found = registry.find((d) => d.id === id);
  if (!found) throw new Error(`no device ${id}`);
  return found;
};
const ofKind = (feed: Device['feed'], kind?: string) => registry.filter((d) => d.feed === feed && (kind === undefined || d.kind === kind));
const times = (fromMs: number, toMs: number, stepMs: number): number[] => {
  const list: number[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) list.push(t);
  return list;
};
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

// Monday 5 October 2026 (flood season) and Monday 9 March 2026 (dry season), local midnight.
const OCTOBER_WEEK = vietnamTimeMs(2026, 10, 5);
const MARCH_WEEK = vietnamTimeMs(2026, 3, 9);

describe('simulateReadings', () => {
  it('produces only readings the ingest schemas accept, over a week in each season', () => {
    // Every environment station (all its kinds) and a sample of the rest of the fleet.
    const sample = registry.filter((d, i) => d.feed === 'environment' || i % 7 === 0);
    let checked = 0;
    for (const start of [OCTOBER_WEEK, MARCH_WEEK]) {
      for (const at of times(start, start + 7 * DAY_MS, 113 * MINUTE_MS)) {
        for (const d of sample) {
          for (const reading of simulateReadings(d, at, SEED)) {
            const parsed = READING_SCHEMAS[d.feed].safeParse(reading);
            if (!parsed.success) throw new Error(`${JSON.stringify(reading)}: ${parsed.error.message}`);
            expect(reading.source).toBe('sim');
            expect(reading.deviceId).toBe(d.id);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40_000);
  });

  it('sends the metrics of the device kind, observed at the given instant in Vietnam time', () => {
    const at = vietnamTimeMs(2026, 10, 5, 8, 30);
    const readings = simulateReadings(device('env-aq-01'), at, SEED);
    expect(readings.map((r) => r.metric)).toEqual(['pm25', 'pm10', 'co', 'no2', 'o3']);
    expect(readings[0]?.observedAt).toBe('2026-10-05T08:30:00.000+07:00');
    expect(new Date(readings[0]?.observedAt ?? '').getTime()).toBe(at);
    expect(metricsOf(device('trf-001'))).toEqual(['vehicle_count', 'mean_speed', 'occupancy']);
    expect(metricsOf(device('dos-p1'))).toEqual(['received', 'resolved_on_time', 'resolved_late', 'overdue']);
  });

  it('gives the same readings for the same seed and different ones for another seed', () => {
    const sample = registry.filter((_, i) => i % 5 === 0);
    const at = vietnamTimeMs(2026, 10, 6, 17, 45);
    const run = (seed: number) => sample.flatMap((d) => simulateReadings(d, at, seed));
    expect(run(SEED)).toEqual(run(SEED));
    const mine = run(SEED);
    const theirs = run(SEED + 1);
    const differing = mine.filter((reading, i) => reading.value !== theirs[i]?.value).length;
    // Counts that are zero either way (no wrong-way driver this minute) may agree; measured values do not.
    expect(differing).toBeGreaterThan(mine.length * 0.4);
  });
});

describe('traffic', () => {
  const ordinary = ofKind('traffic').filter((d) => !d.groupId.startsWith('seg-ql60-'));
  const speedAt = (d: Device, at: number) => simulateValue(d, 'mean_speed', at, SEED);

  it('slows down in the morning and evening rush hours and speeds up at night', () => {
    for (const day of [5, 6, 7]) {
      const night = vietnamTimeMs(2026, 10, day, 2, 0);
      for (const rush of [vietnamTimeMs(2026, 10, day, 7, 30), vietnamTimeMs(2026, 10, day, 17, 30)]) {
        const slower = ordinary.filter((d) => speedAt(d, rush) < 0.8 * speedAt(d, night));
        expect(slower.length).toBeGreaterThan(ordinary.length * 0.9);
        expect(mean(ordinary.map((d) => speedAt(d, rush)))).toBeLessThan(0.7 * mean(ordinary.map((d) => speedAt(d, night))));
        expect(mean(ordinary.map((d) => simulateValue(d, 'occupancy', rush, SEED)))).toBeGreaterThan(
          4 * mean(ordinary.map((d) => simulateValue(d, 'occupancy', night, SEED))),
        );
        expect(mean(ordinary.map((d) => simulateValue(d, 'vehicle_count', rush, SEED)))).toBeGreaterThan(
          5 * mean(ordinary.map((d) => simulateValue(d, 'vehicle_count', night, SEED))),
        );
      }
    }
  });

  it('keeps free-flow speeds at night close to the road’s design speed', () => {
    const night = vietnamTimeMs(2026, 10, 6, 3, 0);
    const ql1 = ordinary.filter((d) => d.groupId.startsWith('seg-ql1-'));
    expect(mean(ql1.map((d) => speedAt(d, night)))).toBeGreaterThan(52);
    expect(mean(ql1.map((d) => speedAt(d, night)))).toBeLessThan(66);
  });
});

describe('water level', () => {
  const gauge = () => ofKind('environment', 'river_level')[3] ?? device('env-wl-04');

  it('follows a semi-diurnal tide with a period of about 12.42 hours', () => {
    const step = 5 * MINUTE_MS;
    const start = MARCH_WEEK;
    const series = times(start, start + 8 * DAY_MS, step).map((at) => ({ at, level: simulateValue(gauge(), 'water_level', at, SEED) }));
    // A peak is the highest point within three hours either side (noise makes small local bumps).
    const window = (3 * HOUR_MS) / step;
    const peaks = series.filter((point, i) => {
      const around = series.slice(Math.max(0, i - window), i + window + 1);
      return i >= window && i < series.length - window && around.every((other) => other.level <= point.level) && around[0]?.level !== point.level;
    });
    // Consecutive samples at a flat top: keep the first of each run.
    const distinct = peaks.filter((peak, i) => i === 0 || peak.at - (peaks[i - 1]?.at ?? 0) > 6 * HOUR_MS);
    expect(distinct.length).toBeGreaterThanOrEqual(14);
    const first = distinct[0]?.at ?? 0;
    const last = distinct[distinct.length - 1]?.at ?? 0;
    const meanSpacingHours = (last - first) / (distinct.length - 1) / HOUR_MS;
    expect(meanSpacingHours).toBeGreaterThan(TIDE_PERIOD_HOURS - 0.25);
    expect(meanSpacingHours).toBeLessThan(TIDE_PERIOD_HOURS + 0.25);
    // Two tides a day with a range of a couple of metres, as on the Tiền at Mỹ Tho.
    const levels = series.map((p) => p.level);
    expect(Math.max(...levels) - Math.min(...levels)).toBeGreaterThan(150);
  });

  it('stays below alarm level III when no tidal flood is scheduled', () => {
    const start = MARCH_WEEK;
    const end = start + 7 * DAY_MS;
    const floods = scheduledEvents(start, end, SEED).filter((e) => e.kind === 'tidal_flood');
    const gauges = ofKind('environment').filter((d) => d.kind.endsWith('_level'));
    for (const at of times(start, end, 20 * MINUTE_MS)) {
      if (floods.some((f) => at >= f.startMs && at < f.endMs)) continue;
      for (const g of gauges) expect(simulateValue(g, 'water_level', at, SEED)).toBeLessThan(g.thresholds['water_level']?.alarmLevels?.[2] ?? 0);
    }
  });
});

describe('salinity', () => {
  const east = () => device('env-sa-06');
  const west = () => device('env-sa-01');
  const dailyMean = (d: Device, dayStart: number) => mean(times(dayStart, dayStart + DAY_MS, 30 * MINUTE_MS).map((at) => simulateValue(d, 'salinity', at, SEED)));

  it('is high in the dry season (Dec–May) and near zero in the wet season', () => {
    expect(dailyMean(east(), MARCH_WEEK)).toBeGreaterThan(0.8);
    expect(dailyMean(east(), vietnamTimeMs(2026, 8, 10))).toBeLessThan(0.2);
    expect(dailyMean(east(), vietnamTimeMs(2026, 1, 12))).toBeGreaterThan(3 * dailyMean(east(), vietnamTimeMs(2026, 9, 14)));
  });

  it('is lower upstream (west) and higher at high tide', () => {
    expect(dailyMean(west(), MARCH_WEEK)).toBeLessThan(0.5 * dailyMean(east(), MARCH_WEEK));
    const samples = times(MARCH_WEEK, MARCH_WEEK + 2 * DAY_MS, 20 * MINUTE_MS).map((at) => ({
      salinity: simulateValue(east(), 'salinity', at, SEED),
      level: simulateValue(device('env-wl-07'), 'water_level', at, SEED),
    }));
    const sorted = [...samples].sort((a, b) => a.level - b.level);
    const lowTide = sorted.slice(0, sorted.length / 4);
    const highTide = sorted.slice((3 * sorted.length) / 4);
    expect(mean(highTide.map((s) => s.salinity))).toBeGreaterThan(1.5 * mean(lowTide.map((s) => s.salinity)));
  });
});

describe('weather, air and Wi-Fi', () => {
  it('is warmer in the afternoon than before dawn, and more humid at night', () => {
    const station = device('env-wx-01');
    const days = [9, 10, 11, 12, 13].map((day) => vietnamTimeMs(2026, 3, day));
    expect(mean(days.map((d) => simulateValue(station, 'temperature', d + 14 * HOUR_MS, SEED)))).toBeGreaterThan(
      mean(days.map((d) => simulateValue(station, 'temperature', d + 5 * HOUR_MS, SEED))) + 4,
    );
    expect(mean(days.map((d) => simulateValue(station, 'humidity', d + 5 * HOUR_MS, SEED)))).toBeGreaterThan(
      mean(days.map((d) => simulateValue(station, 'humidity', d + 14 * HOUR_MS, SEED))) + 10,
    );
  });

  it('rains now and then in the wet season, hardly in the dry season', () => {
    const rainyMinutes = (start: number) =>
      ofKind('environment', 'weather').reduce(
        (sum, d) => sum + times(start, start + 14 * DAY_MS, 10 * MINUTE_MS).filter((at) => simulateValue(d, 'rainfall', at, SEED) > 0).length,
        0,
      );
    const wet = rainyMinutes(vietnamTimeMs(2026, 9, 1));
    expect(wet).toBeGreaterThan(50);
    expect(rainyMinutes(vietnamTimeMs(2026, 2, 1))).toBeLessThan(wet / 4);
  });

  it('raises PM2.5 in the traffic peaks', () => {
    const stations = ofKind('environment', 'air');
    const days = [5, 6, 7, 8, 9].map((day) => vietnamTimeMs(2026, 10, day));
    const at = (hour: number) => mean(days.flatMap((d) => stations.map((s) => simulateValue(s, 'pm25', d + hour * HOUR_MS, SEED))));
    expect(at(7.5)).toBeGreaterThan(1.5 * at(3));
    expect(at(17.5)).toBeGreaterThan(1.3 * at(3));
  });

  it('fills parks in the evening and empties them at night', () => {
    const park = device('wifi-01');
    const days = [5, 6, 7].map((day) => vietnamTimeMs(2026, 10, day));
    expect(mean(days.map((d) => simulateValue(park, 'connected_users', d + 19.5 * HOUR_MS, SEED)))).toBeGreaterThan(
      5 * mean(days.map((d) => simulateValue(park, 'connected_users', d + 2 * HOUR_MS, SEED))),
    );
  });
});

describe('cameras', () => {
  const cameras = ofKind('camera');
  const day = times(OCTOBER_WEEK, OCTOBER_WEEK + DAY_MS, 5 * MINUTE_MS);

  it('keeps almost all cameras online, with a few dropping out for a while and coming back', () => {
    let offline = 0;
    let cameraWithOutage = 0;
    let cameraBackOnline = 0;
    for (const camera of cameras) {
      const states = day.map((at) => cameraOnline(camera, at, SEED));
      offline += states.filter((up) => !up).length;
      const firstDown = states.indexOf(false);
      if (firstDown >= 0) {
        cameraWithOutage++;
        if (states.slice(firstDown).includes(true)) cameraBackOnline++;
      }
    }
    const share = offline / (cameras.length * day.length);
    expect(share).toBeGreaterThan(0.003);
    expect(share).toBeLessThan(0.05);
    expect(cameraWithOutage).toBeGreaterThan(5);
    expect(cameraBackOnline).toBeGreaterThanOrEqual(cameraWithOutage - 3);
  });

  it('reports only its heartbeat (0) while offline, and analytics counts while online', () => {
    const camera = cameras.find((c) => c.kind === 'traffic' && day.some((at) => !cameraOnline(c, at, SEED)));
    if (!camera) throw new Error('expected an outage among the traffic cameras');
    const down = day.find((at) => !cameraOnline(camera, at, SEED)) ?? 0;
    expect(simulateReadings(camera, down, SEED).map((r) => [r.metric, r.value])).toEqual([['online', 0]]);
    const up = vietnamTimeMs(2026, 10, 5, 17, 30);
    const online = cameras.filter((c) => c.kind === 'traffic' && cameraOnline(c, up, SEED));
    const counts = online.map((c) => simulateValue(c, 'vehicle_count', up, SEED));
    expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    expect(mean(counts)).toBeGreaterThan(10);
  });
});

describe('dossiers', () => {
  const units = ofKind('dossier');
  const metrics = ['received', 'resolved_on_time', 'resolved_late', 'overdue'];

  it('are zero outside office hours (Mon–Fri 7:00–11:30, 13:30–17:00)', () => {
    const outside = [
      vietnamTimeMs(2026, 10, 5, 6, 45), // before opening
      vietnamTimeMs(2026, 10, 5, 12, 30), // lunch
      vietnamTimeMs(2026, 10, 5, 13, 30), // the quarter before reopening
      vietnamTimeMs(2026, 10, 5, 17, 30),
      vietnamTimeMs(2026, 10, 5, 22, 0),
      vietnamTimeMs(2026, 10, 10, 10, 0), // Saturday
      vietnamTimeMs(2026, 10, 11, 15, 0), // Sunday
    ];
    for (const at of outside) for (const unit of units) for (const metric of metrics) expect(simulateValue(unit, metric, at, SEED)).toBe(0);
    expect(isOfficeHours(vietnamTimeMs(2026, 10, 5, 9, 0))).toBe(true);
    expect(isOfficeHours(vietnamTimeMs(2026, 10, 5, 11, 45))).toBe(false);
    expect(isOfficeHours(vietnamTimeMs(2026, 10, 10, 9, 0))).toBe(false);
  });

  it('arrive and are resolved during office hours, mostly on time', () => {
    const week = times(OCTOBER_WEEK, OCTOBER_WEEK + 7 * DAY_MS, 15 * MINUTE_MS);
    const total = (metric: string) => units.reduce((sum, unit) => sum + week.reduce((s, at) => s + simulateValue(unit, metric, at, SEED), 0), 0);
    const received = total('received');
    expect(received).toBeGreaterThan(500);
    expect(total('resolved_on_time')).toBeGreaterThan(0.8 * received);
    expect(total('resolved_late')).toBeLessThan(0.1 * received);
  });
});

describe('scheduled events', () => {
  const month = (start: number) => scheduledEvents(start, start + 30 * DAY_MS, SEED);
  const middle = (event: SimulatedEvent) => (event.startMs + event.endMs) / 2;

  it('come now and then: a few jams and PM2.5 spikes a week, tidal floods mostly in the king-tide season', () => {
    const october = month(vietnamTimeMs(2026, 10, 1));
    const april = month(vietnamTimeMs(2026, 4, 1));
    const count = (events: SimulatedEvent[], kind: SimulatedEvent['kind']) => events.filter((e) => e.kind === kind).length;
    expect(count(october, 'bridge_jam')).toBeGreaterThan(15);
    expect(count(october, 'bridge_jam')).toBeLessThan(120);
    expect(count(october, 'pm25_spike')).toBeGreaterThan(10);
    expect(count(october, 'pm25_spike')).toBeLessThan(100);
    expect(count(october, 'tidal_flood')).toBeGreaterThan(count(april, 'tidal_flood'));
    expect(count(october, 'tidal_flood')).toBeGreaterThan(5);
    expect(scheduledEvents(vietnamTimeMs(2026, 10, 1), vietnamTimeMs(2026, 10, 8), SEED)).toEqual(
      scheduledEvents(vietnamTimeMs(2026, 10, 1), vietnamTimeMs(2026, 10, 8), SEED),
    );
  });

  it('a jam on the Rạch Miễu bridge approach collapses speed and fills the road', () => {
    const jams = month(vietnamTimeMs(2026, 10, 1)).filter((e) => e.kind === 'bridge_jam');
    const bridge = device('trf-023'); // QL60 segment 1, on the bridge
    expect(bridge.groupId).toBe('seg-ql60-01');
    for (const jam of jams) {
      const at = middle(jam);
      const occupancy = simulateValue(bridge, 'occupancy', at, SEED);
      expect(occupancy).toBeGreaterThan(bridge.thresholds['occupancy']?.critical ?? Infinity);
      expect(simulateValue(bridge, 'mean_speed', at, SEED)).toBeLessThan(12);
      // Hours later the road is back to normal.
      expect(simulateValue(bridge, 'occupancy', jam.endMs + 3 * HOUR_MS, SEED)).toBeLessThan(bridge.thresholds['occupancy']?.warning ?? 0);
    }
  });

  it('a PM2.5 spike lifts one station above the critical threshold and leaves the others normal', () => {
    const spikes = month(vietnamTimeMs(2026, 10, 1)).filter((e) => e.kind === 'pm25_spike');
    const stations = ofKind('environment', 'air');
    for (const spike of spikes) {
      const at = middle(spike);
      // Another spike may overlap this one; only the stations hit by neither must stay normal.
      const hit = new Set(spikes.filter((s) => at >= s.startMs && at < s.endMs).map((s) => s.target));
      const target = device(spike.target);
      expect(simulateValue(target, 'pm25', at, SEED)).toBeGreaterThan(target.thresholds['pm25']?.critical ?? Infinity);
      for (const other of stations.filter((s) => !hit.has(s.id))) expect(simulateValue(other, 'pm25', at, SEED)).toBeLessThan(other.thresholds['pm25']?.warning ?? 0);
    }
  });

  it('a tidal flood takes river and canal gauges above alarm level III for a while', () => {
    const floods = month(vietnamTimeMs(2026, 10, 1)).filter((e) => e.kind === 'tidal_flood');
    const gauges = ofKind('environment').filter((d) => d.kind.endsWith('_level'));
    for (const flood of floods) {
      const window = times(flood.startMs, flood.endMs, 10 * MINUTE_MS);
      const aboveIII = gauges.filter((g) => window.some((at) => simulateValue(g, 'water_level', at, SEED) > (g.thresholds['water_level']?.alarmLevels?.[2] ?? Infinity)));
      expect(aboveIII.length).toBeGreaterThanOrEqual(3);
      expect(aboveIII.some((g) => g.kind === 'river_level')).toBe(true);
      // For a while: at least half an hour at the most exposed gauge.
      const longest = Math.max(
        ...aboveIII.map((g) => window.filter((at) => simulateValue(g, 'water_level', at, SEED) > (g.thresholds['water_level']?.alarmLevels?.[2] ?? 0)).length),
      );
      expect(longest * 10).toBeGreaterThanOrEqual(30);
      // Flood cameras see water on the road.
      const floodCameras = ofKind('camera', 'flood');
      const peak = flood.startMs + 3 * HOUR_MS;
      const sightings = floodCameras.reduce((sum, c) => sum + times(peak - HOUR_MS, peak + HOUR_MS, 5 * MINUTE_MS).reduce((s, at) => s + simulateValue(c, 'water_on_road', at, SEED), 0), 0);
      expect(sightings).toBeGreaterThan(10);
    }
  });
});
