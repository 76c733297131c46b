import { z } from 'zod';
import type { BilingualLabel } from '../i18n/bilingual-label';

/** What a KPI can be broken down by on a drill-down. */
export const KPI_DIMENSIONS = ['zone', 'category', 'agency', 'device', 'priority', 'kind'] as const;
export const kpiDimensionSchema = z.enum(KPI_DIMENSIONS);
export type KpiDimension = z.infer<typeof kpiDimensionSchema>;

/** The windows a KPI can be asked for; `today` runs from local (Asia/Ho_Chi_Minh) midnight. */
export const KPI_WINDOWS = ['15m', '1h', '24h', 'today', '7d'] as const;
export const kpiWindowSchema = z.enum(KPI_WINDOWS);
export type KpiWindow = z.infer<typeof kpiWindowSchema>;

export const KPI_STATUSES = ['normal', 'warning', 'critical', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export type KpiDirection = 'higher_is_worse' | 'higher_is_better';

export const KPI_GROUPS = ['reports', 'incidents', 'traffic', 'environment', 'cameras', 'public_services'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

export interface KpiDefinition {
  id: string;
  group: KpiGroup;
  label: BilingualLabel;
  /** Unit as shown beside the number; '' for a count. */
  unit: string;
  window: KpiWindow;
  direction: KpiDirection;
  /** Where warning and critical begin, in the KPI's unit; `null` when the KPI has no status colour. */
  thresholds: { warning: number; critical: number } | null;
  dimensions: readonly KpiDimension[];
}

/**
 * The starting set of the domain brief. Thresholds are the demo's defaults; alert rules (data, not
 * code) may set their own per KPI and per device.
 */
export const KPI_DEFINITIONS = [
  // Citizen reports
  { id: 'reports.received_today', group: 'reports', label: { vi: 'Phản ánh hôm nay', en: 'Reports today' }, unit: '', window: 'today', direction: 'higher_is_worse', thresholds: null, dimensions: ['zone', 'category'] },
  { id: 'reports.open', group: 'reports', label: { vi: 'Phản ánh đang mở', en: 'Open reports' }, unit: '', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 40, critical: 80 }, dimensions: ['zone', 'category', 'agency'] },
  { id: 'reports.overdue', group: 'reports', label: { vi: 'Phản ánh quá hạn', en: 'Overdue reports' }, unit: '', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 5, critical: 15 }, dimensions: ['zone', 'category', 'agency'] },
  { id: 'reports.on_time_rate', group: 'reports', label: { vi: 'Tỷ lệ xử lý đúng hạn', en: 'Resolved on time' }, unit: '%', window: '7d', direction: 'higher_is_better', thresholds: { warning: 90, critical: 75 }, dimensions: ['zone', 'category', 'agency'] },
  { id: 'reports.median_first_response', group: 'reports', label: { vi: 'Thời gian phản hồi (trung vị)', en: 'Median first response' }, unit: 'phút', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 30, critical: 60 }, dimensions: ['zone', 'category', 'agency'] },
  // Incidents
  { id: 'incidents.active', group: 'incidents', label: { vi: 'Sự cố đang xử lý', en: 'Active incidents' }, unit: '', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 20, critical: 40 }, dimensions: ['priority', 'zone', 'category', 'agency'] },
  { id: 'incidents.active_p1', group: 'incidents', label: { vi: 'Sự cố khẩn cấp (P1)', en: 'Critical incidents (P1)' }, unit: '', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 1, critical: 3 }, dimensions: ['zone', 'category', 'agency'] },
  { id: 'incidents.mean_time_to_dispatch', group: 'incidents', label: { vi: 'Thời gian điều phối (TB)', en: 'Mean time to dispatch' }, unit: 'phút', window: '24h', direction: 'higher_is_worse', thresholds: { warning: 15, critical: 30 }, dimensions: ['priority', 'zone', 'agency'] },
  { id: 'incidents.mean_time_to_resolve', group: 'incidents', label: { vi: 'Thời gian xử lý (TB)', en: 'Mean time to resolve' }, unit: 'phút', window: '7d', direction: 'higher_is_worse', thresholds: { warning: 240, critical: 480 }, dimensions: ['priority', 'zone', 'agency'] },
  { id: 'incidents.within_sla', group: 'incidents', label: { vi: 'Tỷ lệ đạt SLA', en: 'Within SLA' }, unit: '%', window: '7d', direction: 'higher_is_better', thresholds: { warning: 90, critical: 80 }, dimensions: ['priority', 'zone', 'agency'] },
  // Traffic: congestion index = 1 − mean speed / free-flow speed, so 0 is free flow.
  { id: 'traffic.congestion_index', group: 'traffic', label: { vi: 'Chỉ số ùn tắc', en: 'Congestion index' }, unit: '%', window: '15m', direction: 'higher_is_worse', thresholds: { warning: 40, critical: 60 }, dimensions: ['zone', 'device'] },
  { id: 'traffic.vehicles_per_hour', group: 'traffic', label: { vi: 'Lưu lượng xe', en: 'Vehicles per hour' }, unit: 'xe/giờ', window: '1h', direction: 'higher_is_worse', thresholds: null, dimensions: ['zone', 'device'] },
  // Environment
  { id: 'environment.vn_aqi_worst', group: 'environment', label: { vi: 'VN_AQI cao nhất', en: 'Highest VN_AQI' }, unit: '', window: '1h', direction: 'higher_is_worse', thresholds: { warning: 101, critical: 151 }, dimensions: ['zone', 'device'] },
  { id: 'environment.water_level_vs_alarm', group: 'environment', label: { vi: 'Mực nước so với báo động', en: 'Water level vs alarm' }, unit: 'cm', window: '15m', direction: 'higher_is_worse', thresholds: { warning: -20, critical: 0 }, dimensions: ['device'] },
  { id: 'environment.salinity_max', group: 'environment', label: { vi: 'Độ mặn cao nhất', en: 'Highest salinity' }, unit: '‰', window: '1h', direction: 'higher_is_worse', thresholds: { warning: 1, critical: 4 }, dimensions: ['zone', 'device'] },
  // Cameras
  { id: 'cameras.online_share', group: 'cameras', label: { vi: 'Camera trực tuyến', en: 'Cameras online' }, unit: '%', window: '15m', direction: 'higher_is_better', thresholds: { warning: 95, critical: 85 }, dimensions: ['zone', 'kind'] },
  { id: 'cameras.events_last_hour', group: 'cameras', label: { vi: 'Sự kiện phân tích (1 giờ)', en: 'Analytics events (1 h)' }, unit: '', window: '1h', direction: 'higher_is_worse', thresholds: null, dimensions: ['zone', 'kind', 'device'] },
  // Public-service dossiers
  { id: 'public_services.received', group: 'public_services', label: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' }, unit: '', window: 'today', direction: 'higher_is_better', thresholds: null, dimensions: ['agency'] },
  { id: 'public_services.on_time_rate', group: 'public_services', label: { vi: 'Hồ sơ đúng hạn', en: 'Dossiers on time' }, unit: '%', window: '7d', direction: 'higher_is_better', thresholds: { warning: 95, critical: 85 }, dimensions: ['agency'] },
  { id: 'public_services.overdue', group: 'public_services', label: { vi: 'Hồ sơ quá hạn', en: 'Overdue dossiers' }, unit: '', window: 'today', direction: 'higher_is_worse', thresholds: { warning: 5, critical: 20 }, dimensions: ['agency'] },
] as const satisfies readonly KpiDefinition[];

