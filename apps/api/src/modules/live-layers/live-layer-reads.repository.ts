import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_INCIDENT_STATUSES, type IncidentMarkerState, type ReportPointState, type Zone } from '@mekong-ioc/shared';
import type { DataSource } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import type { DeviceReadings } from './sensor-layer-state.mapper';

interface DeviceMetricRow {
  id: string;
  kind: string;
  name_vi: string;
  name_en: string;
  lat: number;
  lon: number;
  zone: Zone;
  group_id: string;
  expected_interval_seconds: number;
  thresholds: DeviceReadings['thresholds'];
  metric: string | null;
  last_value: number | null;
  last_observed_at: Date | null;
  max_value: number | null;
}

interface IncidentRow {
  id: string;
  reference: string;
  category: IncidentMarkerState['category'];
  priority: IncidentMarkerState['priority'];
  status: IncidentMarkerState['status'];
  zone: Zone;
  lat: number;
  lon: number;
  created_at: Date;
  updated_at: Date;
}

export interface ZoneLoadRow {
  zone: Zone;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  open: number;
}

/** Reports drawn on the heat layer at most: a day of a busy province, never the whole table. */
export const MAX_REPORT_POINTS = 50_000;

/**
 * What the map layers read from the database: devices with their newest rollup per metric, open
 * incidents, recent reports and open incidents per zone. Rollups, never raw readings, so a snapshot
 * costs one row per device and metric whatever the data rate.
 */
@Injectable()
export class LiveLayerReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Active devices of a feed (or only `deviceIds`) with the newest value of each metric of the last 24 h. */
  async devicesWithLatest(feed: 'traffic' | 'environment' | 'camera', deviceIds: readonly string[] | null): Promise<DeviceReadings[]> {
    const rows = await this.dataSource.query<DeviceMetricRow[]>(
      `SELECT d.id, d.kind, d.name_vi, d.name_en, d.lat, d.lon, d.zone, d.group_id, d.expected_interval_seconds, d.thresholds,
              r.metric, r.last_value, r.last_observed_at, r.max_value
         FROM devices d
         LEFT JOIN LATERAL (
           SELECT DISTINCT ON (x.metric) x.metric, x.last_value, x.last_observed_at,
                  -- the day's highest of the metric: free-flow speed for traffic detectors
                  max(x.max) OVER (PARTITION BY x.metric) AS max_value
             FROM reading_rollups_1m x
            WHERE x.device_id = d.id AND x.bucket > $3::timestamptz - interval '24 hours'
            ORDER BY x.metric, x.bucket DESC
         ) r ON true
        WHERE d.feed = $1 AND d.active AND ($2::text[] IS NULL OR d.id = ANY($2::text[]))
        ORDER BY d.id`,
      [feed, deviceIds ? [...deviceIds] : null, this.clock.now().toISOString()],
    );
    const byDevice = new Map<string, DeviceReadings>();
    for (const row of rows) {
      let device = byDevice.get(row.id);
      if (!device) {
        device = {
          id: row.id,
          kind: row.kind,
          nameVi: row.name_vi,
          nameEn: row.name_en,
          lat: Number(row.lat),
          lon: Number(row.lon),
          zone: row.zone,
          groupId: row.group_id,
          expectedIntervalSeconds: Number(row.expected_interval_seconds),
          thresholds: row.thresholds ?? {},
          metrics: {},
        };
        byDevice.set(row.id, device);
      }
      if (row.metric !== null && row.last_value !== null && row.last_observed_at !== null) {
        device.metrics[row.metric] = {
          value: Number(row.last_value),
          observedAt: new Date(row.last_observed_at),
          dayMax: row.max_value === null ? Number(row.last_value) : Number(row.max_value),
        };
      }
    }
    return [...byDevice.values()];
  }

  /** Open incidents (or only `ids`, whatever their status) as map markers. */
  async incidents(ids: readonly string[] | null): Promise<{ marker: IncidentMarkerState; open: boolean }[]> {
    const rows = await this.dataSource.query<IncidentRow[]>(
      `SELECT id, reference, category, priority, status, zone, lat, lon, created_at, updated_at FROM incidents
        WHERE ($1::uuid[] IS NULL AND status = ANY($2::text[])) OR id = ANY($1::uuid[])
        ORDER BY created_at`,
      [ids ? [...ids] : null, OPEN_INCIDENT_STATUSES],
    );
    const open = new Set<string>(OPEN_INCIDENT_STATUSES);
    return rows.map((row) => ({
      open: open.has(row.status),
      marker: {
        id: row.id,
        reference: row.reference,
        category: row.category,
        priority: row.priority,
        status: row.status,
        zone: row.zone,
        lat: Number(row.lat),
        lon: Number(row.lon),
        createdAt: new Date(row.created_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
      },
    }));
  }

  /** Open incidents per zone and priority. */
  async zoneLoad(): Promise<ZoneLoadRow[]> {
    const rows = await this.dataSource.query<{ zone: Zone; priority: ZoneLoadRow['priority']; open: string }[]>(
      `SELECT zone, priority, count(*) AS open FROM incidents WHERE status = ANY($1::text[]) GROUP BY zone, priority`,
      [OPEN_INCIDENT_STATUSES],
    );
    return rows.map((row) => ({ zone: row.zone, priority: row.priority, open: Number(row.open) }));
  }

  /** Citizen reports received after `since` and up to `until` (oldest first; the newest MAX_REPORT_POINTS). */
  async reportsBetween(since: Date, until: Date | null = null): Promise<{ id: string; point: ReportPointState }[]> {
    const rows = await this.dataSource.query<{ id: string; lat: number; lon: number; category: ReportPointState['category']; created_at: Date }[]>(
      `SELECT id, lat, lon, category, created_at FROM (
         SELECT id, lat, lon, category, created_at FROM citizen_reports
          WHERE created_at > $1 AND ($3::timestamptz IS NULL OR created_at <= $3::timestamptz)
          ORDER BY created_at DESC LIMIT $2
       ) newest ORDER BY created_at`,
      [since.toISOString(), MAX_REPORT_POINTS, until ? until.toISOString() : null],
    );
    return rows.map((row) => ({
      id: row.id,
      point: { lat: Number(row.lat), lon: Number(row.lon), category: row.category, createdAt: new Date(row.created_at).toISOString() },
    }));
  }
}
