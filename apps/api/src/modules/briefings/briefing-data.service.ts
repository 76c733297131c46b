import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IncidentPriority, IncidentStatus, ReportCategory, Zone } from '@mekong-ioc/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** `[from, to)` of the week, and `asOf`: the end of the week, or now while it is not over. */
export interface BriefingRange {
  from: Date;
  to: Date;
  asOf: Date;
}

export interface IncidentTally {
  key: string | null;
  created: number;
  resolved: number;
  /** Resolved, or past the resolve deadline by `asOf`: the incidents the SLA can be judged on. */
  due: number;
  withinSla: number;
  dispatchDue: number;
  dispatchedWithinSla: number;
  meanResolveMinutes: number | null;
}

export interface OpenIncident {
  reference: string;
  category: ReportCategory;
  zone: Zone;
  priority: IncidentPriority;
  status: IncidentStatus;
  agencyVi: string | null;
  agencyEn: string | null;
  createdAt: Date;
  openHours: number;
}

export interface ReportTally {
  category: ReportCategory;
  received: number;
  resolved: number;
  resolvedOnTime: number;
}

export interface AirHourly {
  deviceId: string;
  nameVi: string;
  nameEn: string;
  hour: Date;
  metric: string;
  mean: number;
}

export interface WaterLevelStation {
  deviceId: string;
  nameVi: string;
  nameEn: string;
  levels: [number, number, number];
  peak: number | null;
  minutesAtLevel: [number, number, number];
  /** Times the level rose to alarm level I or above (from below it). */
  alarmsLevel1: number;
}

export interface SalinityStation {
  deviceId: string;
  nameVi: string;
  nameEn: string;
  warning: number | null;
  critical: number | null;
  peak: number | null;
  mean: number | null;
  minutesAboveWarning: number;
  minutesAboveCritical: number;
}

export interface TrafficSegment {
  deviceId: string;
  groupId: string;
  nameVi: string;
  nameEn: string;
  hours: number;
  congestedHours: number;
  meanIndex: number | null;
}

export interface CameraUptime {
  deviceId: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  /** 0…1 of the week so far. */
  uptime: number;
}

export interface DossierUnit {
  deviceId: string;
  nameVi: string;
  nameEn: string;
  received: number;
  resolvedOnTime: number;
  resolvedLate: number;
  overdue: number;
}

/** An hour of a segment counts as congested from this congestion index on (the KPI's warning level). */
export const CONGESTED_INDEX = 0.4;
const OPEN_STATUSES = `('new', 'verified', 'dispatched', 'on_scene')`;
/** Incidents that stand on their own: merged duplicates and rejected ones are not counted twice or at all. */
const COUNTED = `status NOT IN ('duplicate', 'rejected')`;

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The briefing's tables that the KPI service does not give, straight from the incident tables and
 * the one-minute rollups. Every query reads one week; none reads raw readings.
 */
