import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion.module';
import { MqttIngestConsumer } from './mqtt-ingest.consumer';

/**
 * MQTT ingest (`ioc/v1/{feed}/{deviceId}`), on when MQTT_URL is set. Import it beside
 * IngestionModule (in AppModule), not into it: it builds on IngestionModule's services.
 */
@Module({
  imports: [IngestionModule],
  providers: [MqttIngestConsumer],
  exports: [MqttIngestConsumer],
})
export class MqttIngestModule {}
