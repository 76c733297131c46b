import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { vnAqi, vnAqiNowCast, type FeedId, type KpiId, type VnAqiPollutant } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { KpiAggregation, KpiFact } from './kpi-facts.util';
import { floorToMinute, HOUR_MS, type KpiRange } from './kpi-window.util';

/** How each KPI's facts become its number. */
export const KPI_AGGREGATIONS: Record<KpiId, KpiAggregation> = {
  'reports.received_today': { kind: 'sum', emptyIs: 0 },
  'reports.open': { kind: 'sum', emptyIs: 0 },
  'reports.overdue': { kind: 'sum', emptyIs: 0 },
  'reports.on_time_rate': { kind: 'ratio', emptyIs: null },
  'reports.median_first_response': { kind: 'median', emptyIs: null },
  'incidents.active': { kind: 'sum', emptyIs: 0 },
  'incidents.active_p1': { kind: 'sum', emptyIs: 0 },
  'incidents.mean_time_to_dispatch': { kind: 'mean', emptyIs: null },
  'incidents.mean_time_to_resolve': { kind: 'mean', emptyIs: null },
  'incidents.within_sla': { kind: 'ratio', emptyIs: null },
  'traffic.congestion_index': { kind: 'mean', emptyIs: null },
  'traffic.vehicles_per_hour': { kind: 'sum', emptyIs: null },
  'environment.vn_aqi_worst': { kind: 'max', emptyIs: null },
  'environment.water_level_vs_alarm': { kind: 'max', emptyIs: null },
  'environment.salinity_max': { kind: 'max', emptyIs: null },
  'cameras.online_share': { kind: 'ratio', emptyIs: null },
  // No event in the hour is a count of zero, not missing data.
  'cameras.events_last_hour': { kind: 'sum', emptyIs: 0 },
  'public_services.received': { kind: 'sum', emptyIs: null },
  'public_services.on_time_rate': { kind: 'ratio', emptyIs: null },
  'public_services.overdue': { kind: 'sum', emptyIs: null },
};

/** The camera analytics metrics that count events (the others are heartbeats and vehicle counts). */
const CAMERA_EVENT_METRICS = ['wrong_way', 'illegal_parking', 'crowd', 'smoke_fire', 'water_on_road'];
/** Air metrics as the feed names them → VN_AQI's pollutants (the feed's `o3` is a 1-hour value). */
const AIR_METRICS: Record<string, VnAqiPollutant> = { pm25: 'pm25', pm10: 'pm10', co: 'co', no2: 'no2', o3: 'o3_1h' };
/**
 * Which KPI a committed reading can change, by feed and metric: exactly the metrics the queries
 * below read, so a batch of PM2.5 readings recomputes VN_AQI and leaves salinity alone. A metric
 * not listed (Wi-Fi, camera vehicle counts …) changes no KPI.
 */
const KPI_OF_READING: Partial<Record<FeedId, Readonly<Record<string, KpiId>>>> = {
  traffic: { mean_speed: 'traffic.congestion_index', vehicle_count: 'traffic.vehicles_per_hour' },
  environment: {
    ...Object.fromEntries(Object.keys(AIR_METRICS).map((metric) => [metric, 'environment.vn_aqi_worst' as const])),
    water_level: 'environment.water_level_vs_alarm',
    salinity: 'environment.salinity_max',
  },
  camera: { online: 'cameras.online_share', ...Object.fromEntries(CAMERA_EVENT_METRICS.map((metric) => [metric, 'cameras.events_last_hour' as const])) },
  dossier: {
    received: 'public_services.received',
    resolved_on_time: 'public_services.on_time_rate',
    resolved_late: 'public_services.on_time_rate',
    overdue: 'public_services.overdue',
  },
};

export function kpiOfReading(feed: FeedId, metric: string): KpiId | undefined {
  const metrics = KPI_OF_READING[feed];
  return metrics && Object.hasOwn(metrics, metric) ? metrics[metric] : undefined;
}

