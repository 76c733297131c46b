import { FEED_DEFINITIONS, type UpsertAlertRuleRequest } from '@mekong-ioc/shared';

/**
 * The rules a demo starts with; an admin edits or removes them like any other. Numbers: water
 * level from each gauge's own alarm levels (II warning, III critical), PM2.5 against the 24-hour
 * QCVN 05:2023 limit and its "very unhealthy" band, salinity at 4‰ (the limit for irrigating rice
 * in the delta).
 */
export const DEMO_ALERT_RULES: readonly { seedKey: string; rule: UpsertAlertRuleRequest }[] = [
  {
    seedKey: 'demo:water-level',
    rule: {
      name: { vi: 'Mực nước vượt mức báo động', en: 'Water level above alarm level' },
      target: { kind: 'device', feed: 'environment', metric: 'water_level', deviceId: null, thresholdsFromDevice: true },
      comparator: 'above',
      warning: null,
      critical: null,
      hysteresis: 5,
      forSeconds: 60,
      enabled: true,
      openIncident: true,
      incidentCategory: 'flooding',
    },
  },
  {
    seedKey: 'demo:pm25',
    rule: {
      name: { vi: 'Bụi PM2.5 vượt ngưỡng', en: 'PM2.5 above limit' },
      target: { kind: 'device', feed: 'environment', metric: 'pm25', deviceId: null },
      comparator: 'above',
      warning: 80,
      critical: 150,
      hysteresis: 10,
      forSeconds: 300,
      enabled: true,
      openIncident: false,
      incidentCategory: 'waste_environment',
    },
  },
  {
    seedKey: 'demo:salinity',
    rule: {
      name: { vi: 'Độ mặn vượt 4‰', en: 'Salinity above 4‰' },
      target: { kind: 'device', feed: 'environment', metric: 'salinity', deviceId: null },
      comparator: 'above',
      warning: null,
      critical: 4,
      hysteresis: 0.3,
      forSeconds: 300,
      enabled: true,
      openIncident: false,
      incidentCategory: 'waste_environment',
    },
  },
  {
    seedKey: 'demo:camera-offline',
    rule: {
      name: { vi: 'Camera mất tín hiệu', en: 'Camera offline' },
      target: { kind: 'no_data', feed: 'camera', deviceId: null, factor: 3 },
      comparator: 'above',
      warning: null,
      critical: null,
      hysteresis: 0,
      forSeconds: 0,
      enabled: true,
      openIncident: false,
    },
  },
  {
    seedKey: 'demo:camera-reports-offline',
    rule: {
      name: { vi: 'Camera báo ngoại tuyến', en: 'Camera reports offline' },
      target: { kind: 'device', feed: 'camera', metric: 'online', deviceId: null },
      comparator: 'below',
      warning: 0.5,
      critical: null,
      hysteresis: 0,
      forSeconds: 60,
      enabled: true,
      openIncident: false,
    },
  },
  ...(['traffic', 'environment', 'camera'] as const).map((feed) => ({
    seedKey: `demo:feed-silent:${feed}`,
    rule: {
      name: { vi: `Luồng dữ liệu ngừng: ${FEED_DEFINITIONS[feed].labelVi}`, en: `Feed silent: ${FEED_DEFINITIONS[feed].labelEn}` },
      target: { kind: 'no_data' as const, feed, deviceId: null, factor: 3, wholeFeed: true },
      comparator: 'above' as const,
      warning: null,
      critical: 0,
      hysteresis: 0,
      forSeconds: 0,
      enabled: true,
      openIncident: false,
    },
  })),
];
