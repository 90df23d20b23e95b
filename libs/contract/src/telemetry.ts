import { z } from 'zod';
import { Id } from './common';
import { SAFETY_EVENTS, TASK_EVENTS, WATCH_TARGETS } from './enums';

/** Limits of one `telemetry` batch (CONTRACT.md, Telemetry). */
export const MAX_BATCH_SAMPLES = 1000;
export const MAX_BATCH_BYTES = 256 * 1024;
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Handshake `auth` of both namespaces: a device token on `/robot`, an access token on `/watch`. */
export const SocketAuth = z.object({ token: z.string().min(1).max(512) });
export type SocketAuth = z.infer<typeof SocketAuth>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const MAX_JSON_DEPTH = 32;

/**
 * Plain data only: socket.io could otherwise carry binary attachments into stored samples.
 * It runs on every sample the field receives, so numbers (most of a joint state) are tested in the
 * loop: handing each to a recursive call, or to a callback, boxes it, and that garbage was a
 * quarter of all the ingest allocated.
 */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value !== 'object' || depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'number' ? !Number.isFinite(item) : !isJsonValue(item, depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'number' ? !Number.isFinite(item) : !isJsonValue(item, depth + 1)) return false;
  }
  return true;
}

/**
 * A JSON object (not an array, not null). Checked by a plain walk rather than z.json(), which
 * costs five times as much on a full batch, the ingest hot path.
 */
export const JsonObject = z
  .record(z.string(), z.unknown())
  .refine(
    isJsonValue,
    `must hold JSON values only (finite numbers, at most ${MAX_JSON_DEPTH} levels deep)`,
  ) as z.ZodType<JsonObject>;

export const TelemetryChannel = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_./-]+$/, 'must be 1–64 letters, digits, "_", ".", "/" or "-"');

/** Names a kind of task; also the `:<taskKey>` suffix of task metrics, so no ":". */
export const TaskKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, "_", "." or "-", starting alphanumeric');
export type TaskKey = z.infer<typeof TaskKey>;

const Finite = z.number().finite();
const JointValues = z.array(Finite).max(256);

/*
 * Payloads of the well-known channels. They are loose objects: the named fields are checked
 * because metrics read them, and any further fields a robot sends (frame ids, joint names) are
 * kept as sent, like the data of every other channel.
 */
export const JointStateData = z
  .looseObject({ position: JointValues, velocity: JointValues.optional(), effort: JointValues.optional() })
  .refine(
    ({ position, velocity, effort }) =>
      (velocity === undefined || velocity.length === position.length) &&
      (effort === undefined || effort.length === position.length),
    { message: 'velocity and effort, when given, have one value per position', path: ['position'] },
  );
export const PoseData = z.looseObject({ x: Finite, y: Finite, z: Finite.optional(), yaw: Finite.optional() });
export const BatteryData = z.looseObject({ percent: z.number().min(0).max(100), voltage: Finite.min(0).optional() });
export const TaskData = z.looseObject({
  event: z.enum(TASK_EVENTS),
  taskKey: TaskKey,
  attemptId: z.string().min(1).max(128),
  reason: z.string().max(500).optional(),
});
export const SafetyData = z.looseObject({ event: z.enum(SAFETY_EVENTS) });
export const InterventionData = z.looseObject({ reason: z.string().min(1).max(500) });
/** A demonstration sample recorded under teleoperation; its content is the robot's own. */
export const TeleopData = JsonObject;
export const HeartbeatData = z.looseObject({});

export const WELL_KNOWN_CHANNELS = {
  joint_state: JointStateData,
  pose: PoseData,
  battery: BatteryData,
  task: TaskData,
  safety: SafetyData,
  intervention: InterventionData,
  teleop: TeleopData,
  heartbeat: HeartbeatData,
} as const;
export type WellKnownChannel = keyof typeof WELL_KNOWN_CHANNELS;
/** The payload of a well-known channel; extra fields must still be JSON. */
export type WellKnownData<C extends WellKnownChannel> = z.infer<(typeof WELL_KNOWN_CHANNELS)[C]> & JsonObject;

export function isWellKnownChannel(channel: string): channel is WellKnownChannel {
  return Object.hasOwn(WELL_KNOWN_CHANNELS, channel);
}

/** Epoch milliseconds. */
export const EpochMs = z.int().nonnegative();

export const TelemetrySample = z
  .strictObject({ ts: EpochMs, channel: TelemetryChannel, data: JsonObject })
  .superRefine((sample, context) => {
    if (!isWellKnownChannel(sample.channel)) return;
    const result = WELL_KNOWN_CHANNELS[sample.channel].safeParse(sample.data);
    if (result.success) return;
    for (const issue of result.error.issues) {
      context.addIssue({ code: 'custom', message: issue.message, path: ['data', ...issue.path] });
    }
  });