export type KpiId = (typeof KPI_DEFINITIONS)[number]['id'];
export const KPI_IDS = KPI_DEFINITIONS.map((definition) => definition.id) as KpiId[];
export const kpiIdSchema = z.enum(KPI_IDS as [KpiId, ...KpiId[]]);

const BY_ID = new Map<string, KpiDefinition>(KPI_DEFINITIONS.map((definition) => [definition.id, definition]));
export const kpiDefinition = (id: KpiId): KpiDefinition => BY_ID.get(id) as KpiDefinition;

/** Status colour of a value: thresholds are where warning and critical begin, in the KPI's direction. */
export function kpiStatus(definition: Pick<KpiDefinition, 'direction' | 'thresholds'>, value: number | null): KpiStatus {
  if (value === null || !Number.isFinite(value)) return 'no_data';
  const { thresholds } = definition;
  if (!thresholds) return 'normal';
  const worse = definition.direction === 'higher_is_worse' ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  if (worse(value, thresholds.critical)) return 'critical';
  if (worse(value, thresholds.warning)) return 'warning';
  return 'normal';
}

/**
 * Targets of Mỹ Tho's 2025–2030 plan (domain brief), shown beside actuals on the wall and in the
 * briefing. They are economic: the actuals come from the statistics office, not from feeds.
 */
export interface PlanTarget {
  id: string;
  label: BilingualLabel;
  unit: BilingualLabel;
  /** A single value, or a range such as 8–8.5 %/year. */
  target: number | { min: number; max: number };
  year: number;
}

export const PLAN_TARGETS_2030: readonly PlanTarget[] = [
  { id: 'value_added_growth', label: { vi: 'Tăng trưởng giá trị tăng thêm', en: 'Value-added growth' }, unit: { vi: '%/năm', en: '%/year' }, target: { min: 8, max: 8.5 }, year: 2030 },
  { id: 'grdp_per_capita', label: { vi: 'GRDP bình quân đầu người', en: 'GRDP per capita' }, unit: { vi: 'triệu đồng', en: 'million VND' }, target: 258, year: 2030 },
  { id: 'social_investment', label: { vi: 'Tổng vốn đầu tư toàn xã hội', en: 'Total social investment' }, unit: { vi: 'tỷ đồng', en: 'billion VND' }, target: 66_500, year: 2030 },
];
