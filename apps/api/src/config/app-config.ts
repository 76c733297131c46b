import { z } from 'zod';
import { DEFAULT_SLA_MINUTES, type DatabaseKind, type IncidentPriority } from '@mekong-ioc/shared';
import { DatabaseEnv, databaseEnvSchema, envSchema } from './app-config.schema';

export type DatabaseConfig = (
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; poolSize: number }
) & {
  /** Run pending migrations when the API starts (tests, single-process set-ups); deployments use the one-shot step. */
  migrateOnStart?: boolean;
};

/** The typed configuration the rest of the API is given; built from the environment once. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  version: string;
  http: { host: string; port: number; bodyLimitBytes: number; corsOrigins: string[] };
  database: DatabaseConfig;
  auth: {
    jwtSecret: string;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  demoMode: boolean;
  logLevel: string;
  webDistDir: string | null;
  /** Where uploaded files live (local disk; an S3-compatible provider would take a bucket instead). */
  storage: { dir: string };
  /** Uploaded photos: largest file accepted (413 past it) and largest pixel count (422 past it). */
  media: { photoMaxBytes: number; photoMaxPixels: number; unclaimedPhotoTtlMs: number };
  ingestion: {
    /** Readings accepted but not yet committed; past this, ingest answers 503 instead of queueing. */
    maxPendingReadings: number;
    /** How long a request waits for its commit before answering 503 with Retry-After. */
    commitTimeoutMs: number;
    retentionDays: number;
  };
  mqtt: { url: string; shareGroup: string; clientId: string | null } | null;
  simulator: { enabled: boolean; rate: number; seed: number; transport: 'http' | 'mqtt' };
  realtime: {
    /** Set: Socket.IO events cross instances through Redis, and one instance is elected publisher. */
    redisUrl: string | null;
    /** Prefix of every Redis key and stream this deployment uses, so several can share one Redis. */
    redisKeyPrefix: string;
    systemTickSeconds: number;
    /** Recent deltas kept per topic for clients that reconnect; older gaps get a fresh snapshot. */
    replayDeltas: number;
    /** Map layers are sent at most once per this many milliseconds (newest state per entity). */
    layerFrameMs: number;
  };
  /** Citizen reports (Open311 and the web form): POSTs allowed per minute, per API key and per client IP. */
  reports: { rateLimitPerKeyPerMinute: number; rateLimitPerIpPerMinute: number };
  incidents: {
    /** Minutes to dispatch and to resolve, per priority. */
    slaMinutes: Record<IncidentPriority, { dispatch: number; resolve: number }>;
    /** How often the SLA monitor looks for breaches; 0 leaves it off (the default under NODE_ENV=test). */
    slaCheckIntervalMs: number;
    /** A new report this close to an open incident of its category, within the window, joins it. */
    fusionRadiusMeters: number;
    fusionWindowMinutes: number;
  };
  dispatch: {
    /** Speed for the straight-line travel-time estimate of suggested units. */
    citySpeedKmh: number;
    /** Cameras and sensors this close to an incident, over this many last hours, are its nearby context. */
    contextRadiusMeters: number;
    contextHours: number;
  };
  kpis: {
    /** Dirty KPI groups are recomputed at most once per this many milliseconds. */
    debounceMs: number;
    /** Every KPI is recomputed this often even without events: windows slide and deadlines pass. */
    refreshMs: number;
    /** Free-flow speed of a traffic detector whose registry entry gives none (`mean_speed.freeFlow`). */
    defaultFreeFlowKmh: number;
  };
  alerts: {
    /** How often no-data rules (silent devices and feeds) and KPI rules are checked; 0 leaves it off (the default under NODE_ENV=test). */
    checkIntervalMs: number;
    /** CAP `sender` of the alerts published as CAP 1.2. */
    capSender: string;
  };
  briefings: {
    /** How often the Monday 07:00 scheduler looks for last week's briefing to make; 0 leaves it off (the default under NODE_ENV=test). */
    scheduleCheckMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

type Environment = Record<string, string | undefined>;

function parseEnvironment<Schema extends z.ZodType>(schema: Schema, environment: Environment): z.infer<Schema> {
  // An empty variable means "not set", as it does for most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${describeIssue(issue)}`),
    );
  }
  return parsed.data;
}

