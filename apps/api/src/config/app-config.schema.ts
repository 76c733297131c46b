import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((flag) => ['true', '1', 'yes', 'on'].includes(flag));

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
  .optional();

/** What the migration step needs: only where the database is. */
export const databaseEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DATA_DIR: z.string().min(1).default('./data/pglite'),
  MIGRATE_ON_START: booleanFlag.default(false),
});
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/**
 * The whole environment the API reads, checked once at start-up. Every variable is listed in
 * `.env.example`; nothing else in the code base reads `process.env`.
 */
export const envSchema = z
  .object({
    ...databaseEnvSchema.shape,
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters of random data'),
    JWT_ISSUER: z.string().min(1).default('mekong-ioc'),
    JWT_AUDIENCE: z.string().min(1).default('mekong-ioc-api'),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    JWT_REFRESH_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86_400).default(7 * 86_400),
    DEMO_MODE: booleanFlag.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(4 * 1024 * 1024),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean)),
    WEB_DIST_DIR: z.string().min(1).optional(),
  })
  .refine((env) => !(env.NODE_ENV === 'production' && env.DEMO_MODE), {
    message: 'demo accounts are never created in production; unset DEMO_MODE or NODE_ENV=production',
    path: ['DEMO_MODE'],
  });

export type Env = z.infer<typeof envSchema>;
