import { z } from 'zod';
import type { Feed } from '../auth/api-key-scope';
import { FeedDefinition, readingSchemaFor } from './feed-definition';

/** Per road segment, every 30 s: vehicles counted, mean speed, occupancy of the detector. */
export const TRAFFIC_FEED = {
  id: 'traffic',
  labelVi: 'Giao thông',
  labelEn: 'Traffic',
  metrics: {
    vehicle_count: { unit: 'veh', min: 0, max: 10_000, labelVi: 'Lưu lượng xe', labelEn: 'Vehicles counted' },
    mean_speed: { unit: 'km/h', min: 0, max: 200, labelVi: 'Tốc độ trung bình', labelEn: 'Mean speed' },
    occupancy: { unit: '%', min: 0, max: 100, labelVi: 'Độ chiếm dụng', labelEn: 'Occupancy' },
  },
} as const satisfies FeedDefinition;

/** Air, water and weather stations, every minute. */
export const ENVIRONMENT_FEED = {
  id: 'environment',
  labelVi: 'Môi trường',
  labelEn: 'Environment',
  metrics: {
    pm25: { unit: 'µg/m³', min: 0, max: 1_000, labelVi: 'Bụi PM2.5', labelEn: 'PM2.5' },
    pm10: { unit: 'µg/m³', min: 0, max: 2_000, labelVi: 'Bụi PM10', labelEn: 'PM10' },
    co: { unit: 'µg/m³', min: 0, max: 100_000, labelVi: 'CO', labelEn: 'CO' },
    no2: { unit: 'µg/m³', min: 0, max: 5_000, labelVi: 'NO₂', labelEn: 'NO₂' },
    o3: { unit: 'µg/m³', min: 0, max: 2_000, labelVi: 'O₃', labelEn: 'O₃' },
    water_level: { unit: 'cm', min: -500, max: 1_000, labelVi: 'Mực nước', labelEn: 'Water level' },
    salinity: { unit: '‰', min: 0, max: 45, labelVi: 'Độ mặn', labelEn: 'Salinity' },
    rainfall: { unit: 'mm', min: 0, max: 500, labelVi: 'Lượng mưa', labelEn: 'Rainfall' },
    temperature: { unit: '°C', min: -10, max: 60, labelVi: 'Nhiệt độ', labelEn: 'Temperature' },
    humidity: { unit: '%', min: 0, max: 100, labelVi: 'Độ ẩm', labelEn: 'Humidity' },
    noise: { unit: 'dBA', min: 0, max: 160, labelVi: 'Tiếng ồn', labelEn: 'Noise' },
  },
} as const satisfies FeedDefinition;

/** Camera heartbeats (online 1 / 0) and analytics event counts. */
export const CAMERA_FEED = {
  id: 'camera',
  labelVi: 'Camera',
  labelEn: 'Cameras',
  metrics: {
    online: { unit: 'state', min: 0, max: 1, labelVi: 'Trực tuyến', labelEn: 'Online' },
    vehicle_count: { unit: 'veh', min: 0, max: 10_000, labelVi: 'Đếm xe', labelEn: 'Vehicle count' },
    wrong_way: { unit: 'event', min: 0, max: 1_000, labelVi: 'Đi ngược chiều', labelEn: 'Wrong way' },
    illegal_parking: { unit: 'event', min: 0, max: 1_000, labelVi: 'Đỗ xe sai quy định', labelEn: 'Illegal parking' },
    crowd: { unit: 'event', min: 0, max: 1_000, labelVi: 'Tụ tập đông người', labelEn: 'Crowd' },
    smoke_fire: { unit: 'event', min: 0, max: 1_000, labelVi: 'Khói, lửa', labelEn: 'Smoke or fire' },
    water_on_road: { unit: 'event', min: 0, max: 1_000, labelVi: 'Ngập nước trên đường', labelEn: 'Water on road' },
  },
} as const satisfies FeedDefinition;

/** Administrative dossiers per unit, counted during office hours. */
export const DOSSIER_FEED = {
  id: 'dossier',
  labelVi: 'Hồ sơ thủ tục hành chính',
  labelEn: 'Public-service dossiers',
  metrics: {
    received: { unit: 'dossier', min: 0, max: 100_000, labelVi: 'Hồ sơ tiếp nhận', labelEn: 'Received' },
    resolved_on_time: { unit: 'dossier', min: 0, max: 100_000, labelVi: 'Giải quyết đúng hạn', labelEn: 'Resolved on time' },
    resolved_late: { unit: 'dossier', min: 0, max: 100_000, labelVi: 'Giải quyết trễ hạn', labelEn: 'Resolved late' },
    overdue: { unit: 'dossier', min: 0, max: 100_000, labelVi: 'Quá hạn', labelEn: 'Overdue' },
  },
} as const satisfies FeedDefinition;

/** Public Wi-Fi hotspots (the article's "smart Wi-Fi"): a feed added by this one definition. */
export const WIFI_FEED = {
  id: 'wifi',
  labelVi: 'Wi-Fi công cộng',
  labelEn: 'Public Wi-Fi',
  metrics: {
    connected_users: { unit: 'user', min: 0, max: 5_000, labelVi: 'Người dùng đang kết nối', labelEn: 'Connected users' },
    traffic_mb: { unit: 'MB', min: 0, max: 1_000_000, labelVi: 'Dung lượng truyền', labelEn: 'Data transferred' },
  },
} as const satisfies FeedDefinition;

/** Every machine feed, by id. Adding a feed is one definition here (plus its KPIs). */
export const FEED_DEFINITIONS = {
  traffic: TRAFFIC_FEED,
  environment: ENVIRONMENT_FEED,
  camera: CAMERA_FEED,
  dossier: DOSSIER_FEED,
  wifi: WIFI_FEED,
} as const;

export type FeedId = keyof typeof FEED_DEFINITIONS;
// Every feed an API key can be scoped to has a definition, and the reverse.
export const _feedsMatch: [FeedId, Feed] extends [Feed, FeedId] ? true : never = true;
export type MetricOf<F extends FeedId> = keyof (typeof FEED_DEFINITIONS)[F]['metrics'] & string;

export const READING_SCHEMAS = {
  traffic: readingSchemaFor(TRAFFIC_FEED),
  environment: readingSchemaFor(ENVIRONMENT_FEED),
  camera: readingSchemaFor(CAMERA_FEED),
  dossier: readingSchemaFor(DOSSIER_FEED),
  wifi: readingSchemaFor(WIFI_FEED),
} as const;

export type Reading<F extends FeedId = FeedId> = z.infer<(typeof READING_SCHEMAS)[F]>;
