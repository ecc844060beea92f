import { accessSync, constants, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Env validated once at start; every process reads its settings from here. */
export interface AppConfig {
  /** External Temporal frontend (host:port); undefined means the embedded dev server. */
  temporalAddress?: string;
  temporalNamespace: string;
  /**
   * TLS to the Temporal frontend (Temporal Cloud, a TLS-protected server); undefined: plain gRPC
   * (the embedded dev server). Turned into connection options by temporalTlsOptions (@duban/temporal).
   */
  temporalTls?: TemporalTlsConfig;
  /** Temporal Cloud API key (TEMPORAL_API_KEY), sent as `Authorization: Bearer …`; implies TLS. Never log it. */
  temporalApiKey?: string;
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
  /** Express `trust proxy`: which proxies' X-Forwarded-For is believed (false: none, the socket address counts). */
  trustProxy: boolean | number | string[];
  /** A session ends after this many minutes without a request (sign in again). */
  sessionIdleMinutes: number;
  /** A session ends this many hours after sign-in, however active (refresh stops working). */
  sessionMaxHours: number;
  /** Failed sign-ins per account before each next try must wait (1 s, 2 s, 4 s … up to 15 min). */
  signInAccountFailures: number;
  /** Failed sign-ins per client address (any accounts) before that address must wait likewise. */
  signInAddressFailures: number;
  /**
   * Connections of each API or worker process to PostgreSQL. A worker runs at most this many less four
   * local activities (each holds one for its transaction) and six remote ones at once (apps/worker/worker.ts
   * activitySlots: mostly delivery batches, which hold one only per statement); an API needs no
   * connection while an Update runs (the per-measure lease is taken and given back in one statement each).
   */
  pgPoolSize: number;
  /** `npm run cluster`: history shards of its Temporal server (fixed once its database exists). */
  temporalHistoryShards: number;
  /** `npm run cluster`: days its Temporal namespace keeps a closed workflow's history. */
  temporalRetentionDays: number;
  /**
   * Workflows a worker keeps in memory between their tasks (DUBAN_WORKER_CACHED_WORKFLOWS); unset:
   * the SDK's default (by the machine's memory). 0 keeps none: every task replays its history, and
   * a workflow's next task never waits on the queue of a worker that died.
   */
  workerCachedWorkflows?: number;
  /** A prebuilt workflow bundle for the worker (DUBAN_WORKFLOW_BUNDLE); unset: bundled at start. */
  workflowBundlePath?: string;
  /**
   * Fonts of generated PDF documents (通报, 台账, 督办单): paths of TrueType/OpenType files that override
   * the shipped Noto Serif SC, e.g. an installed 仿宋_GB2312 for the body and 方正小标宋 for titles.
   */
  documentFont?: string;
  documentTitleFont?: string;
  /**
   * The address people reach duban at (no trailing slash): links in messages and the OIDC redirect
   * `${publicUrl}/auth/oidc/callback`. Default http://<reachable host>:<PORT>.
   */
  publicUrl: string;
  /** Single sign-on by OpenID Connect; undefined when DUBAN_OIDC_ISSUER is not set. */
  oidc?: OidcConfig;
  /** Password sign-in: on for everyone, off, or only for admins (a break-glass login beside SSO). */
  passwordLogin: PasswordLoginMode;
}

/** TLS settings of the Temporal connection: file paths, read when a connection is opened. */
export interface TemporalTlsConfig {
  /** mTLS: the client certificate and its private key (PEM files); absent: the server is verified, the client is not. */
  clientCert?: { certFile: string; keyFile: string };
  /** CA of the server's certificate (PEM file), for a private CA; absent: the system's trusted roots (Temporal Cloud). */
  serverCaFile?: string;
  /** Name the server's certificate is checked against (and sent as SNI) instead of TEMPORAL_ADDRESS's host. */
  serverName?: string;
}

export type PasswordLoginMode = 'on' | 'off' | 'admins';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, no client authentication). */
  clientSecret?: string;
  scopes: string;
  /** The claim (ID token, else userinfo) that names the person. */
  userClaim: string;
  /** What the claim is compared with: users.username or users.external_id (统一身份标识). */
  match: 'username' | 'external_id';
  createUsers: boolean;
  /** The department new people are created in (required when createUsers). */
  defaultDepartment?: string;
  label: string;
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
  TEMPORAL_TLS: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  TEMPORAL_TLS_CERT: pemFile('the client certificate'),
  TEMPORAL_TLS_KEY: pemFile('the private key of the client certificate'),
  TEMPORAL_TLS_CA: pemFile("the CA certificate of the server's certificate"),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'must be a host name such as temporal.example.gov.cn')
    .optional(),
  // The key itself never appears in a message: only what is wrong with it.
  TEMPORAL_API_KEY: z
    .string()
    .regex(/^[\x21-\x7E]+$/, 'must be the API key alone (printable ASCII, no spaces or line breaks)')
    .optional(),
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
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be an interface address or host name, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  TRUST_PROXY: z
    .string()
    .transform((value, context) => {
      const parsed = parseTrustProxy(value);
      if (parsed === undefined) {
        context.addIssue({
          code: 'custom',
          message: "must be false, true, a number of proxy hops, or a comma-separated list of addresses/CIDRs or 'loopback', 'linklocal', 'uniquelocal'",
        });
        return z.NEVER;
      }
      return parsed;
    })
    .default(false),
  DUBAN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  DUBAN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  DUBAN_SIGNIN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  DUBAN_SIGNIN_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(10_000_000).default(50),
  DUBAN_PG_POOL: z.coerce.number().int().min(4).max(500).default(20),
  DUBAN_TEMPORAL_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16_384).default(4),
  DUBAN_TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  DUBAN_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  DUBAN_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  DUBAN_DOCUMENT_FONT: fontFile().optional(),
  DUBAN_DOCUMENT_TITLE_FONT: fontFile().optional(),
  DUBAN_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be an absolute http(s) URL such as https://duban.example.gov.cn')
    .refine((url) => !url.endsWith('/'), 'must not end with a slash')
    .refine((url) => URL.canParse(url), 'must be an absolute http(s) URL such as https://duban.example.gov.cn')
    .optional(),
  DUBAN_OIDC_ISSUER: z
    .string()
    .refine((url) => /^https?:\/\//.test(url) && URL.canParse(url), 'must be the absolute http(s) URL of the OpenID provider (its issuer)')
    .optional(),
  DUBAN_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  DUBAN_OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  DUBAN_OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'must be scopes separated by single spaces')
    .refine((scopes) => scopes.split(' ').includes('openid'), "must include 'openid'")
    .default('openid profile'),
  DUBAN_OIDC_USER_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be a claim name such as preferred_username').default('preferred_username'),
  DUBAN_OIDC_MATCH: z.enum(['username', 'external_id'], { error: 'must be username or external_id' }).default('username'),
  DUBAN_OIDC_CREATE_USERS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  DUBAN_OIDC_DEFAULT_DEPARTMENT: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be a department code such as general').optional(),
  DUBAN_OIDC_LABEL: z.string().min(1).max(40, 'must be at most 40 characters').default('统一身份认证登录'),
  DUBAN_PASSWORD_LOGIN: z.enum(['on', 'off', 'admins'], { error: 'must be on, off or admins' }).default('on'),
});

