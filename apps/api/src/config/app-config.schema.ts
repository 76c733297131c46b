import { z } from 'zod';
import { DEFAULT_SLA_MINUTES, INCIDENT_PRIORITIES, incidentPrioritySchema, type IncidentPriority } from '@mekong-ioc/shared';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((flag) => ['true', '1', 'yes', 'on'].includes(flag));

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
  .optional();

/**
 * SLA targets as JSON overriding DEFAULT_SLA_MINUTES per priority, e.g.
 * `{"P1":{"dispatch":5,"resolve":60}}`; the result is the full table, each dispatch within its resolve.
 */
const slaMinutesSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"P1":{"dispatch":5,"resolve":60}}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.partialRecord(
      incidentPrioritySchema,
      z.strictObject({ dispatch: z.number().positive().max(525_600).optional(), resolve: z.number().positive().max(525_600).optional() }),
    ),
  )
  .transform((overrides) =>
    Object.fromEntries(
      INCIDENT_PRIORITIES.map((priority) => [priority, { ...DEFAULT_SLA_MINUTES[priority], ...overrides[priority] }]),
    ) as Record<IncidentPriority, { dispatch: number; resolve: number }>,
  )
  .refine((table) => INCIDENT_PRIORITIES.every((priority) => table[priority].dispatch <= table[priority].resolve), {
    message: 'each priority must be dispatched no later than it is resolved (dispatch <= resolve)',
  });

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
    STORAGE_DIR: z.string().min(1).default('./data/storage'),
    PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    PHOTO_MAX_PIXELS: z.coerce.number().int().min(1).max(268_402_689).default(40_000_000),
    PHOTO_UNCLAIMED_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    INGEST_MAX_PENDING_READINGS: z.coerce.number().int().min(1_000).max(10_000_000).default(200_000),
    INGEST_COMMIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1_800),
    READINGS_RETENTION_DAYS: z.coerce.number().int().min(2).max(3_650).default(30),
    MQTT_URL: z.url({ protocol: /^mqtts?$/, error: 'expected an mqtt:// or mqtts:// URL' }).optional(),
    MQTT_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('mekong-ioc'),
    MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    SIMULATOR: z.enum(['on', 'off']).default('off'),
    SIMULATOR_RATE: z.coerce.number().min(0.01).max(1_000).default(1),
    SIMULATOR_SEED: z.coerce.number().int().default(1679),
    SIMULATOR_TRANSPORT: z.enum(['http', 'mqtt']).default('http'),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/).default('mekong-ioc:'),
    SYSTEM_TICK_SECONDS: z.coerce.number().min(1).max(60).default(5),
    LIVE_REPLAY_DELTAS: z.coerce.number().int().min(10).max(10_000).default(500),
    LIVE_LAYER_FRAME_MS: z.coerce.number().int().min(100).max(5_000).default(250),
    REPORT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    REPORT_RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    SLA_MINUTES: slaMinutesSchema.optional(),
    SLA_CHECK_INTERVAL_SECONDS: z.coerce.number().min(0).max(3_600).optional(),
    FUSION_RADIUS_METERS: z.coerce.number().min(1).max(5_000).default(150),
    FUSION_WINDOW_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(120),
    ALERT_CHECK_SECONDS: z.coerce.number().min(0).max(3_600).optional(),
    CAP_SENDER: z.string().regex(/^[^\s,<&]{1,200}$/, 'no spaces, commas, < or &').default('ioc.mytho.tiengiang.gov.vn'),
    DISPATCH_CITY_SPEED_KMH: z.coerce.number().min(1).max(150).default(25),
    DISPATCH_CONTEXT_RADIUS_METERS: z.coerce.number().min(10).max(5_000).default(500),
    DISPATCH_CONTEXT_HOURS: z.coerce.number().min(0.25).max(72).default(3),
    KPI_DEBOUNCE_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    KPI_REFRESH_SECONDS: z.coerce.number().min(1).max(3_600).default(15),
    TRAFFIC_FREE_FLOW_KMH: z.coerce.number().min(5).max(200).default(40),
    BRIEFING_SCHEDULE_CHECK_SECONDS: z.coerce.number().min(0).max(3_600).optional(),
  })
  .refine((env) => !(env.NODE_ENV === 'production' && env.DEMO_MODE), {
    message: 'demo accounts are never created in production; unset DEMO_MODE or NODE_ENV=production',
    path: ['DEMO_MODE'],
  });

export type Env = z.infer<typeof envSchema>;