/** Statuses an incident may have and still need someone (the open workflow plus not yet closed). */
const NEEDS_NO_ONE = `('rejected', 'duplicate')`;
/** Incidents that at least one citizen report fed: what the `reports.*` KPIs count. */
const FED_BY_REPORT = `EXISTS (SELECT 1 FROM incident_sources s WHERE s.incident_id = i.id AND s.kind = 'citizen_report')`;
/** Open at the window's end: opened before it, not resolved by then, not (yet) rejected or a duplicate. */
const OPEN_AT_END = `i.created_at < $1 AND (i.resolved_at IS NULL OR i.resolved_at >= $1)
  AND NOT (i.status IN ${NEEDS_NO_ONE} AND i.updated_at < $1)`;

const toDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const toNumber = (value: number | string | null | undefined): number => Number(value ?? 0);

interface IncidentGroupRow {
  zone: string;
  category: string;
  priority: string;
  agency: string;
  count: string | number;
  hits: string | number;
  as_of: Date | string | null;
}

interface DeviceRow {
  device_id: string;
  zone: string;
  kind: string;
  group_id: string;
  value: number | string;
  as_of: Date | string;
}

/**
 * The facts of every KPI over a range, read from the one-minute rollups, the device registry and
 * the incident tables (never from raw readings). Each method answers one KPI, or one family.
 */
