import { BeforeApplicationShutdown, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadLetterService } from './dead-letter.service';
import { DeviceRegistryService } from './device-registry.service';
import { DeviceEntity } from './device.entity';
import { DevicesController } from './devices.controller';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';
import { ReadingPartitionsService } from './reading-partitions.service';
import { ReadingWriter } from './reading-writer.provider';
import { ReadingsController } from './readings.controller';
import { ReadingsCommitted } from './readings-committed.provider';
import { ReadingsService } from './readings.service';

@Module({
  imports: [TypeOrmModule.forFeature([DeviceEntity])],
  controllers: [IngestionController, DevicesController, ReadingsController],
  providers: [DeadLetterService, DeviceRegistryService, IngestionService, ReadingPartitionsService, ReadingWriter, ReadingsService, ReadingsCommitted],
  exports: [DeadLetterService, DeviceRegistryService, IngestionService, ReadingsService, ReadingsCommitted],
})
export class IngestionModule implements BeforeApplicationShutdown {
  constructor(private readonly writer: ReadingWriter) {}

  /** SIGTERM: the readings already accepted are committed before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }
}
