import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';

/** What a process of the field runs: the HTTP API and sockets, the job workers, or both. */
export const FIELD_ROLES = ['api', 'worker', 'all'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface FieldConfig {
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  port: number;
  role: FieldRole;
  queuePrefix: string;
  publicUrl: string;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Null: use the per-install secret kept in the database. */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  /** Null: use the key generated on first start and kept in the database. */
  signingKeyPem: string | null;
  /** Express "trust proxy": false, a hop count, or a list of addresses/subnets. */
  trustProxy: boolean | number | string;
  logLevel: LogLevel;
  timeZone: string;
  /** Queues a worker process runs; null: every queue. */
  workerQueues: string[] | null;
  /** Jobs a worker runs at once, per queue. */
  workerConcurrency: number;
  /** How long a worker holds a job before others may take it for stalled (its process died). */
  jobLockMs: number;
  /** How long after a session finishes its summary job runs, so telemetry still in flight is counted. */
  summaryDelayMs: number;
  /** Samples arriving longer than this after their session ended are stored without it (FIELD_LATE_GRACE_S). */
  lateGraceMs: number;
  /** How long a graduation evaluation waits for missing session summaries before it fails (FIELD_EVIDENCE_WAIT_S). */
  evidenceWaitMs: number;
  /** Bytes of received telemetry this process holds while waiting to store it, in all; past it robots are told to resend later. */
  ingestBacklogBytes: number;
  /** The same bound for one robot, so one robot's backlog cannot starve the others. */
  ingestBacklogRobotBytes: number;
  /** Days of telemetry kept; older partitions are dropped. */
  telemetryRetentionDays: number;
  /** The built dashboard's folder (absolute); null: `apps/dashboard/dist` of this install. */
  dashboardDir: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const MIB = 1024 * 1024;

/**
 * Reads and validates the environment once. Every bad variable is reported together, by name,
 * so an operator fixes a deployment in one pass.
 */
export function loadConfig(env: Env): FieldConfig {
  const problems: { variable: string; message: string }[] = [];
  const read = <T>(variable: string, fallback: T, parse: (raw: string) => T): T => {
    const raw = env[variable];
    if (raw === undefined || raw === '') return fallback;
    try {
      return parse(raw);
    } catch (error) {
      problems.push({ variable, message: (error as Error).message });
      return fallback;
    }
  };

  const port = read('PORT', 3000, (raw) => integer(raw, 0, 65535));
  const adminEmail = read<string | null>('FIELD_ADMIN_EMAIL', null, email);
  const adminPassword = read<string | null>('FIELD_ADMIN_PASSWORD', null, (raw) => {
    if (raw.length < 10) throw new Error('must be at least 10 characters');
    return raw;
  });
  if (
    (adminEmail === null) !== (adminPassword === null) &&
    !problems.some((p) => p.variable.startsWith('FIELD_ADMIN'))
  ) {
    problems.push({
      variable: adminEmail === null ? 'FIELD_ADMIN_EMAIL' : 'FIELD_ADMIN_PASSWORD',
      message: 'FIELD_ADMIN_EMAIL and FIELD_ADMIN_PASSWORD are set together or not at all',
    });
  }

  const config: FieldConfig = {
    databaseUrl: read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/field', (raw) =>
      url(raw, ['postgres:', 'postgresql:'], true),
    ),
    databasePoolSize: read('FIELD_DB_POOL_SIZE', 10, (raw) => integer(raw, 1, 200)),
    redisUrl: read('REDIS_URL', 'redis://127.0.0.1:6379', (raw) => url(raw, ['redis:', 'rediss:'], false)),
    port,
    role: read<FieldRole>('FIELD_ROLE', 'all', (raw) => oneOf(raw, FIELD_ROLES)),
    queuePrefix: read('FIELD_QUEUE_PREFIX', 'field', (raw) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new Error('must be 1–64 letters, digits, "_" or "-"');
      return raw;
    }),
    publicUrl: read('FIELD_PUBLIC_URL', `http://localhost:${port}`, (raw) =>
      url(raw, ['http:', 'https:'], false).replace(/\/+$/, ''),
    ),
    adminEmail,
    adminPassword,
    jwtSecret: read<string | null>('JWT_SECRET', null, (raw) => {
      if (raw.length < 32) throw new Error('must be at least 32 characters');
      return raw;
    }),
    accessTokenTtlSeconds: read('FIELD_ACCESS_TOKEN_TTL', 8 * 3600, (raw) => integer(raw, 60, 30 * 24 * 3600)),
    signingKeyPem: read<string | null>('FIELD_SIGNING_KEY', null, ed25519PrivateKey),
    trustProxy: read<boolean | number | string>('FIELD_TRUST_PROXY', false, trustProxy),
    logLevel: read<LogLevel>('LOG_LEVEL', 'info', (raw) => oneOf(raw, LOG_LEVELS)),
    workerQueues: read<string[] | null>('FIELD_WORKER_QUEUES', null, (raw) => {
      if (raw.trim() === 'all') return null;
      const names = raw
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      if (names.length === 0 || !names.every((name) => /^[a-z][a-z0-9-]*$/.test(name))) {
        throw new Error(`must be "all" or a comma-separated list of queue names (got "${raw}")`);
      }
      return names;
    }),
    workerConcurrency: read('FIELD_WORKER_CONCURRENCY', 2, (raw) => integer(raw, 1, 64)),
    jobLockMs: read('FIELD_JOB_LOCK_MS', 60_000, (raw) => integer(raw, 1_000, 3_600_000)),
    summaryDelayMs: read('FIELD_SUMMARY_DELAY_MS', 5_000, (raw) => integer(raw, 0, 3_600_000)),
    lateGraceMs: read('FIELD_LATE_GRACE_S', 600, (raw) => integer(raw, 0, 86_400)) * 1000,
    evidenceWaitMs: read('FIELD_EVIDENCE_WAIT_S', 300, (raw) => integer(raw, 1, 86_400)) * 1000,
    ingestBacklogBytes: read('FIELD_INGEST_BACKLOG_BYTES', 256 * MIB, (raw) => integer(raw, MIB, 64 * 1024 * MIB)),
    ingestBacklogRobotBytes: read('FIELD_INGEST_BACKLOG_ROBOT_BYTES', 16 * MIB, (raw) =>
      integer(raw, MIB, 64 * 1024 * MIB),
    ),
    telemetryRetentionDays: read('FIELD_TELEMETRY_RETENTION_DAYS', 30, (raw) => integer(raw, 1, 3650)),
    timeZone: read('FIELD_TIME_ZONE', 'Asia/Shanghai', (raw) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: raw });
      } catch {
        throw new Error(`is not an IANA time zone (got "${raw}")`);
      }
      return raw;
    }),
    dashboardDir: read<string | null>('FIELD_DASHBOARD_DIR', null, (raw) => resolve(raw)),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The configuration as it may be logged: secrets and passwords in URLs masked. */
