import { z } from 'zod';

/** Env validated once at start; every process reads its settings from here. */
export interface AppConfig {
  /** External Temporal frontend (host:port); undefined means the embedded dev server. */
  temporalAddress?: string;
  temporalNamespace: string;
  /** External PostgreSQL; undefined means the embedded server. */
  databaseUrl?: string;
  apiPort: number;
  temporalPort: number;
  temporalUiPort: number;
  postgresPort: number;
  taskQueue: string;
  /** HS256 signing secret for access tokens; the API refuses to start without one. */
  jwtSecret?: string;
  accessTokenMinutes: number;
  /** Interface the API listens on. */
  host: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1–65535')
    .max(65535, 'must be 1–65535')
    .default(fallback);

const schema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must look like host:port, e.g. 127.0.0.1:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: port(3000),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  DUBAN_PG_PORT: port(54329),
  DUBAN_TASK_QUEUE: z.string().min(1).default('duban-measures'),
  DUBAN_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DUBAN_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  HOST: z.string().min(1).default('127.0.0.1'),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    databaseUrl: e.DATABASE_URL,
    apiPort: e.PORT,
    temporalPort: e.TEMPORAL_PORT,
    temporalUiPort: e.TEMPORAL_UI_PORT,
    postgresPort: e.DUBAN_PG_PORT,
    taskQueue: e.DUBAN_TASK_QUEUE,
    jwtSecret: e.DUBAN_JWT_SECRET,
    accessTokenMinutes: e.DUBAN_ACCESS_TOKEN_MINUTES,
    host: e.HOST,
  };
}

/** Settings for a process that only connects (worker, API): both services must be named. */
export function requireConnections(config: AppConfig): AppConfig & { temporalAddress: string; databaseUrl: string } {
  const missing = [!config.temporalAddress && 'TEMPORAL_ADDRESS', !config.databaseUrl && 'DATABASE_URL'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(' and ')} must be set to run this process on its own (or use \`npm start\`, which starts embedded services)`,
    );
  }
  return config as AppConfig & { temporalAddress: string; databaseUrl: string };
}