/** A readable file (a PEM certificate or key of the Temporal connection); `what` says which. */
function pemFile(what: string) {
  return z
    .string()
    .refine((file) => isReadableFile(file), `must be the path of a readable PEM file (${what})`)
    .optional();
}

/** A readable .ttf/.otf file (a PDF font override; a .ttc collection would need a face name). */
function fontFile() {
  return z
    .string()
    .regex(/\.(ttf|otf)$/i, 'must be the path of a .ttf or .otf font file')
    .refine((file) => isReadableFile(file), 'names no readable font file');
}

function isReadableFile(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as express takes it; undefined when the value is not one of the accepted forms. */
export function parseTrustProxy(value: string): boolean | number | string[] | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  return valid && entries.length > 0 ? entries : undefined;
}

/** Where a local process reaches the API: the listening interface, or loopback when it listens on all of them. */
export function apiReachableHost(config: Pick<AppConfig, 'host'>): string {
  if (config.host === '0.0.0.0' || config.host === '::' || config.host === '') return '127.0.0.1';
  return config.host.includes(':') ? `[${config.host}]` : config.host;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const oidc = oidcSettings(e);
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    temporalTls: temporalTlsSettings(e),
    temporalApiKey: e.TEMPORAL_API_KEY,
    databaseUrl: e.DATABASE_URL,
    apiPort: e.PORT,
    temporalPort: e.TEMPORAL_PORT,
    temporalUiPort: e.TEMPORAL_UI_PORT,
    postgresPort: e.DUBAN_PG_PORT,
    taskQueue: e.DUBAN_TASK_QUEUE,
    jwtSecret: e.DUBAN_JWT_SECRET,
    accessTokenMinutes: e.DUBAN_ACCESS_TOKEN_MINUTES,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.DUBAN_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.DUBAN_SESSION_MAX_HOURS,
    signInAccountFailures: e.DUBAN_SIGNIN_ACCOUNT_FAILURES,
    signInAddressFailures: e.DUBAN_SIGNIN_ADDRESS_FAILURES,
    pgPoolSize: e.DUBAN_PG_POOL,
    temporalHistoryShards: e.DUBAN_TEMPORAL_HISTORY_SHARDS,
    temporalRetentionDays: e.DUBAN_TEMPORAL_RETENTION_DAYS,
    workerCachedWorkflows: e.DUBAN_WORKER_CACHED_WORKFLOWS,
    workflowBundlePath: e.DUBAN_WORKFLOW_BUNDLE,
    documentFont: e.DUBAN_DOCUMENT_FONT,
    documentTitleFont: e.DUBAN_DOCUMENT_TITLE_FONT,
    publicUrl: e.DUBAN_PUBLIC_URL ?? `http://${apiReachableHost({ host: e.HOST })}:${e.PORT}`,
    oidc,
    passwordLogin: e.DUBAN_PASSWORD_LOGIN,
  };
}

