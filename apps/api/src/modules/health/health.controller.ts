import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { healthSchema, readinessSchema, type Health, type Readiness } from '@mekong-ioc/shared';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Public } from '../auth/decorators/access.decorators';
import { DatabaseProbe } from './database-probe.provider';

class HealthDto extends createZodDto(healthSchema) {}
class ReadinessDto extends createZodDto(readinessSchema) {}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseProbe,
  ) {}

  /** Liveness: the process answers. Cheap on purpose; load balancers call it often. */
  @Get()
  @ApiOkResponse({ type: HealthDto })
  health(): Health {
    return {
      status: 'ok',
      database: this.config.database.kind,
      version: this.config.version,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  /** Readiness: the database answers. 503 while it does not, 200 again once it is back. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const database = await this.database.ping();
    if (!database.up) void reply.status(503).header('Retry-After', '5');
    return {
      status: database.up ? 'ready' : 'unavailable',
      database: { status: database.up ? 'up' : 'down', latencyMs: database.latencyMs },
    };
  }
}
