import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Feed } from '@mekong-ioc/shared';
import { Repository } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { DeviceEntity } from '../ingestion/device.entity';

const REFRESH_INTERVAL_MS = 30_000;

/**
 * The registry entries alert rules need (name, place, thresholds, expected interval), kept in memory
 * so evaluating a batch of readings does not read the devices table; refreshed every 30 s, and at
 * once when a device not seen yet reports.
 */
@Injectable()
export class DeviceDirectory implements OnModuleDestroy {
  private devices = new Map<string, DeviceEntity>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    @InjectRepository(DeviceEntity) private readonly repository: Repository<DeviceEntity>,
    private readonly clock: Clock,
  ) {}

  onModuleDestroy(): void {
    this.devices.clear();
  }

  /** The devices with these ids that are registered (reloading once if some are unknown or the copy is old). */
  async lookup(ids: readonly string[]): Promise<Map<string, DeviceEntity>> {
    const age = this.clock.now().getTime() - this.loadedAt;
    const unknown = ids.some((id) => !this.devices.has(id));
    // Ingest accepts readings of registered devices only, so an unknown id here is a device just
    // registered: worth one reload (concurrent misses share it).
    if (age > REFRESH_INTERVAL_MS || unknown) await this.reload();
    const found = new Map<string, DeviceEntity>();
    for (const id of ids) {
      const device = this.devices.get(id);
      if (device) found.set(id, device);
    }
    return found;
  }

  /** The active devices of a feed, fresh from the database (the no-data check runs seldom). */
  async activeOf(feed: Feed): Promise<DeviceEntity[]> {
    await this.reload();
    return [...this.devices.values()].filter((device) => device.feed === feed && device.active);
  }

  reload(): Promise<void> {
    this.loading ??= this.repository
      .find()
      .then((devices) => {
        this.devices = new Map(devices.map((device) => [device.id, device]));
        this.loadedAt = this.clock.now().getTime();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
