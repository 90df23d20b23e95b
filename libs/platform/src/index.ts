export { PlatformModule } from './platform.module';
export { FIELD_CONFIG } from './config/config.module';
export { ConfigError, describeConfig, loadConfig } from './config/field-config';
export type { FieldConfig } from './config/field-config';
export { findMigrationsDir, migrate, quoteIdentifier } from './database/migrator';
export { InstallSettingsService } from './database/install-settings.service';
export { retryTransient } from './database/retry';
export { EventBus } from './events/event-bus';
export type { FieldEvent } from './events/event-bus';
export { defineJob, scheduleJob } from './jobs/job-definitions';
export { HandlesJob } from './jobs/job-handler';
export type { JobHandler, JobRun } from './jobs/job-handler';
export { JobsService } from './jobs/jobs.service';
export {
  conflict,
  DomainError,
  forbidden,
  missingReference,
  notFound,
  unauthenticated,
  unprocessable,
  ValidationFailed,
} from './errors/domain-error';
export type { ErrorCode } from './errors/domain-error';
export { byConstraint, isPgError, PG, pgError, translateDatabaseError } from './errors/pg-errors';
export { clientAddressKey } from './http/client-address';
export { decodeCursor, decodeIdCursor, invalidCursor, toPage } from './http/pagination';
export { SlidingWindowLimiter } from './http/rate-limit';
export { RequestContext } from './http/request-context';
export type { RequestContextData } from './http/request-context';
export { Idempotent } from './idempotency/idempotency.interceptor';
export { vendorScopeOf } from './access/actor';
export type { Actor } from './access/actor';
export {
  ACCESS_RULE,
  AnyRole,
  CurrentActor,
  CurrentRobotId,
  DeviceAuth,
  Public,
  Roles,
  RolesOrCalendarFeed,
} from './access/access.decorators';
export type { AccessRule } from './access/access.decorators';
export { DEVICE_TOKEN_VERIFIER } from './access/device-token-verifier';
export type { DeviceTokenVerifier } from './access/device-token-verifier';
export { AuditService } from './audit/audit.service';
export type { AuditRecord } from './audit/audit.service';
export { MetricsService } from './metrics/metrics.service';
export { REDIS, RedisKeys } from './redis/redis.module';
export { FieldIoAdapter } from './sockets/field-io-adapter';
export { canonicalDigest, canonicalJsonBytes } from './json/canonical-json';
export { endOfJsonString, endOfJsonValue, isJsonSpace, JSON_CHAR, jsonStringIs, skipJsonSpace } from './json/json-text';
export { MicroBatcher } from './concurrency/micro-batcher';
export type { ItemOutcome } from './concurrency/micro-batcher';
export { FIELD_NODE_FLAGS } from './runtime/node-flags';
export { SqlWhere } from './database/sql-where';
