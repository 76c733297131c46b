import { Inject, Injectable } from '@nestjs/common';
import {
  CAMERA_FEED,
  FEED_DEFINITIONS,
  type FeedId,
  type IncidentContext,
  type NearbyCameraEvent,
  type NearbySensorReading,
} from '@mekong-ioc/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { boundingBox, haversineSql } from '../incidents/geo-distance.util';
import { IncidentException } from '../incidents/incident.exception';

/** Feeds whose readings describe the place (sensors); dossiers and Wi-Fi do not. */
const SENSOR_FEEDS: ReadonlySet<string> = new Set<FeedId>(['environment', 'traffic']);
/** Camera metrics that are analytics events (counts of things seen), not heartbeats or traffic counts. */
const CAMERA_EVENT_METRICS: ReadonlySet<string> = new Set(
  Object.entries(CAMERA_FEED.metrics)
    .filter(([, definition]) => definition.unit === 'event')
    .map(([metric]) => metric),
);
/** Enough rows for a side panel; the nearest come first. */
const MAX_ROWS = 60;

interface ContextRow {
  id: string;
  feed: string;
  kind: string;
  name_vi: string;
  name_en: string;
  thresholds: Record<string, { warning?: number; critical?: number; alarmLevels?: [number, number, number] }> | null;
  distance: number;
  metric: string;
  total: number;
  min: number;
  max: number;
  last_value: number;
  last_observed_at: Date | string;
}

interface MetricInfo {
  unit: string;
  labelVi: string;
  labelEn: string;
}

const metricInfo = (feed: string, metric: string): MetricInfo | null => {
  const definition = (FEED_DEFINITIONS as Record<string, { metrics: Record<string, MetricInfo> }>)[feed];
  return definition?.metrics[metric] ?? null;
};

/**
 * What cameras and sensors near an incident saw in the last hours (up to its resolution): the
 * console's evidence beside the reports, e.g. the river level during a flood report. Read from the
 * one-minute rollups, so the cost does not grow with the raw reading rate.
 */
@Injectable()
export class IncidentContextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async contextOf(incidentId: string): Promise<IncidentContext> {
    const [incident] = await this.dataSource.query<{ lat: number; lon: number; resolved_at: Date | string | null }[]>(
      `SELECT lat, lon, resolved_at FROM incidents WHERE id = $1`,
      [incidentId],
    );
    if (!incident) throw new IncidentException('INCIDENT_NOT_FOUND', `There is no incident ${incidentId}.`);
    const { contextRadiusMeters: radius, contextHours: hours } = this.config.dispatch;
    const until = incident.resolved_at ? new Date(incident.resolved_at) : this.clock.now();
    const since = new Date(until.getTime() - hours * 3_600_000);
    const box = boundingBox(incident.lat, incident.lon, radius);

    const rows = await this.dataSource.query<ContextRow[]>(
      `WITH near AS (
         SELECT id, feed, kind, name_vi, name_en, thresholds, ${haversineSql('$1', '$2')} AS distance
         FROM devices
         WHERE active AND lat BETWEEN $3 AND $4 AND lon BETWEEN $5 AND $6
       )
       SELECT near.id, near.feed, near.kind, near.name_vi, near.name_en, near.thresholds, near.distance, r.metric,
              sum(r.sum)::float8 AS total, min(r.min) AS min, max(r.max) AS max,
              (array_agg(r.last_value ORDER BY r.last_observed_at DESC))[1] AS last_value,
              max(r.last_observed_at) AS last_observed_at
       FROM near
       JOIN reading_rollups_1m r ON r.device_id = near.id AND r.bucket >= $8 AND r.bucket <= $9
       WHERE near.distance <= $7
       GROUP BY near.id, near.feed, near.kind, near.name_vi, near.name_en, near.thresholds, near.distance, r.metric
       ORDER BY near.distance ASC, near.id ASC, r.metric ASC
       LIMIT ${MAX_ROWS * 4}`,
      [incident.lat, incident.lon, box.south, box.north, box.west, box.east, radius, since, until],
    );

    const cameraEvents: NearbyCameraEvent[] = [];
    const sensorReadings: NearbySensorReading[] = [];
    for (const row of rows) {
      const info = metricInfo(row.feed, row.metric);
      if (!info) continue;
      const distanceMeters = Math.round(Number(row.distance));
      const lastAt = new Date(row.last_observed_at).toISOString();
      const device = { deviceId: row.id, nameVi: row.name_vi, nameEn: row.name_en, kind: row.kind, metric: row.metric, labelVi: info.labelVi, labelEn: info.labelEn };
      if (row.feed === 'camera') {
        if (CAMERA_EVENT_METRICS.has(row.metric) && Number(row.total) > 0 && cameraEvents.length < MAX_ROWS) {
          cameraEvents.push({ ...device, events: Number(row.total), lastAt, distanceMeters });
        }
      } else if (SENSOR_FEEDS.has(row.feed) && sensorReadings.length < MAX_ROWS) {
        const threshold = row.thresholds?.[row.metric];
        sensorReadings.push({
          ...device,
          feed: row.feed,
          unit: info.unit,
          lastValue: Number(row.last_value),
          lastObservedAt: lastAt,
          min: Number(row.min),
          max: Number(row.max),
          warning: threshold?.warning ?? null,
          critical: threshold?.critical ?? null,
          alarmLevels: threshold?.alarmLevels ?? null,
          distanceMeters,
        });
      }
    }
    return { incidentId, radiusMeters: radius, windowHours: hours, since: since.toISOString(), cameraEvents, sensorReadings };
  }
}