@Injectable()
export class KpiFactsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The facts of one KPI; `memo` shares queries between KPIs of one computation (open and overdue …). */
  factsOf(id: KpiId, range: KpiRange, memo: Map<string, Promise<KpiFact[]>> = new Map()): Promise<KpiFact[]> {
    const once = (key: string, load: () => Promise<KpiFact[]>): Promise<KpiFact[]> => {
      const memoKey = `${key}@${range.from.toISOString()}/${range.to.toISOString()}`;
      let facts = memo.get(memoKey);
      if (!facts) {
        facts = load();
        memo.set(memoKey, facts);
      }
      return facts;
    };
    switch (id) {
      case 'reports.received_today':
        return this.reportsReceived(range);
      case 'reports.open':
        return this.incidentCounts(range, FED_BY_REPORT, 'true');
      case 'reports.overdue':
        return this.incidentCounts(range, FED_BY_REPORT, 'i.resolve_deadline < $1');
      case 'reports.on_time_rate':
        return this.resolvedOnTime(range);
      case 'reports.median_first_response':
        return this.firstResponses(range);
      case 'incidents.active':
        return once('active', () => this.incidentCounts(range, 'true', 'true'));
      case 'incidents.active_p1':
        return once('active', () => this.incidentCounts(range, 'true', 'true')).then((facts) => facts.filter((fact) => fact.dims.priority === 'P1'));
      case 'incidents.mean_time_to_dispatch':
        return this.incidentDurations(range, 'i.dispatched_at');
      case 'incidents.mean_time_to_resolve':
        return this.incidentDurations(range, 'i.resolved_at');
      case 'incidents.within_sla':
        return this.withinSla(range);
      case 'traffic.congestion_index':
        return this.congestion(range);
      case 'traffic.vehicles_per_hour':
        return this.vehiclesPerHour(range);
      case 'environment.vn_aqi_worst':
        return this.airQuality(range);
      case 'environment.water_level_vs_alarm':
        return this.waterLevels(range);
      case 'environment.salinity_max':
        return this.deviceMeans(range, 'environment', 'salinity');
      case 'cameras.online_share':
        return this.camerasOnline(range);
      case 'cameras.events_last_hour':
        return this.cameraEvents(range);
      case 'public_services.received':
        return this.dossierSums(range, 'received');
      case 'public_services.on_time_rate':
        return this.dossiersOnTime(range);
      case 'public_services.overdue':
        return this.dossiersOverdue(range);
    }
  }

  /** The newest incident change or citizen report at or before `to`: `asOf` of incident KPIs that count nothing. */
  async newestIncidentData(to: Date): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ as_of: Date | string | null }[]>(
      `SELECT greatest((SELECT max(updated_at) FROM incidents WHERE updated_at <= $1),
                       (SELECT max(created_at) FROM citizen_reports WHERE created_at <= $1)) AS as_of`,
      [to],
    );
    return toDate(row?.as_of);
  }

  // -------------------------------------------------------------------------------------------
  // Citizen reports and incidents
  // -------------------------------------------------------------------------------------------

  private async reportsReceived(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<{ zone: string; category: string; count: string | number; as_of: Date | string }[]>(
      `SELECT coalesce(i.zone, 'unknown') AS zone, c.category, count(*) AS count, max(c.created_at) AS as_of
       FROM citizen_reports c LEFT JOIN incidents i ON i.id = c.incident_id
       WHERE c.created_at >= $1 AND c.created_at < $2
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ dims: { zone: row.zone, category: row.category }, value: toNumber(row.count), asOf: toDate(row.as_of) }));
  }

  /** Incidents open at the window's end (`$1` in the conditions), counted per zone, category, priority and agency. */
  private async incidentCounts(range: KpiRange, population: string, condition: string): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<IncidentGroupRow[]>(
      `SELECT i.zone, i.category, i.priority, coalesce(i.agency_id::text, 'none') AS agency,
              count(*) AS count, 0 AS hits, max(least(i.updated_at, $1)) AS as_of
       FROM incidents i
       WHERE ${OPEN_AT_END} AND ${population} AND ${condition}
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [range.to],
    );
    return rows.map((row) => ({ dims: dimsOfIncidents(row), value: toNumber(row.count), asOf: toDate(row.as_of) }));
  }

  /** Report-fed incidents resolved in the window: how many by their resolve deadline. */
  private async resolvedOnTime(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<IncidentGroupRow[]>(
      `SELECT i.zone, i.category, i.priority, coalesce(i.agency_id::text, 'none') AS agency,
              count(*) AS count, count(*) FILTER (WHERE i.resolved_at <= i.resolve_deadline) AS hits, max(i.resolved_at) AS as_of
       FROM incidents i
       WHERE i.resolved_at >= $1 AND i.resolved_at < $2 AND ${FED_BY_REPORT}
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ dims: dimsOfIncidents(row), value: toNumber(row.hits), weight: toNumber(row.count), asOf: toDate(row.as_of) }));
  }

  /** Minutes from opening to the first verification or dispatch (from the audit), for first responses in the window. */
  private async firstResponses(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<(IncidentGroupRow & { minutes: number | string })[]>(
      `SELECT i.zone, i.category, i.priority, coalesce(i.agency_id::text, 'none') AS agency, 1 AS count, 0 AS hits,
              f.at AS as_of, extract(epoch FROM (f.at - i.created_at)) / 60 AS minutes
       FROM incidents i
       JOIN LATERAL (SELECT min(a.at) AS at FROM incident_audit a
                     WHERE a.incident_id = i.id AND a.to_status IN ('verified', 'dispatched')) f ON f.at IS NOT NULL
       WHERE f.at >= $1 AND f.at < $2 AND ${FED_BY_REPORT}
       ORDER BY i.id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ dims: dimsOfIncidents(row), value: toNumber(row.minutes), asOf: toDate(row.as_of) }));
  }

  /** Minutes from opening to `column` (dispatch or resolution) for incidents that reached it in the window. */
  private async incidentDurations(range: KpiRange, column: 'i.dispatched_at' | 'i.resolved_at'): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<(IncidentGroupRow & { minutes: number | string })[]>(
      `SELECT i.zone, i.category, i.priority, coalesce(i.agency_id::text, 'none') AS agency, 1 AS count, 0 AS hits,
              ${column} AS as_of, extract(epoch FROM (${column} - i.created_at)) / 60 AS minutes
       FROM incidents i
       WHERE ${column} >= $1 AND ${column} < $2
       ORDER BY i.id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ dims: dimsOfIncidents(row), value: toNumber(row.minutes), asOf: toDate(row.as_of) }));
  }

  /**
   * Incidents whose SLA was decided in the window (resolved in it, or still unresolved when their
   * resolve deadline passed in it): how many were dispatched and resolved by their deadlines.
   */
  private async withinSla(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<IncidentGroupRow[]>(
      `SELECT i.zone, i.category, i.priority, coalesce(i.agency_id::text, 'none') AS agency, count(*) AS count,
              count(*) FILTER (WHERE i.resolved_at < $2 AND i.resolved_at <= i.resolve_deadline
                                 AND i.dispatched_at IS NOT NULL AND i.dispatched_at <= i.dispatch_deadline) AS hits,
              max(least(coalesce(i.resolved_at, i.resolve_deadline), $2)) AS as_of
       FROM incidents i
       WHERE NOT (i.status IN ${NEEDS_NO_ONE})
         AND ((i.resolved_at >= $1 AND i.resolved_at < $2)
           OR ((i.resolved_at IS NULL OR i.resolved_at >= $2) AND i.resolve_deadline >= $1 AND i.resolve_deadline < $2))
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [range.from, range.to],
    );
    return rows.map((row) => ({ dims: dimsOfIncidents(row), value: toNumber(row.hits), weight: toNumber(row.count), asOf: toDate(row.as_of) }));
  }

  // -------------------------------------------------------------------------------------------
  // Machine feeds, from the one-minute rollups
  // -------------------------------------------------------------------------------------------

  /** Per device of a feed: the mean of a metric over the window (Σ sum / Σ count of its rollups). */
  private deviceRows(range: KpiRange, feed: string, metric: string, value: string): Promise<DeviceRow[]> {
    return this.dataSource.query<DeviceRow[]>(
      `SELECT d.id AS device_id, d.zone, d.kind, d.group_id, ${value} AS value, max(r.last_observed_at) AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE r.metric = $3 AND d.feed = $4 AND r.bucket >= $1 AND r.bucket < $2
       GROUP BY d.id ORDER BY d.id`,
      [floorToMinute(range.from), range.to, metric, feed],
    );
  }

  private async deviceMeans(range: KpiRange, feed: string, metric: string): Promise<KpiFact[]> {
    const rows = await this.deviceRows(range, feed, metric, 'sum(r.sum)::float8 / sum(r.count)');
    return rows.map((row) => ({ dims: { zone: row.zone, device: row.device_id }, value: toNumber(row.value), asOf: toDate(row.as_of) }));
  }

  /** Per segment: 1 − mean speed / free-flow speed, in percent, never below 0 (faster than free flow is free flow). */
  private async congestion(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<(DeviceRow & { free_flow: number | string })[]>(
      `SELECT d.id AS device_id, d.zone, d.kind, d.group_id, sum(r.sum)::float8 / sum(r.count) AS value,
              coalesce((d.thresholds -> 'mean_speed' ->> 'freeFlow')::float8, $3) AS free_flow, max(r.last_observed_at) AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE r.metric = 'mean_speed' AND d.feed = 'traffic' AND r.bucket >= $1 AND r.bucket < $2
       GROUP BY d.id ORDER BY d.id`,
      [floorToMinute(range.from), range.to, this.config.kpis.defaultFreeFlowKmh],
    );
    return rows.map((row) => ({
      dims: { zone: row.zone, device: row.device_id },
      value: Math.max(0, 1 - toNumber(row.value) / toNumber(row.free_flow)) * 100,
      asOf: toDate(row.as_of),
    }));
  }

  private async vehiclesPerHour(range: KpiRange): Promise<KpiFact[]> {
    const hours = (range.to.getTime() - range.from.getTime()) / HOUR_MS;
    const rows = await this.deviceRows(range, 'traffic', 'vehicle_count', 'sum(r.sum)::float8');
    return rows.map((row) => ({ dims: { zone: row.zone, device: row.device_id }, value: toNumber(row.value) / hours, asOf: toDate(row.as_of) }));
  }

  /**
   * Per air station, the worst hourly VN_AQI of the window: evaluated at the window's end and at
   * every whole hour before it inside the window, each from the hourly means of the 12 hours
   * before (NowCast for PM, 1-hour means for the gases, the 8-hour O₃ mean when 6 of 8 hours exist).
   */
  private async airQuality(range: KpiRange): Promise<KpiFact[]> {
    const evaluations = Math.max(1, Math.ceil((range.to.getTime() - range.from.getTime()) / HOUR_MS));
    const rows = await this.dataSource.query<{ device_id: string; zone: string; metric: string; hour: number | string; mean: number | string; as_of: Date | string }[]>(
      `SELECT d.id AS device_id, d.zone, r.metric, floor(extract(epoch FROM ($2::timestamptz - r.bucket)) / 3600)::int AS hour,
              sum(r.sum)::float8 / sum(r.count) AS mean, max(r.last_observed_at) AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE d.feed = 'environment' AND r.metric IN ('pm25', 'pm10', 'co', 'no2', 'o3') AND r.bucket >= $1 AND r.bucket < $2
       GROUP BY d.id, r.metric, 4 ORDER BY d.id`,
      [new Date(range.to.getTime() - (evaluations + 12) * HOUR_MS), range.to],
    );
    const stations = new Map<string, { zone: string; hourly: Map<string, (number | null)[]>; asOf: Date | null }>();
    for (const row of rows) {
      const pollutant = AIR_METRICS[row.metric];
      if (!pollutant) continue;
      let station = stations.get(row.device_id);
      if (!station) {
        station = { zone: row.zone, hourly: new Map(), asOf: null };
        stations.set(row.device_id, station);
      }
      const hours = station.hourly.get(pollutant) ?? new Array<number | null>(evaluations + 12).fill(null);
      hours[toNumber(row.hour)] = toNumber(row.mean);
      station.hourly.set(pollutant, hours);
      const asOf = toDate(row.as_of);
      if (asOf && (!station.asOf || asOf > station.asOf)) station.asOf = asOf;
    }
    const facts: KpiFact[] = [];
    for (const [deviceId, station] of stations) {
      let worst: { aqi: number; dominant: VnAqiPollutant } | null = null;
      for (let k = 0; k < evaluations; k++) {
        const hours = (pollutant: VnAqiPollutant) => (station.hourly.get(pollutant) ?? []).slice(k, k + 12);
        const latest = (pollutant: VnAqiPollutant) => hours(pollutant)[0] ?? null;
        const o3Hours = hours('o3_1h').slice(0, 8).filter((value): value is number => value !== null && value !== undefined);
        const result = vnAqi({
          pm25: vnAqiNowCast(hours('pm25')),
          pm10: vnAqiNowCast(hours('pm10')),
          o3_1h: latest('o3_1h'),
          o3_8h: o3Hours.length >= 6 ? o3Hours.reduce((sum, value) => sum + value, 0) / o3Hours.length : null,
          co: latest('co'),
          no2: latest('no2'),
        });
        if (result && (!worst || result.aqi > worst.aqi)) worst = { aqi: result.aqi, dominant: result.dominant };
      }
      if (worst) facts.push({ dims: { zone: station.zone, device: deviceId }, value: worst.aqi, asOf: station.asOf, dominantPollutant: worst.dominant });
    }
    return facts;
  }

  /** Per gauge with alarm levels: its newest level in the window minus its alarm level I (cm; ≥ 0 is at or above alarm). */
  private async waterLevels(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<{ device_id: string; zone: string; level: number | string; alarm: number | string; as_of: Date | string }[]>(
      `SELECT DISTINCT ON (d.id) d.id AS device_id, d.zone, r.last_value AS level,
              (d.thresholds -> 'water_level' -> 'alarmLevels' ->> 0)::float8 AS alarm, r.last_observed_at AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE r.metric = 'water_level' AND d.feed = 'environment' AND r.bucket >= $1 AND r.bucket < $2
         AND jsonb_typeof(d.thresholds -> 'water_level' -> 'alarmLevels') = 'array'
       ORDER BY d.id, r.bucket DESC`,
      [floorToMinute(range.from), range.to],
    );
    return rows.map((row) => ({ dims: { zone: row.zone, device: row.device_id }, value: toNumber(row.level) - toNumber(row.alarm), asOf: toDate(row.as_of) }));
  }

  /**
   * Every active camera counts: online when its newest heartbeat in the window says 1; a camera
   * not heard from in the window is offline. `kind` is the camera's kind (traffic, security, flood).
   */
  private async camerasOnline(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<{ device_id: string; zone: string; kind: string; online: number | string | null; as_of: Date | string | null }[]>(
      `SELECT d.id AS device_id, d.zone, d.kind, latest.last_value AS online, latest.last_observed_at AS as_of
       FROM devices d
       LEFT JOIN LATERAL (SELECT r.last_value, r.last_observed_at FROM reading_rollups_1m r
                          WHERE r.device_id = d.id AND r.metric = 'online' AND r.bucket >= $1 AND r.bucket < $2
                          ORDER BY r.bucket DESC LIMIT 1) latest ON true
       WHERE d.feed = 'camera' AND d.active
       ORDER BY d.id`,
      [floorToMinute(range.from), range.to],
    );
    return rows.map((row) => ({
      dims: { zone: row.zone, kind: row.kind, device: row.device_id },
      value: row.online !== null && toNumber(row.online) >= 1 ? 1 : 0,
      weight: 1,
      asOf: toDate(row.as_of),
    }));
  }

  /** Analytics events in the window per camera and event kind (`kind` is the event's: wrong way, crowd …). */
  private async cameraEvents(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<{ device_id: string; zone: string; metric: string; value: number | string; as_of: Date | string }[]>(
      `SELECT d.id AS device_id, d.zone, r.metric, sum(r.sum)::float8 AS value, max(r.last_observed_at) AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE d.feed = 'camera' AND r.metric = ANY($3::text[]) AND r.bucket >= $1 AND r.bucket < $2
       GROUP BY d.id, r.metric ORDER BY d.id, r.metric`,
      [floorToMinute(range.from), range.to, CAMERA_EVENT_METRICS],
    );
    return rows.map((row) => ({ dims: { zone: row.zone, kind: row.metric, device: row.device_id }, value: toNumber(row.value), asOf: toDate(row.as_of) }));
  }

  /** Dossier counts per office; the office's unit (`groupId`) is the `agency` of the drill-down. */
  private async dossierSums(range: KpiRange, metric: string): Promise<KpiFact[]> {
    const rows = await this.deviceRows(range, 'dossier', metric, 'sum(r.sum)::float8');
    return rows.map((row) => ({ dims: { agency: row.group_id, device: row.device_id }, value: toNumber(row.value), asOf: toDate(row.as_of) }));
  }

  private async dossiersOnTime(range: KpiRange): Promise<KpiFact[]> {
    const [onTime, late] = await Promise.all([this.dossierSums(range, 'resolved_on_time'), this.dossierSums(range, 'resolved_late')]);
    const lateBy = new Map(late.map((fact) => [fact.dims.device, fact]));
    const devices = new Set([...onTime, ...late].map((fact) => fact.dims.device));
    return [...devices].sort().map((device) => {
      const hit = onTime.find((fact) => fact.dims.device === device);
      const miss = lateBy.get(device);
      const asOf = [hit?.asOf, miss?.asOf].reduce<Date | null>((newest, at) => (at && (!newest || at > newest) ? at : newest), null);
      return { dims: hit?.dims ?? miss?.dims ?? {}, value: hit?.value ?? 0, weight: (hit?.value ?? 0) + (miss?.value ?? 0), asOf };
    });
  }

  /** Overdue dossiers are a stock, not a flow: each office's newest count in the window. */
  private async dossiersOverdue(range: KpiRange): Promise<KpiFact[]> {
    const rows = await this.dataSource.query<DeviceRow[]>(
      `SELECT DISTINCT ON (d.id) d.id AS device_id, d.zone, d.kind, d.group_id, r.last_value AS value, r.last_observed_at AS as_of
       FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
       WHERE r.metric = 'overdue' AND d.feed = 'dossier' AND r.bucket >= $1 AND r.bucket < $2
       ORDER BY d.id, r.bucket DESC`,
      [floorToMinute(range.from), range.to],
    );
    return rows.map((row) => ({ dims: { agency: row.group_id, device: row.device_id }, value: toNumber(row.value), asOf: toDate(row.as_of) }));
  }
}

const dimsOfIncidents = (row: IncidentGroupRow): KpiFact['dims'] => ({
  zone: row.zone,
  category: row.category,
  priority: row.priority,
  agency: row.agency,
});