/**
 * The TLS settings of the Temporal connection, checked together. TLS is on when TEMPORAL_TLS is true,
 * or when it is unset and a certificate, CA, server name or API key is given.
 */
function temporalTlsSettings(e: z.infer<typeof schema>): TemporalTlsConfig | undefined {
  if (e.TEMPORAL_TLS_CERT && !e.TEMPORAL_TLS_KEY) {
    throw new ConfigError('invalid configuration: TEMPORAL_TLS_KEY must be set with TEMPORAL_TLS_CERT (the private key of the client certificate; mTLS needs both)');
  }
  if (e.TEMPORAL_TLS_KEY && !e.TEMPORAL_TLS_CERT) {
    throw new ConfigError('invalid configuration: TEMPORAL_TLS_CERT must be set with TEMPORAL_TLS_KEY (the client certificate of that private key; mTLS needs both)');
  }
  const given = (['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'] as const).filter((key) => e[key] !== undefined);
  if (e.TEMPORAL_TLS === 'false') {
    if (given.length > 0) {
      throw new ConfigError(`invalid configuration: TEMPORAL_TLS must not be false when ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set (they need TLS; leave TEMPORAL_TLS unset)`);
    }
    return undefined;
  }
  if (e.TEMPORAL_TLS !== 'true' && given.length === 0) return undefined;
  if (!e.TEMPORAL_ADDRESS) {
    const named = e.TEMPORAL_TLS === 'true' ? ['TEMPORAL_TLS', ...given] : given;
    throw new ConfigError(`invalid configuration: ${named.join(', ')} set without TEMPORAL_ADDRESS (TLS is for an external Temporal frontend; the embedded dev server speaks plain gRPC)`);
  }
  return {
    clientCert: e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY ? { certFile: e.TEMPORAL_TLS_CERT, keyFile: e.TEMPORAL_TLS_KEY } : undefined,
    serverCaFile: e.TEMPORAL_TLS_CA,
    serverName: e.TEMPORAL_TLS_SERVER_NAME,
  };
}

/** The OIDC settings, checked together (a half-configured sign-on is refused at start, not at first use). */
function oidcSettings(e: z.infer<typeof schema>): OidcConfig | undefined {
  const createUsers = e.DUBAN_OIDC_CREATE_USERS === 'true';
  if (!e.DUBAN_OIDC_ISSUER) {
    const stray = (['DUBAN_OIDC_CLIENT_ID', 'DUBAN_OIDC_CLIENT_SECRET', 'DUBAN_OIDC_DEFAULT_DEPARTMENT'] as const).filter((key) => e[key] !== undefined);
    if (stray.length > 0) throw new ConfigError(`invalid configuration: ${stray.join(', ')} set without DUBAN_OIDC_ISSUER (set the issuer to turn single sign-on on)`);
    if (e.DUBAN_PASSWORD_LOGIN !== 'on') throw new ConfigError('invalid configuration: DUBAN_PASSWORD_LOGIN can only be off or admins when single sign-on is configured (DUBAN_OIDC_ISSUER)');
    return undefined;
  }
  if (!e.DUBAN_OIDC_CLIENT_ID) throw new ConfigError('invalid configuration: DUBAN_OIDC_CLIENT_ID must be set with DUBAN_OIDC_ISSUER (the client id registered at the OpenID provider)');
  if (createUsers && !e.DUBAN_OIDC_DEFAULT_DEPARTMENT) {
    throw new ConfigError('invalid configuration: DUBAN_OIDC_DEFAULT_DEPARTMENT must name the department new people are created in when DUBAN_OIDC_CREATE_USERS is true');
  }
  return {
    issuer: e.DUBAN_OIDC_ISSUER,
    clientId: e.DUBAN_OIDC_CLIENT_ID,
    clientSecret: e.DUBAN_OIDC_CLIENT_SECRET,
    scopes: e.DUBAN_OIDC_SCOPES,
    userClaim: e.DUBAN_OIDC_USER_CLAIM,
    match: e.DUBAN_OIDC_MATCH,
    createUsers,
    defaultDepartment: e.DUBAN_OIDC_DEFAULT_DEPARTMENT,
    label: e.DUBAN_OIDC_LABEL,
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