export function describeConfig(config: FieldConfig): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: maskUrlPassword(config.databaseUrl),
    redisUrl: maskUrlPassword(config.redisUrl),
    adminPassword: config.adminPassword === null ? null : '***',
    jwtSecret: config.jwtSecret === null ? null : '***',
    signingKeyPem: config.signingKeyPem === null ? null : '***',
  };
}

function maskUrlPassword(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function integer(raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be an integer between ${min} and ${max} (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new Error(`must be an integer between ${min} and ${max} (got "${raw}")`);
  return value;
}

function oneOf<T extends string>(raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function url(raw: string, protocols: string[], needsPath: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`is not a URL (expected ${protocols.map((p) => p + '//…').join(' or ')})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new Error(`must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  if (needsPath && parsed.pathname.replace(/^\//, '') === '') throw new Error('must name a database');
  return raw;
}

function email(raw: string): string {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) throw new Error(`is not an email address (got "${raw}")`);
  return raw.toLowerCase();
}

function ed25519PrivateKey(raw: string): string {
  const pem = raw.includes('\\n') ? raw.replace(/\\n/g, '\n') : raw;
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    throw new Error('is not a PEM private key');
  }
  if (type !== 'ed25519') throw new Error(`must be an Ed25519 private key (got ${type})`);
  return pem;
}

function trustProxy(raw: string): boolean | number | string {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F.:/, ]+$/.test(raw)) return raw;
  throw new Error(`must be true, false, a hop count or a list of addresses (got "${raw}")`);
}
