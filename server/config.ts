/** Galley's configuration, read from the environment and validated once at boot. */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  GALLEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  GALLEY_REDIS_PREFIX: z.string().regex(/^[\w.-]{1,64}$/).default('galley'),
  GALLEY_INSTANCE: z.string().regex(/^[\w.-]{1,64}$/).optional(),
  GALLEY_METRICS_TOKEN: z.string().min(16).optional(),
  GALLEY_DEMO: z.enum(['0', '1']).default('1'),
  GALLEY_PUBLIC_URL: z.string().url().optional(),
  GALLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GALLEY_SESSION_DAYS: z.coerce.number().positive().default(14),
  GALLEY_SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  GALLEY_COMPACT_AFTER: z.coerce.number().int().positive().default(500),
});

/** The validated configuration that every module receives. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Prefix of every Redis channel and key, so newsrooms can share one Redis. */
  redisPrefix: string;
  /** This instance's name in logs and metrics; the host name and process id by default. */
  instance: string;
  /** When set, `/metrics` asks for it as a bearer token. */
  metricsToken?: string;
  demo: boolean;
  publicUrl?: string;
  logLevel: z.infer<typeof EnvSchema>['GALLEY_LOG_LEVEL'];
  sessionDays: number;
  /** A session unused for this long ends. */
  sessionIdleHours: number;
  /** Compact an article's update log once it holds this many rows. */
  compactAfter: number;
}

/** Reads and validates the configuration; throws with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.GALLEY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.GALLEY_REDIS_PREFIX,
    instance: e.GALLEY_INSTANCE ?? `${os.hostname()}-${process.pid}`,
    metricsToken: e.GALLEY_METRICS_TOKEN,
    demo: e.GALLEY_DEMO === '1',
    publicUrl: e.GALLEY_PUBLIC_URL,
    logLevel: e.GALLEY_LOG_LEVEL,
    sessionDays: e.GALLEY_SESSION_DAYS,
    sessionIdleHours: e.GALLEY_SESSION_IDLE_HOURS,
    compactAfter: e.GALLEY_COMPACT_AFTER,
  };
}
