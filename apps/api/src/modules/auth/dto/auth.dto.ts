import { createZodDto } from 'nestjs-zod';
import {
  apiKeyPrincipalSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdWallDisplaySchema,
  createWallDisplayRequestSchema,
  createdApiKeySchema,
  createUserRequestSchema,
  loginRequestSchema,
  refreshRequestSchema,
  sessionSchema,
  sessionUserSchema,
  userSchema,
  wallDisplaySchema,
  wallDisplaySessionRequestSchema,
  wallDisplaySessionSchema,
} from '@mekong-ioc/shared';

export class LoginRequestDto extends createZodDto(loginRequestSchema) {}
export class RefreshRequestDto extends createZodDto(refreshRequestSchema) {}
export class SessionDto extends createZodDto(sessionSchema) {}
export class SessionUserDto extends createZodDto(sessionUserSchema) {}
export class UserDto extends createZodDto(userSchema) {}
export class CreateUserRequestDto extends createZodDto(createUserRequestSchema) {}
export class ApiKeyDto extends createZodDto(apiKeySchema) {}
export class CreateApiKeyRequestDto extends createZodDto(createApiKeyRequestSchema) {}
export class CreatedApiKeyDto extends createZodDto(createdApiKeySchema) {}
export class ApiKeyPrincipalDto extends createZodDto(apiKeyPrincipalSchema) {}
export class WallDisplayDto extends createZodDto(wallDisplaySchema) {}
export class CreateWallDisplayRequestDto extends createZodDto(createWallDisplayRequestSchema) {}
export class CreatedWallDisplayDto extends createZodDto(createdWallDisplaySchema) {}
export class WallDisplaySessionRequestDto extends createZodDto(wallDisplaySessionRequestSchema) {}
export class WallDisplaySessionDto extends createZodDto(wallDisplaySessionSchema) {}
