import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DEMO_API_KEYS } from '../demo/demo-fixtures';
import { HttpIngestTransport } from './http-ingest.transport';
import type { IngestTransport } from './ingest-transport';
import { MqttIngestTransport } from './mqtt-ingest.transport';

/** The network side of the simulator, behind a provider so tests can put a fake in its place. */
@Injectable()
export class IngestTransportFactory {
  private readonly logger = new Logger('Simulator');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  create(baseUrl: string): IngestTransport {
    const { transport } = this.config.simulator;
    if (transport === 'mqtt') {
      if (this.config.mqtt) {
        const clientId = `${this.config.mqtt.clientId ?? 'mekong-ioc'}-sim`;
        return new MqttIngestTransport({ url: this.config.mqtt.url, clientId }, this.logger);
      }
      this.logger.warn('SIMULATOR_TRANSPORT=mqtt but MQTT_URL is not set; sending over HTTP instead');
    }
    const apiKey = DEMO_API_KEYS[0]?.key;
    if (!apiKey) throw new Error('no demo API key for the simulator');
    return new HttpIngestTransport({ baseUrl, apiKey, connections: 4 });
  }
}
