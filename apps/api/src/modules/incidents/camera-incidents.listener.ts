import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CAMERA_FEED, type ReportCategory } from '@mekong-ioc/shared';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { DeviceEntity } from '../ingestion/device.entity';
import { ReadingsCommitted, type CommittedReadings } from '../ingestion/readings-committed.provider';
import type { ReadingRow } from '../ingestion/reading-writer.provider';
import { IncidentIntakeService, type AuditActor } from './incident-intake.service';

type CameraMetric = keyof typeof CAMERA_FEED.metrics;

/** Camera analytics events that need someone on site, and the incident category each opens. */
export const CAMERA_EVENT_CATEGORIES: Partial<Record<CameraMetric, ReportCategory>> = {
  smoke_fire: 'fire',
  water_on_road: 'flooding',
  wrong_way: 'traffic_violation',
  illegal_parking: 'traffic_violation',
  crowd: 'public_order',
};

const CAMERA_ACTOR: AuditActor = { userId: null, role: 'system', label: 'Phân tích hình ảnh camera', requestId: null };

const isIncidentEvent = (row: ReadingRow): boolean => row.value > 0 && Object.hasOwn(CAMERA_EVENT_CATEGORIES, row.metric);

/**
 * Opens or joins incidents for camera analytics events (smoke, water on the road, wrong way,
 * illegal parking, crowds) once their readings are committed. Runs after ingest has answered;
 * a failure here is logged and never reaches the camera's request.
 */
@Injectable()
export class CameraIncidentsListener implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(CameraIncidentsListener.name);
  private subscription: Subscription | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly committed: ReadingsCommitted,
    private readonly intake: IncidentIntakeService,
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.subscription = this.committed.stream.subscribe((batch) => {
      if (batch.feed !== 'camera' || !batch.rows.some(isIncidentEvent)) return;
      const work = this.openIncidents(batch)
        .catch((error: unknown) => this.logger.error(`camera events not turned into incidents: ${String(error)}`))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Lets events already received reach the database before it closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all(this.inFlight);
  }

  private async openIncidents(batch: CommittedReadings): Promise<void> {
    const events = batch.rows.filter(isIncidentEvent).sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    const deviceIds = [...new Set(events.map((event) => event.deviceId))];
    const cameras = new Map(
      (await this.dataSource.getRepository(DeviceEntity).createQueryBuilder('d').where('d.id = ANY(:ids)', { ids: deviceIds }).getMany()).map((device) => [device.id, device]),
    );
    for (const event of events) {
      const camera = cameras.get(event.deviceId);
      const category = CAMERA_EVENT_CATEGORIES[event.metric as CameraMetric];
      if (!camera || !category) continue;
      const label = CAMERA_FEED.metrics[event.metric as CameraMetric].labelVi;
      await this.transactions.run((manager) =>
        this.intake.intake(manager, {
          source: 'camera_event',
          category,
          lat: camera.lat,
          lon: camera.lon,
          receivedAt: event.observedAt,
          description: `${camera.nameVi} phát hiện: ${label} (${event.value})`,
          photoIds: [],
          sourceRef: `${camera.id}/${event.metric}/${event.observedAt.toISOString()}`,
          actor: CAMERA_ACTOR,
        }),
      );
    }
  }
}
