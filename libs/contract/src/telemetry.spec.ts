import {
  MAX_BATCH_BYTES,
  MAX_BATCH_SAMPLES,
  MAX_FUTURE_SKEW_MS,
  TelemetryAck,
  TelemetryBatch,
  TelemetrySample,
  WELL_KNOWN_CHANNELS,
  WatchSubscription,
  batchByteLength,
  isTooFarAhead,
  isWellKnownChannel,
} from './telemetry';

const ROBOT = '0190f1a2-7c3b-7d4e-8f00-123456789abc';
const SESSION = '0190f1a2-7c3b-7d4e-8f00-123456789abd';
const sample = (channel: string, data: unknown, ts = 1_700_000_000_000) => ({ ts, channel, data });
const batchOf = (count: number, seq = 1) => ({ seq, samples: Array.from({ length: count }, () => sample('x', {})) });
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('telemetry batch', () => {
  it('takes 1..1000 samples and refuses an empty or larger batch', () => {
    expect(TelemetryBatch.safeParse(batchOf(1)).success).toBe(true);
    expect(TelemetryBatch.safeParse(batchOf(MAX_BATCH_SAMPLES)).success).toBe(true);
    expect(TelemetryBatch.safeParse(batchOf(0)).success).toBe(false);
    expect(TelemetryBatch.safeParse(batchOf(MAX_BATCH_SAMPLES + 1)).success).toBe(false);
  });

  it('wants seq a non-negative safe integer', () => {
    expect(TelemetryBatch.safeParse(batchOf(1, 0)).success).toBe(true);
    expect(TelemetryBatch.safeParse(batchOf(1, Number.MAX_SAFE_INTEGER)).success).toBe(true);
    for (const seq of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, '7']) {
      expect(TelemetryBatch.safeParse({ ...batchOf(1), seq }).success).toBe(false);
    }
  });

  it('refuses unknown fields on the batch and on samples', () => {
    expect(TelemetryBatch.safeParse({ ...batchOf(1), robotId: ROBOT }).success).toBe(false);
    expect(TelemetrySample.safeParse({ ...sample('x', {}), extra: 1 }).success).toBe(false);
  });

  it('wants ts as integer epoch milliseconds', () => {
    expect(TelemetrySample.safeParse(sample('x', {}, 0)).success).toBe(true);
    for (const ts of [-1, 1.5, '2024-01-01T00:00:00Z']) {
      expect(TelemetrySample.safeParse(sample('x', {}, ts as number)).success).toBe(false);
    }
  });

  it('names channels with 1..64 letters, digits, "_", ".", "/" or "-"', () => {
    for (const channel of ['note', 'arm/left.wrist-cam_1', 'a'.repeat(64)]) {
      expect(TelemetrySample.safeParse(sample(channel, {})).success).toBe(true);
    }
    for (const channel of ['', 'a'.repeat(65), 'with space', 'ümlaut', 'a:b']) {
      expect(TelemetrySample.safeParse(sample(channel, {})).success).toBe(false);
    }
  });

  it('wants data a JSON object, whatever the channel', () => {
    expect(TelemetrySample.safeParse(sample('lidar/summary', { ranges: [1.2, null], ok: true })).success).toBe(true);
    for (const data of [
      [1, 2],
      null,
      'text',
      3,
      { bad: Number.NaN },
      { ranges: [1.2, Number.POSITIVE_INFINITY] },
      { rows: [[0], [Number.NaN]] },
      { inner: { list: [{ v: Number.NEGATIVE_INFINITY }] } },
      { holes: new Array(2) },
      { when: new Date() },
      { blob: Buffer.from('x') },
    ]) {
      expect(TelemetrySample.safeParse(sample('custom', data)).success).toBe(false);
    }
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 40; level++) deep = { deep };
    expect(TelemetrySample.safeParse(sample('custom', deep)).success).toBe(false);
  });

  it('measures size as UTF-8 JSON, the measure MAX_BATCH_BYTES limits', () => {
    const batch = { seq: 1, samples: [{ ts: 1, channel: 'note', data: { text: '训练场' } }] };
    expect(batchByteLength(batch)).toBe(Buffer.byteLength(JSON.stringify(batch)));
    expect(MAX_BATCH_BYTES).toBe(262_144);
  });

  it('allows ts up to five minutes ahead of the receiver, not more', () => {
    const now = 1_700_000_000_000;
    expect(isTooFarAhead(now + MAX_FUTURE_SKEW_MS, now)).toBe(false);
    expect(isTooFarAhead(now + MAX_FUTURE_SKEW_MS + 1, now)).toBe(true);
    expect(isTooFarAhead(now - 86_400_000, now)).toBe(false);
  });
});

