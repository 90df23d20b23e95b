import { isJsonValue, MAX_BATCH_SAMPLES, TelemetryBatch, WELL_KNOWN_CHANNELS } from '@app/contract';

/*
 * A hand-written test of the contract's TelemetryBatch schema for the batches robots send all day
 * (joint states, poses, battery, heartbeats, free-form channels). Zod's parse costs several times
 * this on a full batch, the ingest's largest cost after compression. It only ever says yes to what
 * the schema accepts: anything it is unsure of answers false, and the schema then decides and
 * words the error. The spec checks it against the schema case by case.
 */

const CHANNEL = /^[A-Za-z0-9_./-]+$/;
const MAX_JOINTS = 256;
const BATCH_KEYS = ['seq', 'samples'];
const SAMPLE_KEYS = ['ts', 'channel', 'data'];

/** True only when `raw` certainly satisfies TelemetryBatch, so it may be used as parsed. */
export function isWellFormedBatch(raw: unknown): raw is TelemetryBatch {
  if (!isPlainObject(raw) || !hasExactly(raw, BATCH_KEYS)) return false;
  const { seq, samples } = raw;
  if (!isEpochLike(seq) || !Array.isArray(samples)) return false;
  if (samples.length === 0 || samples.length > MAX_BATCH_SAMPLES) return false;
  for (const sample of samples) if (!isWellFormedSample(sample)) return false;
  return true;
}

function isWellFormedSample(sample: unknown): boolean {
  if (!isPlainObject(sample) || !hasExactly(sample, SAMPLE_KEYS)) return false;
  const { ts, channel, data } = sample;
  if (!isEpochLike(ts) || typeof channel !== 'string') return false;
  if (channel.length === 0 || channel.length > 64 || !CHANNEL.test(channel)) return false;
  if (!isPlainObject(data) || !isJsonValue(data)) return false;
  switch (channel) {
    case 'joint_state':
      return isJointState(data);
    case 'pose':
      return isFinite(data.x) && isFinite(data.y) && isOptionalFinite(data.z) && isOptionalFinite(data.yaw);
    case 'battery':
      return (
        typeof data.percent === 'number' &&
        data.percent >= 0 &&
        data.percent <= 100 &&
        (data.voltage === undefined || (isFinite(data.voltage) && data.voltage >= 0))
      );
    case 'heartbeat':
    case 'teleop':
      return true;
    default:
      // Rare well-known channels (task events, safety, interventions) go through their schema.
      return !Object.hasOwn(WELL_KNOWN_CHANNELS, channel) || wellKnownSchemaAccepts(channel, data);
  }
}

function wellKnownSchemaAccepts(channel: string, data: Record<string, unknown>): boolean {
  return WELL_KNOWN_CHANNELS[channel as keyof typeof WELL_KNOWN_CHANNELS].safeParse(data).success;
}

function isJointState(data: Record<string, unknown>): boolean {
  const { position, velocity, effort } = data;
  if (!isFiniteArray(position)) return false;
  if (velocity !== undefined && !(isFiniteArray(velocity) && velocity.length === position.length)) return false;
  if (effort !== undefined && !(isFiniteArray(effort) && effort.length === position.length)) return false;
  return true;
}

function isFiniteArray(value: unknown): value is number[] {
  if (!Array.isArray(value) || value.length > MAX_JOINTS) return false;
  // Tested in the loop, not handed to isFinite: passing each number to a call boxes it.
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  }
  return true;
}

function isFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalFinite(value: unknown): boolean {
  return value === undefined || isFinite(value);
}

/** The schema's non-negative integers: safe integers only. */
function isEpochLike(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** Strict objects: these keys, present, and no other (own or inherited enumerable). */
function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in value) {
    if (!keys.includes(key) || !Object.hasOwn(value, key)) return false;
    count++;
  }
  return count === keys.length;
}
