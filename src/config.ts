/**
 * The process environment, parsed once and validated (contract: "Environment").
 *
 * Secrets that the operator does not give (ADMIN_TOKEN, SECRET_KEY) are generated on first start
 * into the data folder, so `npm start` on a fresh clone needs no other step.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { StoreOptions } from './store/database.js';

const roleSchema = z.enum(['all', 'web', 'worker']);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/textback.sqlite')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be sqlite:<path> or postgres://…',
    }),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SECRET_KEY: z.string().optional(),
  TWILIO_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /** Replaces every SignalWire space's host (https://<space>.signalwire.com) when set: tests point it at a simulator. */
  SIGNALWIRE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Telnyx's API host (https://api.telnyx.com); tests point it at a simulator. */
  TELNYX_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telnyx.com'),
  ROLE: roleSchema.default('all'),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Jobs mostly wait on the network (carrier, model), not the CPU: many run at once per process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /**
   * Requests each carrier account's client keeps open at once in this process (Twilio's: its
   * connections). 100 is Twilio's default concurrency limit per account; past it Twilio answers 429.
   */
  CARRIER_REQUESTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(100),
  /** Finished jobs (done or dead) are deleted this long after they finished. */
  JOB_RETENTION_MINUTES: z.coerce.number().int().min(1).default(7 * 24 * 60),
  /** Domain events are deleted this long after they happened, once nothing still needs them. */
  EVENT_RETENTION_MINUTES: z.coerce.number().int().min(1).default(30 * 24 * 60),
  /** PostgreSQL connections per process (web requests and worker jobs share them). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  /**
   * PostgreSQL: a statement unanswered this long fails and its connection is dropped (one that went
   * silent in a failover would otherwise hold its statement ~15 minutes). Schema changes and
   * migration locks have no deadline.
   */
  DATABASE_QUERY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * PostgreSQL: a pool connection idle this long is closed. Kept through shorter lulls, a connection
   * keeps its planned statements (store/idle-connection-check.ts).
   */
  DATABASE_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Behind a reverse proxy: believe its X-Forwarded-For for the client address (login rate limits). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Let workflow webhooks reach loopback and private addresses (off: SSRF guard). */
  ALLOW_PRIVATE_WEBHOOK_URLS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Let the AI agent's model URL reach loopback and private addresses, e.g. Ollama on this host (off: SSRF guard). */
  ALLOW_PRIVATE_MODEL_URLS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Email for notifications and password resets: smtp://user:pass@host:port or smtps://… (optional). */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/]+/.test(v), { message: 'must be smtp://user:password@host:port or smtps://…' })
    .optional(),
  /** The From address of those emails. */
  SMTP_FROM: z.string().min(3).default('Textback <textback@localhost>'),
  /** Serve /metrics without the operator token (a scraper on a private network). */
  METRICS_PUBLIC: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Role = z.infer<typeof roleSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  adminToken: string;
  /** 32 bytes for AES-256-GCM. */
  secretKey: Buffer;
  twilioApiUrl: string;
  /** When set, SignalWire REST calls go here instead of the space's own host. */
  signalwireApiUrl: string | undefined;
  /** Telnyx REST calls go here (`/v2/…`). */
  telnyxApiUrl: string;
  role: Role;
  dataDir: string;
  logLevel: string;
  workerConcurrency: number;
  /** Requests each carrier account's client keeps open at once (CARRIER_REQUESTS_PER_ACCOUNT). */
  carrierRequestsPerAccount: number;
  databasePoolSize: number;
  /** PostgreSQL: a statement unanswered this long fails and drops its connection (DATABASE_QUERY_TIMEOUT_SECONDS). */
  databaseQueryTimeoutMs: number;
  /** PostgreSQL: a pool connection idle this long is closed (DATABASE_IDLE_TIMEOUT_SECONDS). */
  databaseIdleTimeoutMs: number;
  /** How long finished jobs are kept (JOB_RETENTION_MINUTES). */
  jobRetentionMs: number;
  /** How long domain events are kept (EVENT_RETENTION_MINUTES). */
  eventRetentionMs: number;
  trustProxy: boolean;
  allowPrivateWebhookUrls: boolean;
  allowPrivateModelUrls: boolean;
  /** Where ADMIN_TOKEN came from: the environment (the operator's), or generated by this product (now or on an earlier start). */
  adminTokenSource: 'environment' | 'generated';
  /** Null: no email; notifications go in-app and by text only, password resets through the CLI. */
  smtpUrl: string | null;
  smtpFrom: string;
  metricsPublic: boolean;
  /** Set when this start generated the admin token, so main can print it once. */
  generatedAdminToken: boolean;
}