const databaseConfigOf = (env: DatabaseEnv): DatabaseConfig =>
  env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, migrateOnStart: env.MIGRATE_ON_START }
    : {
        kind: 'pglite',
        dataDir: env.PGLITE_DATA_DIR === ':memory:' ? null : env.PGLITE_DATA_DIR,
        migrateOnStart: env.MIGRATE_ON_START,
      };

/** Only the database part, for the migration step, which needs no secrets. */
export const loadDatabaseConfig = (environment: Environment): DatabaseConfig =>
  databaseConfigOf(parseEnvironment(databaseEnvSchema, environment));

export function loadConfig(environment: Environment, version = '0.0.0'): AppConfig {
  const env = parseEnvironment(envSchema, environment);
  return {
    env: env.NODE_ENV,
    version,
    http: {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS,
    },
    database: databaseConfigOf(env),
    auth: {
      jwtSecret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
    },
    demoMode: env.DEMO_MODE,
    logLevel: env.LOG_LEVEL,
    webDistDir: env.WEB_DIST_DIR ?? null,
    storage: { dir: env.STORAGE_DIR },
    media: { photoMaxBytes: env.PHOTO_MAX_BYTES, photoMaxPixels: env.PHOTO_MAX_PIXELS, unclaimedPhotoTtlMs: env.PHOTO_UNCLAIMED_HOURS * 3_600_000 },
    ingestion: {
      maxPendingReadings: env.INGEST_MAX_PENDING_READINGS,
      commitTimeoutMs: env.INGEST_COMMIT_TIMEOUT_MS,
      retentionDays: env.READINGS_RETENTION_DAYS,
    },
    mqtt: env.MQTT_URL ? { url: env.MQTT_URL, shareGroup: env.MQTT_SHARE_GROUP, clientId: env.MQTT_CLIENT_ID ?? null } : null,
    simulator: {
      enabled: env.SIMULATOR === 'on',
      rate: env.SIMULATOR_RATE,
      seed: env.SIMULATOR_SEED,
      transport: env.SIMULATOR_TRANSPORT,
    },
    realtime: {
      redisUrl: env.REDIS_URL ?? null,
      redisKeyPrefix: env.REDIS_KEY_PREFIX,
      systemTickSeconds: env.SYSTEM_TICK_SECONDS,
      replayDeltas: env.LIVE_REPLAY_DELTAS,
      layerFrameMs: env.LIVE_LAYER_FRAME_MS,
    },
    reports: {
      rateLimitPerKeyPerMinute: env.REPORT_RATE_LIMIT_PER_MINUTE,
      rateLimitPerIpPerMinute: env.REPORT_RATE_LIMIT_PER_IP_PER_MINUTE,
    },
    incidents: {
      slaMinutes: env.SLA_MINUTES ?? DEFAULT_SLA_MINUTES,
      slaCheckIntervalMs: (env.SLA_CHECK_INTERVAL_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 30)) * 1000,
      fusionRadiusMeters: env.FUSION_RADIUS_METERS,
      fusionWindowMinutes: env.FUSION_WINDOW_MINUTES,
    },
    dispatch: {
      citySpeedKmh: env.DISPATCH_CITY_SPEED_KMH,
      contextRadiusMeters: env.DISPATCH_CONTEXT_RADIUS_METERS,
      contextHours: env.DISPATCH_CONTEXT_HOURS,
    },
    kpis: {
      debounceMs: env.KPI_DEBOUNCE_MS,
      refreshMs: env.KPI_REFRESH_SECONDS * 1000,
      defaultFreeFlowKmh: env.TRAFFIC_FREE_FLOW_KMH,
    },
    alerts: {
      checkIntervalMs: (env.ALERT_CHECK_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 30)) * 1000,
      capSender: env.CAP_SENDER,
    },
    briefings: {
      scheduleCheckMs: (env.BRIEFING_SCHEDULE_CHECK_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 60)) * 1000,
    },
  };
}

export const databaseKindOf = (config: AppConfig): DatabaseKind => config.database.kind;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required, ${issue.message.toLowerCase()}`;
  return issue.message;
}