export type TelemetrySample = z.infer<typeof TelemetrySample>;

/** `seq` is unique per batch of a robot; resends reuse it, which is how duplicates are recognised. */
export const TelemetryBatch = z.strictObject({
  seq: z.int().nonnegative(),
  samples: z.array(TelemetrySample).min(1).max(MAX_BATCH_SAMPLES),
});
export type TelemetryBatch = z.infer<typeof TelemetryBatch>;

/** The size that MAX_BATCH_BYTES limits: the batch as UTF-8 JSON. */
export function batchByteLength(batch: TelemetryBatch): number {
  return new TextEncoder().encode(JSON.stringify(batch)).length;
}

/** True when `ts` lies further ahead of the receiver's clock than the contract allows. */
export function isTooFarAhead(ts: number, now: number): boolean {
  return ts > now + MAX_FUTURE_SKEW_MS;
}

export const TELEMETRY_ERROR_CODES = [
  'invalid_batch',
  'too_large',
  'clock_skew',
  'unavailable',
  'unauthorized',
] as const;
export type TelemetryErrorCode = (typeof TELEMETRY_ERROR_CODES)[number];
/** Only a passing condition on the server: the same batch may succeed later. */
export const RETRYABLE_TELEMETRY_ERRORS: readonly TelemetryErrorCode[] = ['unavailable'];

export const TelemetryAckOk = z.object({
  ok: z.literal(true),
  seq: z.int().nonnegative(),
  stored: z.int().nonnegative().describe('samples stored by this batch; 0 for a duplicate'),
  duplicate: z.boolean(),
});
export const TelemetryAckError = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.enum(TELEMETRY_ERROR_CODES), message: z.string() }),
});
export const TelemetryAck = z.discriminatedUnion('ok', [TelemetryAckOk, TelemetryAckError]);
export type TelemetryAckOk = z.infer<typeof TelemetryAckOk>;
export type TelemetryAckError = z.infer<typeof TelemetryAckError>;
export type TelemetryAck = z.infer<typeof TelemetryAck>;

/** `subscribe` / `unsubscribe` on `/watch`: exactly one of robotId, sessionId, bayId. */
export const WatchSubscription = z
  .strictObject({
    robotId: Id.optional(),
    sessionId: Id.optional(),
    bayId: Id.optional(),
    maxHz: z.number().min(0.1).max(1000).optional(),
  })
  .refine((body) => WATCH_TARGETS.filter((target) => body[target] !== undefined).length === 1, {
    message: 'give exactly one of robotId, sessionId, bayId',
  });
export type WatchSubscription = z.infer<typeof WatchSubscription>;

/**
 * A vendor asking for another vendor's robot gets `not_found`, as over HTTP; `unavailable`: the
 * field could not check the request (a database outage), try again later.
 */
export const WATCH_ERROR_CODES = ['invalid_request', 'unauthorized', 'forbidden', 'not_found', 'unavailable'] as const;
export type WatchErrorCode = (typeof WATCH_ERROR_CODES)[number];
export const WatchAck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(WATCH_ERROR_CODES), message: z.string() }),
  }),
]);
export type WatchAck = z.infer<typeof WatchAck>;

/** `telemetry` on `/watch`; `sessionId` is null for samples outside any running session. */
export const WatchTelemetry = z.object({
  robotId: Id,
  sessionId: Id.nullable(),
  samples: z.array(TelemetrySample),
});
export type WatchTelemetry = z.infer<typeof WatchTelemetry>;

export interface RobotClientToServerEvents {
  telemetry: (batch: TelemetryBatch, ack: (ack: TelemetryAck) => void) => void;
}
/** The field sends robots nothing but acknowledgements. */
export type RobotServerToClientEvents = Record<string, never>;

export interface WatchClientToServerEvents {
  subscribe: (subscription: WatchSubscription, ack: (ack: WatchAck) => void) => void;
  unsubscribe: (subscription: WatchSubscription, ack: (ack: WatchAck) => void) => void;
}
/** Session, evaluation and exam payloads are the HTTP shapes of those resources. */
export interface WatchServerToClientEvents<Session = JsonObject, Evaluation = JsonObject, Exam = JsonObject> {
  telemetry: (message: WatchTelemetry) => void;
  'session.updated': (session: Session) => void;
  'evaluation.completed': (evaluation: Evaluation) => void;
  'exam.decided': (exam: Exam) => void;
}