/** A configuration problem a person can fix; main prints it without a stack trace. */
export class ConfigError extends Error {}

/** Parses the environment; generates and persists missing secrets in the data folder. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.DATABASE_URL.startsWith('sqlite:')) {
    const file = e.DATABASE_URL.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  }

  let generatedAdminToken = false;
  let adminToken = e.ADMIN_TOKEN;
  if (!adminToken) {
    const file = join(dataDir, 'admin-token');
    if (existsSync(file)) {
      adminToken = readFileSync(file, 'utf8').trim();
    } else {
      adminToken = writeSecretFile(file, `tba_${randomBytes(24).toString('base64url')}`);
      generatedAdminToken = true;
    }
  }

  const secretKey = e.SECRET_KEY ? parseSecretKey(e.SECRET_KEY) : loadOrCreateSecretKey(join(dataDir, 'secret-key'));
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');

  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    adminToken,
    secretKey,
    twilioApiUrl: e.TWILIO_API_URL.replace(/\/+$/, ''),
    signalwireApiUrl: e.SIGNALWIRE_API_URL?.replace(/\/+$/, ''),
    telnyxApiUrl: e.TELNYX_API_URL.replace(/\/+$/, ''),
    role: e.ROLE,
    dataDir,
    logLevel: e.LOG_LEVEL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    carrierRequestsPerAccount: e.CARRIER_REQUESTS_PER_ACCOUNT,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseQueryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_SECONDS * 1000,
    databaseIdleTimeoutMs: e.DATABASE_IDLE_TIMEOUT_SECONDS * 1000,
    jobRetentionMs: e.JOB_RETENTION_MINUTES * 60_000,
    eventRetentionMs: e.EVENT_RETENTION_MINUTES * 60_000,
    trustProxy: e.TRUST_PROXY,
    allowPrivateWebhookUrls: e.ALLOW_PRIVATE_WEBHOOK_URLS,
    allowPrivateModelUrls: e.ALLOW_PRIVATE_MODEL_URLS,
    adminTokenSource: e.ADMIN_TOKEN ? 'environment' : 'generated',
    smtpUrl: e.SMTP_URL ?? null,
    smtpFrom: e.SMTP_FROM,
    metricsPublic: e.METRICS_PUBLIC,
    generatedAdminToken,
  };
}

/**
 * The database settings from the environment that every process opens its store with, the
 * server's and the CLI's alike (each picks its own pool size): one place, so a new one reaches all.
 */
export function databaseSettings(config: Config): Pick<StoreOptions, 'queryTimeoutMs' | 'idleTimeoutMs'> {
  return { queryTimeoutMs: config.databaseQueryTimeoutMs, idleTimeoutMs: config.databaseIdleTimeoutMs };
}

/** SECRET_KEY is 32 bytes as base64 or hex; anything else is refused rather than silently stretched. */
export function parseSecretKey(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('Invalid environment:\n  SECRET_KEY: must be 32 bytes, as 64 hex digits or base64');
  }
  return key;
}

function loadOrCreateSecretKey(file: string): Buffer {
  if (existsSync(file)) return parseSecretKey(readFileSync(file, 'utf8'));
  return parseSecretKey(writeSecretFile(file, randomBytes(32).toString('base64')));
}

/** Writes a new secret unless another process just did; returns what the file holds, so all agree. */
function writeSecretFile(file: string, content: string): string {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${content}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}
