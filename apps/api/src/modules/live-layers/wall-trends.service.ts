import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { congestionOf, vnAqi, ZONES, type WallTrends, type WaterGauge, type Zone, type ZoneAqiPoint } from '@mekong-ioc/shared';
import type { DataSource } from 'typeorm';
import { Clock } from '../../infra/clock/clock';

const HOUR_MS = 3_600_000;
const STEP_MS = 15 * 60_000;
const WINDOW_MS = 24 * HOUR_MS;
const MAX_GAUGES = 4;

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const bucketsOf = (from: number, to: number, step: number): number[] => {
  const starts: number[] = [];
  for (let t = floorTo(from, step); t < to; t += step) starts.push(t);
  return starts;
};
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The wall's 24-hour charts, from the incidents table and the one-minute rollups: incidents opened
 * and closed per hour, the worst VN_AQI of each zone per hour (hourly means of PM2.5 and PM10), the
 * water gauges closest to alarm level III per 15 minutes, and city-wide congestion per 15 minutes.
 */
@Injectable()
export class WallTrendsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async trends(): Promise<WallTrends> {
    const to = this.clock.now().getTime();
    const from = to - WINDOW_MS;
    const [incidentFlow, aqiByZone, waterLevels, congestion] = await Promise.all([
      this.incidentFlow(from, to),
      this.aqiByZone(from, to),
      this.waterLevels(from, to),
      this.congestion(from, to),
    ]);
    return { generatedAt: iso(to), from: iso(from), to: iso(to), incidentFlow, aqiByZone, waterLevels, congestion };
  }

  private async incidentFlow(from: number, to: number): Promise<WallTrends['incidentFlow']> {
    const rows = await this.dataSource.query<{ hour: Date; opened: string; closed: string }[]>(
      `SELECT hour, sum(opened) AS opened, sum(closed) AS closed FROM (
         SELECT date_trunc('hour', created_at, 'UTC') AS hour, 1 AS opened, 0 AS closed FROM incidents WHERE created_at >= $1
         UNION ALL
         SELECT date_trunc('hour', coalesce(resolved_at, closed_at, updated_at), 'UTC'), 0, 1 FROM incidents
          WHERE status IN ('resolved', 'closed', 'rejected', 'duplicate') AND coalesce(resolved_at, closed_at, updated_at) >= $1
       ) events GROUP BY hour`,
      [iso(floorTo(from, HOUR_MS))],
    );
    const byHour = new Map(rows.map((row) => [new Date(row.hour).getTime(), row]));
    return bucketsOf(from, to, HOUR_MS).map((hour) => ({
      t: iso(hour),
      opened: Number(byHour.get(hour)?.opened ?? 0),
      closed: Number(byHour.get(hour)?.closed ?? 0),
    }));
  }

  private async aqiByZone(from: number, to: number): Promise<ZoneAqiPoint[]> {
    const rows = await this.dataSource.query<{ hour: Date; device_id: string; zone: Zone; metric: 'pm25' | 'pm10'; mean: number }[]>(
      `SELECT date_trunc('hour', r.bucket, 'UTC') AS hour, r.device_id, d.zone, r.metric, sum(r.sum) / sum(r.count) AS mean
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE d.feed = 'environment' AND r.metric IN ('pm25', 'pm10') AND r.bucket >= $1
        GROUP BY 1, 2, 3, 4`,
      [iso(floorTo(from, HOUR_MS))],
    );
    const stations = new Map<string, { hour: number; zone: Zone; pm25?: number; pm10?: number }>();
    for (const row of rows) {
      const hour = new Date(row.hour).getTime();
      const key = `${row.device_id}@${hour}`;
      const station = stations.get(key) ?? { hour, zone: row.zone };
      station[row.metric] = Number(row.mean);
      stations.set(key, station);
    }
    const worst = new Map<string, number>();
    for (const station of stations.values()) {
      const aqi = vnAqi({ pm25: station.pm25 ?? null, pm10: station.pm10 ?? null });
      if (!aqi) continue;
      const key = `${station.zone}@${station.hour}`;
      worst.set(key, Math.max(worst.get(key) ?? 0, Math.round(aqi.aqi)));
    }
    return bucketsOf(from, to, HOUR_MS).map((hour) => {
      const point = { t: iso(hour) } as ZoneAqiPoint;
      for (const zone of ZONES) point[zone] = worst.get(`${zone}@${hour}`) ?? null;
      return point;
    });
  }

  private async waterLevels(from: number, to: number): Promise<WaterGauge[]> {
    const rows = await this.dataSource.query<{ device_id: string; name_vi: string; name_en: string; alarm: [number, number, number]; step: Date; level: number }[]>(
      `SELECT r.device_id, d.name_vi, d.name_en, d.thresholds -> 'water_level' -> 'alarmLevels' AS alarm,
              date_bin('15 minutes', r.bucket, TIMESTAMPTZ '2000-01-01') AS step, sum(r.sum) / sum(r.count) AS level
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE r.metric = 'water_level' AND r.bucket >= $1 AND d.active AND jsonb_typeof(d.thresholds -> 'water_level' -> 'alarmLevels') = 'array'
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 5`,
      [iso(floorTo(from, STEP_MS))],
    );
    const gauges = new Map<string, WaterGauge>();
    for (const row of rows) {
      let gauge = gauges.get(row.device_id);
      if (!gauge) {
        const [one, two, three] = row.alarm.map(Number);
        gauge = { id: row.device_id, nameVi: row.name_vi, nameEn: row.name_en, alarmLevels: [one ?? 0, two ?? 0, three ?? 0], points: [] };
        gauges.set(row.device_id, gauge);
      }
      const t = new Date(row.step).getTime();
      if (t < to) gauge.points.push({ t: iso(t), level: Math.round(Number(row.level) * 10) / 10 });
    }
    const margin = (gauge: WaterGauge) => (gauge.points.at(-1)?.level ?? -Infinity) - gauge.alarmLevels[2];
    return [...gauges.values()].sort((a, b) => margin(b) - margin(a)).slice(0, MAX_GAUGES);
  }

  private async congestion(from: number, to: number): Promise<WallTrends['congestion']> {
    const rows = await this.dataSource.query<{ device_id: string; free_flow: number | null; day_max: number; step: Date; speed: number }[]>(
      `SELECT r.device_id, (d.thresholds -> 'mean_speed' ->> 'freeFlow')::float8 AS free_flow,
              max(max(r.max)) OVER (PARTITION BY r.device_id) AS day_max,
              date_bin('15 minutes', r.bucket, TIMESTAMPTZ '2000-01-01') AS step, sum(r.sum) / sum(r.count) AS speed
         FROM reading_rollups_1m r JOIN devices d ON d.id = r.device_id
        WHERE d.feed = 'traffic' AND r.metric = 'mean_speed' AND r.bucket >= $1
        GROUP BY r.device_id, d.thresholds, step`,
      [iso(floorTo(from, STEP_MS))],
    );
    const perStep = new Map<number, { total: number; count: number }>();
    for (const row of rows) {
      const congestion = congestionOf(Number(row.speed), row.free_flow === null ? Number(row.day_max) : Number(row.free_flow));
      if (congestion === null) continue;
      const t = new Date(row.step).getTime();
      const sum = perStep.get(t) ?? { total: 0, count: 0 };
      sum.total += congestion;
      sum.count += 1;
      perStep.set(t, sum);
    }
    return bucketsOf(from, to, STEP_MS).map((t) => {
      const sum = perStep.get(t);
      return { t: iso(t), value: sum ? Math.round((sum.total / sum.count) * 1000) / 10 : null };
    });
  }
}
