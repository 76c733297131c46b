import type { Device, Feed } from '@mekong-ioc/shared';

/** A registry entry for tests, with plausible defaults for Mỹ Tho. */
export const testDevice = (id: string, feed: Feed, overrides: Partial<Device> = {}): Omit<Device, 'id'> => ({
  feed,
  kind: feed === 'environment' ? 'air' : feed,
  nameVi: `Thiết bị ${id}`,
  nameEn: `Device ${id}`,
  lat: 10.355,
  lon: 106.365,
  zone: 'central',
  groupId: `group-${id}`,
  expectedIntervalSeconds: 60,
  thresholds: {},
  active: true,
  ...overrides,
});
