import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { ApiKey, ApiKeyPrincipal, CreatedApiKey } from '@mekong-ioc/shared';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyScopes, Roles } from './decorators/access.decorators';
import { ApiKeyDto, ApiKeyPrincipalDto, CreateApiKeyRequestDto, CreatedApiKeyDto } from './dto/auth.dto';
import { CurrentApiKey } from './principal';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Roles('admin')
  @ApiBearerAuth()
  @Get()
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(): Promise<ApiKey[]> {
    return this.apiKeys.list();
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The plain key is in this answer only.' })
  create(@Body() body: CreateApiKeyRequestDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(body);
  }

  /** Lets a client application check its own key and what it may do, before it sends data. */
  @ApiKeyScopes()
  @ApiSecurity('api-key')
  @Get('current')
  @ApiOkResponse({ type: ApiKeyPrincipalDto })
  current(@CurrentApiKey() apiKey: ApiKeyPrincipal): ApiKeyPrincipal {
    return apiKey;
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
