import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Device, Feed, UpsertDeviceRequest } from '@mekong-ioc/shared';
import { Clock } from '../../infra/clock/clock';
import { DeviceEntity } from './device.entity';
import { IngestionException } from './ingestion.exception';

export const toDevice = (entity: DeviceEntity): Device => ({
  id: entity.id,
  feed: entity.feed,
  kind: entity.kind,
  nameVi: entity.nameVi,
  nameEn: entity.nameEn,
  lat: entity.lat,
  lon: entity.lon,
  zone: entity.zone,
  groupId: entity.groupId,
  expectedIntervalSeconds: entity.expectedIntervalSeconds,
  thresholds: entity.thresholds,
  active: entity.active,
});

interface RegisteredDevice {
  feed: Feed;
  active: boolean;
}

const REFRESH_INTERVAL_MS = 30_000;
const MIN_RELOAD_ON_MISS_MS = 5_000;

/**
 * The device and station registry. Ingest checks every reading against it, so it is kept in memory
 * and refreshed from the database (another instance may have changed it) every 30 s, or sooner
 * when an unknown device shows up.
 */
@Injectable()
export class DeviceRegistryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeviceRegistryService.name);
  private registered = new Map<string, RegisteredDevice>();
  private lastLoadedAt = 0;
  private reloading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload().catch((error: unknown) => this.logger.warn(`device registry not loaded yet: ${String(error)}`));
    this.timer = setInterval(() => void this.reload().catch(() => undefined), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The device's feed and state, or undefined when it is not registered. */
  lookup(deviceId: string): RegisteredDevice | undefined {
    return this.registered.get(deviceId);
  }

  /** Reloads when ids were not found and the registry was not read recently; true if it reloaded. */
  async reloadForUnknown(): Promise<boolean> {
    if (this.clock.now().getTime() - this.lastLoadedAt < MIN_RELOAD_ON_MISS_MS) return false;
    await this.reload();
    return true;
  }

  async list(feed?: Feed): Promise<Device[]> {
    const entities = await this.devices.find({ where: feed ? { feed } : {}, order: { id: 'ASC' } });
    return entities.map(toDevice);
  }

  async get(id: string): Promise<Device> {
    const entity = await this.devices.findOneBy({ id });
    if (!entity) throw new IngestionException('DEVICE_NOT_FOUND', `No device has the id "${id}".`);
    return toDevice(entity);
  }

  async upsert(id: string, device: UpsertDeviceRequest): Promise<Device> {
    await this.devices.upsert({ id, ...device }, ['id']);
    this.registered.set(id, { feed: device.feed, active: device.active });
    return this.get(id);
  }

  /** Adds the devices that are missing (demo seeding, provisioning); existing ones are kept. */
  async ensure(devices: Device[]): Promise<void> {
    for (let start = 0; start < devices.length; start += 500) {
      await this.devices.createQueryBuilder().insert().values(devices.slice(start, start + 500)).orIgnore().execute();
    }
    await this.reload();
  }

  async remove(id: string): Promise<void> {
    const result = await this.devices.delete({ id });
    if (!result.affected) throw new IngestionException('DEVICE_NOT_FOUND', `No device has the id "${id}".`);
    this.registered.delete(id);
  }

  private reload(): Promise<void> {
    this.reloading ??= this.devices
      .find({ select: { id: true, feed: true, active: true } })
      .then((rows) => {
        this.registered = new Map(rows.map((row) => [row.id, { feed: row.feed, active: row.active }]));
        this.lastLoadedAt = this.clock.now().getTime();
      })
      .finally(() => (this.reloading = null));
    return this.reloading;
  }
}
