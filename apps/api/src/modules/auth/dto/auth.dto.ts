import { createZodDto } from 'nestjs-zod';
import {
  apiKeyPrincipalSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  createUserRequestSchema,
  loginRequestSchema,
  refreshRequestSchema,
  sessionSchema,
  sessionUserSchema,
  userSchema,
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
