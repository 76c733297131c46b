import { z } from 'zod';
import type { DatabaseKind } from '@mekong-ioc/shared';
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
  ingestion: {
    /** Readings accepted but not yet committed; past this, ingest answers 503 instead of queueing. */
    maxPendingReadings: number;
    /** How long a request waits for its commit before answering 503 with Retry-After. */
    commitTimeoutMs: number;
    retentionDays: number;
  };
  mqtt: { url: string; shareGroup: string; clientId: string | null } | null;
  simulator: { enabled: boolean; rate: number; seed: number; transport: 'http' | 'mqtt' };
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
  };
}

export const databaseKindOf = (config: AppConfig): DatabaseKind => config.database.kind;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required, ${issue.message.toLowerCase()}`;
  return issue.message;
}
