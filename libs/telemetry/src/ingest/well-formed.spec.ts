import { TelemetryBatch } from '@app/contract';
import { isWellFormedBatch } from './well-formed';

const ts = 1_800_000_000_000;
const one = (channel: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  seq: 1,
  samples: [{ ts, channel, data, ...extra }],
});
const joints = (n: number) => Array.from({ length: n }, (_, i) => i / 10);

/** Batches the schema accepts, which the fast test should accept too. */
const accepted: unknown[] = [
  one('joint_state', { position: joints(7), velocity: joints(7), effort: joints(7) }),
  one('joint_state', { position: [], names: ['a'] }),
  one('joint_state', { position: joints(256) }),
  one('pose', { x: 1, y: -2.5, z: 0, yaw: 3.1 }),
  one('pose', { x: 1, y: 2, frame: 'map' }),
  one('battery', { percent: 0 }),
  one('battery', { percent: 100, voltage: 0 }),
  one('heartbeat', {}),
  one('teleop', { stick: [0.1, null], held: true }),
  one('task', { event: 'start', taskKey: 'pick_place', attemptId: 'a1' }),
  one('safety', { event: 'near_miss' }),
  one('intervention', { reason: 'stuck' }),
  one('arm/left.wrist-cam_1', { text: '训练场', deep: { a: [1, { b: null }] } }),
  { seq: 0, samples: [{ ts: 0, channel: 'x', data: {} }] },
  { seq: Number.MAX_SAFE_INTEGER, samples: Array.from({ length: 1000 }, () => ({ ts, channel: 'x', data: {} })) },
];

/** Batches the schema refuses: the fast test must never accept them. */
const refused: unknown[] = [
  null,
  'batch',
  [],
  { seq: 1 },
  { samples: [{ ts, channel: 'x', data: {} }] },
  { seq: 1, samples: [] },
  { seq: 1, samples: Array.from({ length: 1001 }, () => ({ ts, channel: 'x', data: {} })) },
  { seq: -1, samples: [{ ts, channel: 'x', data: {} }] },
  { seq: 1.5, samples: [{ ts, channel: 'x', data: {} }] },
  { seq: Number.MAX_SAFE_INTEGER + 1, samples: [{ ts, channel: 'x', data: {} }] },
  { seq: '1', samples: [{ ts, channel: 'x', data: {} }] },
  { seq: 1, samples: [{ ts, channel: 'x', data: {} }], robotId: 'r' },
  { seq: 1, samples: {} },
  { seq: 1, samples: [null] },
  one('x', {}, { extra: 1 }),
  { seq: 1, samples: [{ ts: -1, channel: 'x', data: {} }] },
  { seq: 1, samples: [{ ts: 1.5, channel: 'x', data: {} }] },
  { seq: 1, samples: [{ ts: String(ts), channel: 'x', data: {} }] },
  { seq: 1, samples: [{ channel: 'x', data: {} }] },
  one('', {}),
  one('a'.repeat(65), {}),
  one('with space', {}),
  one('a:b', {}),
  one('x', null),
  one('x', []),
  one('x', 'text'),
  one('x', { n: Infinity }),
  one('x', { n: NaN }),
  one('x', { when: new Date() }),
  one('x', { bytes: Buffer.from('x') }),
  one('x', new Map()),
  one('joint_state', {}),
  one('joint_state', { position: 'none' }),
  one('joint_state', { position: [1, 'a'] }),
  one('joint_state', { position: [1, null] }),
  one('joint_state', { position: joints(257) }),
  one('joint_state', { position: [1, 2], velocity: [1] }),
  one('joint_state', { position: [1, 2], effort: [1, 2, 3] }),
  one('joint_state', { position: [1], velocity: null }),
  one('pose', { x: 1 }),
  one('pose', { x: 1, y: '2' }),
  one('pose', { x: 1, y: 2, z: null }),
  one('pose', { x: 1, y: 2, yaw: 'north' }),
  one('battery', {}),
  one('battery', { percent: -1 }),
  one('battery', { percent: 101 }),
  one('battery', { percent: 50, voltage: -1 }),
  one('battery', { percent: 50, voltage: null }),
  one('task', { event: 'begin', taskKey: 'pick', attemptId: 'a' }),
  one('task', { event: 'start', taskKey: 'a:b', attemptId: 'a' }),
  one('task', { event: 'start', taskKey: 'pick', attemptId: '' }),
  one('safety', { event: 'fire' }),
  one('intervention', { reason: '' }),
  one('teleop', { n: Infinity }),
  // Numbers are tested inside the loops, nested at every depth.
  one('x', { list: [1, 2, NaN] }),
  one('x', { rows: [[1], [2, -Infinity]] }),
  one('x', { inner: { deeper: [{ n: Infinity }] } }),
  one('x', { holes: new Array(3) }),
  one('joint_state', { position: [1, NaN] }),
  one('joint_state', { position: [1, 2], velocity: [1, Infinity] }),
  one('joint_state', { position: [1, 2], effort: [NaN, 1] }),
];

describe('isWellFormedBatch', () => {
  it.each(accepted.map((batch, i) => [i, batch]))('accepts what the schema accepts (case %i)', (_, batch) => {
    expect(TelemetryBatch.safeParse(batch).success).toBe(true);
    expect(isWellFormedBatch(batch)).toBe(true);
  });

  it.each(refused.map((batch, i) => [i, batch]))('never accepts what the schema refuses (case %i)', (_, batch) => {
    expect(TelemetryBatch.safeParse(batch).success).toBe(false);
    expect(isWellFormedBatch(batch)).toBe(false);
  });

  it('leaves objects of other kinds to the schema', () => {
    expect(isWellFormedBatch(Object.assign(Object.create(null), { seq: 1, samples: [] }))).toBe(false);
    const inherited = Object.assign(Object.create({ extra: 1 }), one('x', {}));
    expect(isWellFormedBatch(inherited)).toBe(false);
  });
});