describe('well-known channels', () => {
  const valid: Record<keyof typeof WELL_KNOWN_CHANNELS, object> = {
    joint_state: { position: [0.1, -0.2], velocity: [0, 0.5], effort: [1.5, 2] },
    pose: { x: 3.2, y: 7.5, z: 0, yaw: -1.57 },
    battery: { percent: 87.5, voltage: 51.2 },
    task: { event: 'failure', taskKey: 'pick_and_place', attemptId: 'a-1', reason: 'grasp slipped' },
    safety: { event: 'near_miss' },
    intervention: { reason: 'operator reset the fixture' },
    teleop: { leader: [0.1, 0.2], gripper: 0.4 },
    heartbeat: {},
  };

  it.each(Object.entries(valid))('accepts a %s payload', (channel, data) => {
    expect(TelemetrySample.safeParse(sample(channel, data)).success).toBe(true);
  });

  it.each([
    ['joint_state', { velocity: [0] }, 'data.position'],
    ['joint_state', { position: [0, 1], velocity: [0] }, 'data.position'],
    ['joint_state', { position: ['0'] }, 'data.position.0'],
    ['pose', { x: 1 }, 'data.y'],
    ['pose', { x: 1, y: 2, yaw: 'north' }, 'data.yaw'],
    ['battery', { percent: 101 }, 'data.percent'],
    ['battery', { percent: 50, voltage: -1 }, 'data.voltage'],
    ['task', { event: 'begin', taskKey: 'pick', attemptId: 'a' }, 'data.event'],
    ['task', { event: 'start', taskKey: 'pick:left', attemptId: 'a' }, 'data.taskKey'],
    ['task', { event: 'start', taskKey: 'pick' }, 'data.attemptId'],
    ['safety', { event: 'fire' }, 'data.event'],
    ['intervention', {}, 'data.reason'],
  ])('refuses a bad %s payload %j at %s', (channel, data, path) => {
    const result = TelemetrySample.safeParse(sample(channel, data));
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(path);
  });

  it('keeps fields beyond the named ones, as sent', () => {
    const data = { x: 1, y: 2, frame: 'hall_3f' };
    expect(TelemetrySample.parse(sample('pose', data)).data).toEqual(data);
  });

  it('stores other channels as given', () => {
    expect(isWellKnownChannel('camera/front')).toBe(false);
    expect(isWellKnownChannel('toString')).toBe(false);
    expect(TelemetrySample.safeParse(sample('camera/front', { fps: 30 })).success).toBe(true);
  });

  it('points at the failing sample inside a batch', () => {
    const result = TelemetryBatch.safeParse({ seq: 3, samples: [sample('pose', { x: 0, y: 0 }), sample('pose', {})] });
    expect(issuePaths(result)).toEqual(expect.arrayContaining(['samples.1.data.x', 'samples.1.data.y']));
  });
});

describe('acknowledgements', () => {
  it('reads both forms and refuses unknown error codes', () => {
    expect(TelemetryAck.parse({ ok: true, seq: 4, stored: 100, duplicate: false }).ok).toBe(true);
    expect(TelemetryAck.safeParse({ ok: false, error: { code: 'clock_skew', message: 'ts ahead' } }).success).toBe(
      true,
    );
    expect(TelemetryAck.safeParse({ ok: false, error: { code: 'oops', message: '' } }).success).toBe(false);
    expect(TelemetryAck.safeParse({ ok: true, seq: 4 }).success).toBe(false);
  });
});

describe('watch subscription', () => {
  it('takes exactly one target', () => {
    expect(WatchSubscription.safeParse({ robotId: ROBOT }).success).toBe(true);
    expect(WatchSubscription.safeParse({ sessionId: SESSION, maxHz: 5 }).success).toBe(true);
    expect(WatchSubscription.safeParse({ bayId: ROBOT }).success).toBe(true);
    expect(WatchSubscription.safeParse({}).success).toBe(false);
    expect(WatchSubscription.safeParse({ maxHz: 5 }).success).toBe(false);
    expect(WatchSubscription.safeParse({ robotId: ROBOT, sessionId: SESSION }).success).toBe(false);
  });

  it('bounds maxHz to 0.1..1000 and refuses unknown fields', () => {
    expect(WatchSubscription.safeParse({ robotId: ROBOT, maxHz: 0.1 }).success).toBe(true);
    expect(WatchSubscription.safeParse({ robotId: ROBOT, maxHz: 1000 }).success).toBe(true);
    expect(WatchSubscription.safeParse({ robotId: ROBOT, maxHz: 0.05 }).success).toBe(false);
    expect(WatchSubscription.safeParse({ robotId: ROBOT, maxHz: 1001 }).success).toBe(false);
    expect(WatchSubscription.safeParse({ robotId: 'robot-1' }).success).toBe(false);
    expect(WatchSubscription.safeParse({ robotId: ROBOT, channel: 'pose' }).success).toBe(false);
  });
});
