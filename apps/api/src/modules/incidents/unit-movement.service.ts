import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MY_THO_BOUNDS } from '@mekong-ioc/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { offsetPoint, stepTowards } from './geo-distance.util';

const MOVE_INTERVAL_MS = 5_000;
/** About 30 km/h for a unit on its way: a few tens of metres per tick. */
const EN_ROUTE_STEP_M = 40;
const PATROL_STEP_M = 25;

interface MovingUnit {
  id: string;
  lat: number;
  lon: number;
  target_lat: number | null;
  target_lon: number | null;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * With the simulator on, units move: busy ones towards the incident they were sent to, available
 * ones wander around the city. Positions are all the wall needs to show them alive.
 */
@Injectable()
export class UnitMovementService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UnitMovementService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.simulator.enabled) return;
    this.timer = setInterval(() => {
      this.running = this.moveUnits().catch((error: unknown) => this.logger.warn(`units not moved: ${String(error)}`));
    }, MOVE_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async moveUnits(): Promise<void> {
    await this.transactions.run(async (manager) => {
      const units = await manager.query<MovingUnit[]>(
        `SELECT u.id, u.lat, u.lon, i.lat AS target_lat, i.lon AS target_lon
         FROM agency_units u
         LEFT JOIN LATERAL (
           SELECT lat, lon FROM incidents
           WHERE unit_id = u.id AND status IN ('dispatched', 'on_scene')
           ORDER BY updated_at DESC LIMIT 1
         ) i ON true
         WHERE u.status = 'busy' OR u.status = 'available'`,
      );
      if (!units.length) return;
      const moved = units.map((unit) => {
        if (unit.target_lat !== null && unit.target_lon !== null) {
          return { id: unit.id, ...stepTowards(unit, { lat: unit.target_lat, lon: unit.target_lon }, EN_ROUTE_STEP_M) };
        }
        const angle = Math.random() * 2 * Math.PI;
        const next = offsetPoint(unit.lat, unit.lon, Math.sin(angle) * PATROL_STEP_M, Math.cos(angle) * PATROL_STEP_M);
        return {
          id: unit.id,
          lat: clamp(next.lat, MY_THO_BOUNDS.south + 0.02, MY_THO_BOUNDS.north),
          lon: clamp(next.lon, MY_THO_BOUNDS.west, MY_THO_BOUNDS.east),
        };
      });
      await manager.query(
        `UPDATE agency_units u SET lat = m.lat, lon = m.lon, updated_at = $4
         FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS m(id, lat, lon)
         WHERE u.id = m.id`,
        [moved.map((unit) => unit.id), moved.map((unit) => unit.lat), moved.map((unit) => unit.lon), this.clock.now()],
      );
    });
  }
}
