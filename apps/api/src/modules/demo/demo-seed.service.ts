import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AgenciesService } from '../agencies/agencies.service';
import { ApiKeysService } from '../auth/api-keys.service';
import { UsersService } from '../auth/users.service';
import { DeviceRegistryService } from '../ingestion/device-registry.service';
import { buildMyThoRegistry } from '../simulator/my-tho-registry';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_API_KEYS } from './demo-fixtures';

/** In demo mode, makes sure the demo agencies, accounts, keys and devices exist. Idempotent across restarts. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly devices: DeviceRegistryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoMode) return;
    const agencies = await this.agencies.ensure(DEMO_AGENCIES);
    const existing = new Set((await this.users.list()).map((user) => user.username));
    for (const account of DEMO_ACCOUNTS.filter((a) => !existing.has(a.username))) {
      const agencyId = account.agencyCode ? agencies.find((a) => a.code === account.agencyCode)?.id ?? null : null;
      await this.users.create({ ...account, agencyId });
    }
    for (const key of DEMO_API_KEYS) await this.apiKeys.ensure(key.name, key.key, key.scopes);
    // The city's approximate registry: the devices the simulator speaks for.
    const registry = buildMyThoRegistry(this.config.simulator.seed);
    await this.devices.ensure(registry);
    this.logger.log(`Demo data ready: ${DEMO_AGENCIES.length} agencies, ${DEMO_ACCOUNTS.length} accounts, ${registry.length} devices`);
  }
}
