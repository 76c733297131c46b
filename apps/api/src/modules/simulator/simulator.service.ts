import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock/clock';
import { describeError } from './ingest-transport';
import { IngestTransportFactory } from './ingest-transport.factory';
import { buildMyThoRegistry } from './my-tho-registry';
import { scheduledEvents } from './simulation-model';
import { Simulator } from './simulator';
import { toVietnamIso } from './vietnam-time.util';

/** On start, the last few minutes are sent too, so the wall's charts have a line straight away. */
const BACKFILL_MS = 10 * 60_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Runs the Mỹ Tho simulator inside the API process, sending through the public ingest path (HTTP
 * with the demo key, or MQTT) like any gateway. Whatever goes wrong in it is logged, never thrown.
 */
@Injectable()
export class SimulatorService implements OnModuleDestroy {
  private readonly logger = new Logger('Simulator');
  private simulator: Simulator | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly transports: IngestTransportFactory,
  ) {}

  /** Starts sending to the API at `baseUrl` (e.g. http://127.0.0.1:3000); call once it listens. */
  start(baseUrl: string): void {
    if (this.simulator) return;
    try {
      const { rate, seed } = this.config.simulator;
      const devices = buildMyThoRegistry(seed);
      const transport = this.transports.create(baseUrl);
      const now = () => this.clock.now().getTime();
      const simulator = new Simulator({ devices, seed, rate, transport, log: this.logger, now, backfillMs: BACKFILL_MS });
      simulator.start();
      this.simulator = simulator;
      this.logger.log(
        `Simulator started: ${devices.length} Mỹ Tho devices, about ${Math.round(simulator.readingsPerSecond())} readings/s ` +
          `(rate ${rate}, seed ${seed}) via ${transport.description}`,
      );
      const upcoming = scheduledEvents(now(), now() + 24 * 3_600_000, seed).slice(0, 5);
      if (upcoming.length) {
        this.logger.log(`Simulated events ahead: ${upcoming.map((event) => `${toVietnamIso(event.startMs).slice(11, 16)} ${event.description}`).join('; ')}`);
      }
    } catch (error) {
      this.logger.error(`Simulator could not start: ${describeError(error)}`);
    }
  }

  /** Stops generating and flushes what is queued (a few seconds at most). Safe to call twice. */
  async stop(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = null;
    if (!simulator) return;
    try {
      await simulator.stop(STOP_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`Simulator stop: ${describeError(error)}`);
    }
  }

  /** Runs before the HTTP server closes, so the last batches still reach the ingest route. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
