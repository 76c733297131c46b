import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES, deviceIdSchema, deviceSchema, feedSchema, upsertDeviceRequestSchema, type Device } from '@mekong-ioc/shared';
import { Roles } from '../auth/decorators/access.decorators';
import { DeviceRegistryService } from './device-registry.service';

class DeviceDto extends createZodDto(deviceSchema) {}
class UpsertDeviceRequestDto extends createZodDto(upsertDeviceRequestSchema) {}
class DeviceListQueryDto extends createZodDto(z.object({ feed: feedSchema.optional() })) {}
class DeviceIdParamDto extends createZodDto(z.object({ id: deviceIdSchema })) {}

@ApiTags('devices')
@ApiBearerAuth()
@Controller('devices')
export class DevicesController {
  constructor(private readonly registry: DeviceRegistryService) {}

  @Roles(...ROLES)
  @Get()
  @ApiOkResponse({ type: [DeviceDto] })
  list(@Query() query: DeviceListQueryDto): Promise<Device[]> {
    return this.registry.list(query.feed);
  }

  @Roles(...ROLES)
  @Get(':id')
  @ApiOkResponse({ type: DeviceDto })
  get(@Param() params: DeviceIdParamDto): Promise<Device> {
    return this.registry.get(params.id);
  }

  /** Registers a device or replaces its definition. */
  @Roles('admin')
  @Put(':id')
  @ApiOkResponse({ type: DeviceDto })
  upsert(@Param() params: DeviceIdParamDto, @Body() body: UpsertDeviceRequestDto): Promise<Device> {
    return this.registry.upsert(params.id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param() params: DeviceIdParamDto): Promise<void> {
    return this.registry.remove(params.id);
  }
}
