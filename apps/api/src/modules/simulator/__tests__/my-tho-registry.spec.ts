import { deviceSchema, MY_THO_BOUNDS, ZONES, type Device } from '@mekong-ioc/shared';
import { AIR_STATION_IDS, buildMyThoRegistry, MY_THO_ROADS, roadOfSegment, tienRiverBankLat, zoneOf } from '../my-tho-registry';

const registry = buildMyThoRegistry(1679);
const byFeed = (feed: Device['feed']) => registry.filter((device) => device.feed === feed);
const countBy = <K extends string>(devices: readonly Device[], key: (device: Device) => K): Record<string, number> =>
  devices.reduce<Record<string, number>>((counts, device) => ({ ...counts, [key(device)]: (counts[key(device)] ?? 0) + 1 }), {});

describe('buildMyThoRegistry', () => {
  it('has the city-sized fleet of the domain brief', () => {
    expect(byFeed('traffic')).toHaveLength(100);
    expect(byFeed('environment')).toHaveLength(50);
    expect(byFeed('camera')).toHaveLength(300);
    // Wards 1–10 and Tân Long, six communes, and the city's own one-stop office.
    expect(byFeed('dossier')).toHaveLength(18);
    expect(byFeed('wifi')).toHaveLength(20);
    expect(countBy(byFeed('camera'), (d) => d.kind)).toEqual({ traffic: 150, security: 110, flood: 40 });
    expect(countBy(byFeed('environment'), (d) => d.kind)).toEqual({ air: 12, river_level: 8, canal_level: 8, salinity: 6, weather: 8, noise: 8 });
  });

  it('gives every device a unique, short, stable id', () => {
    const ids = registry.map((device) => device.id);
    expect(new Set(ids).size).toBe(ids.length);
    const patterns: Record<Device['feed'], RegExp> = {
      traffic: /^trf-\d{3}$/,
      environment: /^env-(aq|wl|cl|sa|wx|ns)-\d{2}$/,
      camera: /^cam-\d{3}$/,
      dossier: /^dos-[a-z0-9-]+$/,
      wifi: /^wifi-\d{2}$/,
    };
    for (const device of registry) expect(device.id).toMatch(patterns[device.feed]);
    expect(registry.find((d) => d.id === 'dos-p1')?.nameVi).toBe('UBND Phường 1');
  });

  it('is valid against the shared device schema, nothing stripped', () => {
    for (const device of registry) {
      const parsed = deviceSchema.safeParse(device);
      expect(parsed.success ? parsed.data : parsed.error.issues).toEqual(device);
    }
  });

  it('reports at the expected intervals of each feed', () => {
    const intervals = Object.fromEntries(
      (['traffic', 'environment', 'camera', 'dossier', 'wifi'] as const).map((feed) => [feed, [...new Set(byFeed(feed).map((d) => d.expectedIntervalSeconds))]]),
    );
    expect(intervals).toEqual({ traffic: [30], environment: [60], camera: [60], dossier: [900], wifi: [300] });
  });

  it('places every device inside the demo bounding box, in the zone its location falls in', () => {
    for (const device of registry) {
      expect(device.lat).toBeGreaterThanOrEqual(MY_THO_BOUNDS.south);
      expect(device.lat).toBeLessThanOrEqual(MY_THO_BOUNDS.north);
      expect(device.lon).toBeGreaterThanOrEqual(MY_THO_BOUNDS.west);
      expect(device.lon).toBeLessThanOrEqual(MY_THO_BOUNDS.east);
      expect(device.zone).toBe(zoneOf(device.lat, device.lon));
    }
  });

  it('spreads the city over the five zones, with the old centre the densest', () => {
    const zones = countBy(registry, (d) => d.zone);
    for (const zone of ZONES) expect(zones[zone]).toBeGreaterThan(20);
    const traffic = countBy(byFeed('traffic'), (d) => d.zone);
    for (const zone of ZONES) expect(traffic[zone]).toBeGreaterThan(0);
    expect(Math.max(...Object.values(zones))).toBe(zones['central']);
    // QL1 runs north of the city; QL60 and the Rạch Miễu bridge are on the east side.
    const ql1 = byFeed('traffic').filter((d) => d.groupId.startsWith('seg-ql1-'));
    expect(ql1.every((d) => d.zone === 'northwest' || d.zone === 'northeast')).toBe(true);
    const ql60 = byFeed('traffic').filter((d) => d.groupId.startsWith('seg-ql60-'));
    expect(ql60.filter((d) => d.lat < 10.372).every((d) => d.zone === 'east')).toBe(true);
    expect(registry.find((d) => d.id === 'dos-tan-my-chanh')?.zone).toBe('west');
    expect(registry.find((d) => d.id === 'dos-trung-an')?.zone).toBe('northwest');
  });

  it('puts the river gauges on the Tiền (south edge) and the canal gauges inland', () => {
    const river = byFeed('environment').filter((d) => d.kind === 'river_level');
    const canal = byFeed('environment').filter((d) => d.kind === 'canal_level');
    for (const gauge of river) expect(gauge.lat).toBeLessThan(tienRiverBankLat(gauge.lon));
    for (const gauge of canal) expect(gauge.lat).toBeGreaterThan(tienRiverBankLat(gauge.lon));
    // The Rạch Miễu crossing is on the east side of the centre.
    expect(byFeed('traffic').filter((d) => d.nameVi.includes('Rạch Miễu')).every((d) => d.lon > 106.385)).toBe(true);
  });

  it('ties every traffic detector to a road segment and every camera to a segment, site or gauge', () => {
    const segments = new Set(byFeed('traffic').map((d) => d.groupId));
    expect(segments.size).toBe(100);
    for (const detector of byFeed('traffic')) expect(roadOfSegment(detector.groupId)).toBeDefined();
    expect(MY_THO_ROADS.reduce((sum, road) => sum + road.segments, 0)).toBe(100);
    const gauges = new Set(byFeed('environment').filter((d) => d.kind.endsWith('_level')).map((d) => d.groupId));
    for (const camera of byFeed('camera')) {
      if (camera.kind === 'traffic') expect(segments.has(camera.groupId)).toBe(true);
      if (camera.kind === 'flood') expect(gauges.has(camera.groupId)).toBe(true);
      if (camera.kind === 'security') expect(camera.groupId).toMatch(/^poi-/);
    }
  });

  it('gives stations their alarm thresholds', () => {
    for (const device of byFeed('environment')) {
      if (device.kind.endsWith('_level')) {
        const levels = device.thresholds['water_level']?.alarmLevels;
        expect(levels).toBeDefined();
        const [first = 0, second = 0, third = 0] = levels ?? [];
        expect(first).toBeLessThan(second);
        expect(second).toBeLessThan(third);
      }
      if (device.kind === 'air') expect(device.thresholds['pm25']).toEqual({ warning: 80, critical: 150 });
      if (device.kind === 'salinity') expect(device.thresholds['salinity']).toEqual({ warning: 1, critical: 4 });
    }
    for (const detector of byFeed('traffic')) expect(detector.thresholds['occupancy']).toEqual({ warning: 45, critical: 65 });
    expect(AIR_STATION_IDS).toEqual(byFeed('environment').filter((d) => d.kind === 'air').map((d) => d.id));
  });

  it('is the same for the same seed; another seed moves devices a little but keeps ids, kinds and groups', () => {
    expect(buildMyThoRegistry(1679)).toEqual(registry);
    const other = buildMyThoRegistry(42);
    const shape = (devices: Device[]) => devices.map(({ id, feed, kind, groupId, expectedIntervalSeconds }) => ({ id, feed, kind, groupId, expectedIntervalSeconds }));
    expect(shape(other)).toEqual(shape(registry));
    const moved = other.filter((device, i) => device.lat !== registry[i]?.lat || device.lon !== registry[i]?.lon);
    expect(moved.length).toBeGreaterThan(registry.length / 2);
    const furthest = Math.max(...other.map((device, i) => Math.abs(device.lat - (registry[i]?.lat ?? 0)) + Math.abs(device.lon - (registry[i]?.lon ?? 0))));
    expect(furthest).toBeLessThan(0.001);
  });
});
