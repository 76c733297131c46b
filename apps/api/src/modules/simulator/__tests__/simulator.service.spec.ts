import { Test } from '@nestjs/testing';
import { loadConfig } from '../../../config/app-config';
import { ConfigModule } from '../../../config/config.module';
import { ClockModule } from '../../../infra/clock/clock';
import { DEMO_API_KEYS } from '../../demo/demo-fixtures';
import { SimulatorModule } from '../simulator.module';
import { SimulatorService } from '../simulator.service';
import { FakeIngestServer } from './fake-ingest-server';

describe('SimulatorService', () => {
  it('sends the city through the HTTP ingest path with the demo key, and flushes on stop', async () => {
    const key = DEMO_API_KEYS[0]?.key ?? '';
    const server = new FakeIngestServer(key);
    const url = await server.start();
    const config = loadConfig({ JWT_SECRET: 'a'.repeat(40), SIMULATOR: 'on', SIMULATOR_RATE: '20', SIMULATOR_SEED: '7' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), ClockModule, SimulatorModule] }).compile();
    moduleRef.useLogger(false);
    const simulator = moduleRef.get(SimulatorService);
    try {
      simulator.start(url);
      simulator.start(url); // a second call is ignored
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await simulator.stop();
      const afterStop = server.keys.size;
      // Ten minutes of backfill at the devices' own intervals (~16,000) plus the live readings at rate 20.
      expect(afterStop).toBeGreaterThan(10_000);
      expect(server.requests.every((r) => r.apiKey === key && r.count <= 500)).toBe(true);
      expect(new Set(server.requests.map((r) => r.feed))).toEqual(new Set(['traffic', 'environment', 'camera', 'dossier', 'wifi']));
      // Stopped means stopped: nothing more arrives.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.keys.size).toBe(afterStop);
    } finally {
      await moduleRef.close();
      await server.stop();
    }
  });

  it('logs instead of throwing when it cannot reach the API', async () => {
    const config = loadConfig({ JWT_SECRET: 'a'.repeat(40), SIMULATOR: 'on' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), ClockModule, SimulatorModule] }).compile();
    moduleRef.useLogger(false);
    const simulator = moduleRef.get(SimulatorService);
    expect(() => simulator.start('not a url')).not.toThrow();
    await expect(simulator.stop()).resolves.toBeUndefined();
    await moduleRef.close();
  });
});
