import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { IncidentLayersPublisher } from './incident-layers.publisher';
import { LiveLayerReads } from './live-layer-reads.repository';
import { SensorLayersPublisher } from './sensor-layers.publisher';
import { UnitLayerPublisher } from './unit-layer.publisher';
import { WallTrendsController } from './wall-trends.controller';
import { WallTrendsService } from './wall-trends.service';

/**
 * The live map layers (`layer:*` topics): each registers its snapshot with the LivePublisher and
 * publishes entity updates as readings, incidents, reports and units change; and the wall's
 * 24-hour trends (`GET /api/wall-trends`).
 */
@Module({
  imports: [RealtimeModule, IngestionModule, IncidentsModule],
  controllers: [WallTrendsController],
  providers: [LiveLayerReads, SensorLayersPublisher, IncidentLayersPublisher, UnitLayerPublisher, WallTrendsService],
})
export class LiveLayersModule {}