@Injectable()
export class BriefingDataService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Incidents opened in the week, by category, zone, agency or priority. */
  async incidentTallies(range: BriefingRange, by: 'category' | 'zone' | 'agency_id' | 'priority'): Promise<IncidentTally[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${by}::text AS key,
              count(*)::int AS created,
              count(*) FILTER (WHERE resolved_at IS NOT NULL)::int AS resolved,
              count(*) FILTER (WHERE resolved_at IS NOT NULL OR resolve_deadline < $3)::int AS due,
              count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolved_at <= resolve_deadline)::int AS within_sla,
              count(*) FILTER (WHERE dispatched_at IS NOT NULL OR dispatch_deadline < $3)::int AS dispatch_due,
              count(*) FILTER (WHERE dispatched_at IS NOT NULL AND dispatched_at <= dispatch_deadline)::int AS dispatched_within,
              (avg(extract(epoch FROM resolved_at - created_at) / 60) FILTER (WHERE resolved_at IS NOT NULL))::float8 AS mean_resolve_minutes
         FROM incidents
        WHERE created_at >= $1 AND created_at < $2 AND ${COUNTED}
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      [range.from.toISOString(), range.to.toISOString(), range.asOf.toISOString()],
    );
    return rows.map((row) => ({
      key: row.key === null ? null : String(row.key),
      created: num(row.created),
      resolved: num(row.resolved),
      due: num(row.due),
      withinSla: num(row.within_sla),
      dispatchDue: num(row.dispatch_due),
      dispatchedWithinSla: num(row.dispatched_within),
      meanResolveMinutes: numOrNull(row.mean_resolve_minutes),
    }));
  }

  async agencyNames(): Promise<Map<string, { vi: string; en: string }>> {
    const rows = await this.dataSource.query<{ id: string; name_vi: string; name_en: string }[]>(`SELECT id, name_vi, name_en FROM agencies`);
    return new Map(rows.map((row) => [row.id, { vi: row.name_vi, en: row.name_en }]));
  }

  /** Incidents still open at the end of the week (or now), the longest-open first. */
  async longestOpen(range: BriefingRange, limit: number): Promise<OpenIncident[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT i.reference, i.category, i.zone, i.priority, i.status, a.name_vi, a.name_en, i.created_at,
              (extract(epoch FROM $1::timestamptz - i.created_at) / 3600)::float8 AS open_hours
         FROM incidents i LEFT JOIN agencies a ON a.id = i.agency_id
        WHERE i.created_at < $1 AND i.${COUNTED}
          AND (i.status IN ${OPEN_STATUSES} OR i.resolved_at >= $1 OR (i.resolved_at IS NULL AND i.closed_at >= $1))
        ORDER BY i.created_at, i.reference
        LIMIT $2`,
      [range.asOf.toISOString(), limit],
    );
    return rows.map((row) => ({
      reference: String(row.reference),
      category: row.category as ReportCategory,
      zone: row.zone as Zone,
      priority: row.priority as IncidentPriority,
      status: row.status as IncidentStatus,
      agencyVi: (row.name_vi as string | null) ?? null,
      agencyEn: (row.name_en as string | null) ?? null,
      createdAt: new Date(row.created_at as string | Date),
      openHours: num(row.open_hours),
    }));
  }

  /** Citizen reports received in the week, by category, and how their incidents ended. */
  async reportTallies(range: BriefingRange): Promise<ReportTally[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT r.category,
              count(*)::int AS received,
              count(*) FILTER (WHERE i.resolved_at IS NOT NULL)::int AS resolved,
              count(*) FILTER (WHERE i.resolved_at IS NOT NULL AND i.resolved_at <= i.resolve_deadline)::int AS on_time
         FROM citizen_reports r LEFT JOIN incidents i ON i.id = r.incident_id
        WHERE r.created_at >= $1 AND r.created_at < $2
        GROUP BY 1
        ORDER BY 2 DESC, 1`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    return rows.map((row) => ({
      category: row.category as ReportCategory,
      received: num(row.received),
      resolved: num(row.resolved),
      resolvedOnTime: num(row.on_time),
    }));
  }

  /** Hourly means of the pollutants VN_AQI is computed from, per air station. */
  async airHourly(range: BriefingRange): Promise<AirHourly[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.id, d.name_vi, d.name_en, date_trunc('hour', r.bucket) AS hour, r.metric,
              (sum(r.sum) / sum(r.count))::float8 AS mean
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE d.feed = 'environment' AND r.metric IN ('pm25', 'pm10', 'co', 'no2', 'o3')
          AND r.bucket >= $1 AND r.bucket < $2
        GROUP BY 1, 2, 3, 4, 5`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      hour: new Date(row.hour as string | Date),
      metric: String(row.metric),
      mean: num(row.mean),
    }));
  }

  /** Gauges with alarm levels: the week's peak, minutes at each level, and how often level I was reached. */
  async waterLevels(range: BriefingRange): Promise<WaterLevelStation[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `WITH gauges AS (
         SELECT id, name_vi, name_en,
                (thresholds #>> '{water_level,alarmLevels,0}')::float8 AS l1,
                (thresholds #>> '{water_level,alarmLevels,1}')::float8 AS l2,
                (thresholds #>> '{water_level,alarmLevels,2}')::float8 AS l3
           FROM devices WHERE thresholds #> '{water_level,alarmLevels}' IS NOT NULL),
       minutes AS (
         SELECT g.id, r.max, lag(r.max) OVER (PARTITION BY g.id ORDER BY r.bucket) AS previous
           FROM gauges g JOIN reading_rollups_1m r ON r.device_id = g.id AND r.metric = 'water_level'
          WHERE r.bucket >= $1 AND r.bucket < $2)
       SELECT g.id, g.name_vi, g.name_en, g.l1, g.l2, g.l3,
              max(m.max)::float8 AS peak,
              count(*) FILTER (WHERE m.max >= g.l1)::int AS at1,
              count(*) FILTER (WHERE m.max >= g.l2)::int AS at2,
              count(*) FILTER (WHERE m.max >= g.l3)::int AS at3,
              count(*) FILTER (WHERE m.max >= g.l1 AND (m.previous IS NULL OR m.previous < g.l1))::int AS alarms
         FROM gauges g LEFT JOIN minutes m ON m.id = g.id
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      levels: [num(row.l1), num(row.l2), num(row.l3)],
      peak: numOrNull(row.peak),
      minutesAtLevel: [num(row.at1), num(row.at2), num(row.at3)],
      alarmsLevel1: num(row.alarms),
    }));
  }

  /** Salinity stations: the week's peak and mean, and minutes above their warning and critical limits. */
  async salinity(range: BriefingRange): Promise<SalinityStation[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `WITH stations AS (
         SELECT id, name_vi, name_en,
                (thresholds #>> '{salinity,warning}')::float8 AS warning,
                (thresholds #>> '{salinity,critical}')::float8 AS critical
           FROM devices WHERE thresholds -> 'salinity' IS NOT NULL)
       SELECT s.id, s.name_vi, s.name_en, s.warning, s.critical,
              max(r.max)::float8 AS peak,
              (sum(r.sum) / nullif(sum(r.count), 0))::float8 AS mean,
              count(r.bucket) FILTER (WHERE r.max >= s.warning)::int AS above_warning,
              count(r.bucket) FILTER (WHERE r.max >= s.critical)::int AS above_critical
         FROM stations s
         LEFT JOIN reading_rollups_1m r ON r.device_id = s.id AND r.metric = 'salinity' AND r.bucket >= $1 AND r.bucket < $2
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      warning: numOrNull(row.warning),
      critical: numOrNull(row.critical),
      peak: numOrNull(row.peak),
      mean: numOrNull(row.mean),
      minutesAboveWarning: num(row.above_warning),
      minutesAboveCritical: num(row.above_critical),
    }));
  }

  /**
   * Per traffic detector: hours with data, hours whose mean speed put the congestion index
   * (1 − speed / free-flow) at or above CONGESTED_INDEX, and the mean index over the week.
   */
  async trafficSegments(range: BriefingRange): Promise<TrafficSegment[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `WITH hourly AS (
         SELECT d.id, d.group_id, d.name_vi, d.name_en,
                coalesce((d.thresholds #>> '{mean_speed,freeFlow}')::float8, $3) AS free_flow,
                (sum(r.sum) / sum(r.count))::float8 AS speed
           FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
          WHERE d.feed = 'traffic' AND r.metric = 'mean_speed' AND r.bucket >= $1 AND r.bucket < $2
          GROUP BY d.id, d.group_id, d.name_vi, d.name_en, free_flow, date_trunc('hour', r.bucket))
       SELECT id, group_id, name_vi, name_en,
              count(*)::int AS hours,
              count(*) FILTER (WHERE 1 - speed / free_flow >= $4)::int AS congested,
              avg(greatest(0, 1 - speed / free_flow))::float8 AS mean_index
         FROM hourly
        GROUP BY 1, 2, 3, 4
        ORDER BY 1`,
      [range.from.toISOString(), range.to.toISOString(), this.config.kpis.defaultFreeFlowKmh, CONGESTED_INDEX],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      groupId: String(row.group_id),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      hours: num(row.hours),
      congestedHours: num(row.congested),
      meanIndex: numOrNull(row.mean_index),
    }));
  }

  /**
   * Share of the week so far each active camera said it was online: every `online = 1` heartbeat
   * vouches for one heartbeat interval. A camera that said nothing was not up.
   */
  async cameraUptime(range: BriefingRange): Promise<CameraUptime[]> {
    const seconds = Math.max(1, (range.asOf.getTime() - range.from.getTime()) / 1000);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.id, d.kind, d.name_vi, d.name_en,
              least(1, coalesce(sum(r.sum), 0) * d.expected_interval_seconds / $3)::float8 AS uptime
         FROM devices d
         LEFT JOIN reading_rollups_1m r ON r.device_id = d.id AND r.metric = 'online' AND r.bucket >= $1 AND r.bucket < $2
        WHERE d.feed = 'camera' AND d.active
        GROUP BY d.id, d.kind, d.name_vi, d.name_en, d.expected_interval_seconds
        ORDER BY 1`,
      [range.from.toISOString(), range.to.toISOString(), seconds],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      kind: String(row.kind),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      uptime: num(row.uptime),
    }));
  }

  /** Public-service dossiers per one-stop office: the week's counts. */
  async dossiers(range: BriefingRange): Promise<DossierUnit[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT d.id, d.name_vi, d.name_en,
              coalesce(sum(r.sum) FILTER (WHERE r.metric = 'received'), 0)::float8 AS received,
              coalesce(sum(r.sum) FILTER (WHERE r.metric = 'resolved_on_time'), 0)::float8 AS on_time,
              coalesce(sum(r.sum) FILTER (WHERE r.metric = 'resolved_late'), 0)::float8 AS late,
              coalesce(sum(r.sum) FILTER (WHERE r.metric = 'overdue'), 0)::float8 AS overdue
         FROM devices d
         LEFT JOIN reading_rollups_1m r ON r.device_id = d.id AND r.bucket >= $1 AND r.bucket < $2
        WHERE d.feed = 'dossier' AND d.active
        GROUP BY 1, 2, 3
        ORDER BY 1`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    return rows.map((row) => ({
      deviceId: String(row.id),
      nameVi: String(row.name_vi),
      nameEn: String(row.name_en),
      received: num(row.received),
      resolvedOnTime: num(row.on_time),
      resolvedLate: num(row.late),
      overdue: num(row.overdue),
    }));
  }
}
