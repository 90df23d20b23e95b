import { deflateRawSync } from 'node:zlib';
import { decodePayload, encodePayload, MAX_PACKET_SPAN_MS, packBatch, Sample } from './packets';

const sample = (ts: number, channel = 'joint_state', data: Record<string, unknown> = { position: [ts] }): Sample => ({
  ts,
  channel,
  data,
});

describe('packBatch', () => {
  it('groups a batch by channel and session, each packet in time order', () => {
    const packets = packBatch(
      [sample(30), sample(10, 'pose', { x: 1, y: 2 }), sample(20), sample(40, 'pose', { x: 3, y: 4 }), sample(50)],
      (ts) => (ts >= 25 ? 'session-b' : 'session-a'),
    );
    expect(packets.map((p) => [p.channel, p.sessionId, p.firstTs, p.lastTs, p.samples.map((s) => s.ts)])).toEqual([
      ['joint_state', 'session-b', 30, 50, [30, 50]],
      ['pose', 'session-a', 10, 10, [10]],
      ['joint_state', 'session-a', 20, 20, [20]],
      ['pose', 'session-b', 40, 40, [40]],
    ]);
  });

  it('sorts a packet whose samples arrived out of order, keeping the arrival order of equal times', () => {
    const [packet] = packBatch(
      [
        sample(30),
        sample(10, 'joint_state', { position: [1] }),
        sample(20),
        sample(10, 'joint_state', { position: [2] }),
      ],
      () => 'session-a',
    );
    expect(packet.samples.map((s) => [s.ts, s.data.position])).toEqual([
      [10, [1]],
      [10, [2]],
      [20, [20]],
      [30, [30]],
    ]);
    expect(packet).toMatchObject({ firstTs: 10, lastTs: 30 });
  });

  it('keeps samples outside any session together, with no session', () => {
    const [packet] = packBatch([sample(1), sample(2)], () => null);
    expect(packet).toMatchObject({ sessionId: null, firstTs: 1, lastTs: 2 });
  });

  it('splits a packet that would span more than the maximum', () => {
    const start = 1_000_000;
    const packets = packBatch(
      [
        sample(start),
        sample(start + MAX_PACKET_SPAN_MS),
        sample(start + MAX_PACKET_SPAN_MS + 1),
        sample(start + 3 * MAX_PACKET_SPAN_MS),
      ],
      () => null,
    );
    expect(packets.map((p) => p.samples.length)).toEqual([2, 1, 1]);
    for (const packet of packets) expect(packet.lastTs - packet.firstTs).toBeLessThanOrEqual(MAX_PACKET_SPAN_MS);
  });
});

describe('packet payloads', () => {
  it('round-trip exactly, including every number and key', async () => {
    const samples = [
      sample(1_700_000_000_000, 'joint_state', {
        position: [0.123456789, -1e-9, 3],
        velocity: [1, 2, 3],
        frame: 'base',
      }),
      sample(1_700_000_000_020, 'joint_state', { position: [0.2, 0.3, 0.4], velocity: [0, 0, 0], frame: 'base' }),
    ];
    const [packet] = packBatch(samples, () => null);
    const decoded = await decodePayload(encodePayload(packet), packet.firstTs, packet.channel);
    expect(decoded).toEqual(samples);
  });

  it('round-trips samples of differing shapes (stored as JSON) and tiny packets (stored undeflated)', async () => {
    const irregular = [
      sample(1_700_000_000_000, 'task', { event: 'start', taskKey: 'pick', attemptId: 'a1' }),
      sample(1_700_000_000_005, 'task', { event: 'failure', taskKey: 'pick', attemptId: 'a1', reason: 'slip' }),
    ];
    const tiny = [sample(1_700_000_000_000, 'battery', { percent: 80.5, voltage: 47.2 })];
    const [irregularPacket] = packBatch(irregular, () => null);
    const [tinyPacket] = packBatch(tiny, () => null);
    const irregularPayload = encodePayload(irregularPacket);
    const tinyPayload = encodePayload(tinyPacket);
    expect([0x06, 0x07]).not.toContain(irregularPayload[0]); // JSON, deflated
    expect(tinyPayload[0]).toBe(0x06); // columns, not deflated
    expect(await decodePayload(irregularPayload, irregularPacket.firstTs, 'task')).toEqual(irregular);
    expect(await decodePayload(tinyPayload, tinyPacket.firstTs, 'battery')).toEqual(tiny);
  });

  it('compresses repetitive numeric data well below its JSON size', async () => {
    const samples = Array.from({ length: 100 }, (_, i) =>
      sample(1_700_000_000_000 + i * 20, 'joint_state', {
        position: Array.from({ length: 12 }, (_, j) => Math.round(Math.sin(i / 50 + j) * 1e6) / 1e6),
      }),
    );
    const [packet] = packBatch(samples, () => null);
    const payload = encodePayload(packet);
    expect(payload[0]).toBe(0x07); // columns, deflated
    expect(payload.length).toBeLessThan(JSON.stringify(samples).length / 10);
  });

  it('reads packets written with the former 32 KiB window, and rows longer than the window', async () => {
    const samples = Array.from({ length: 20 }, (_, i) =>
      sample(1_700_000_000_000 + i * 20, 'joint_state', {
        position: Array.from({ length: 200 }, (_, j) => Math.round(Math.sin(i / 50 + j) * 1e6) / 1e6),
      }),
    );
    const [packet] = packBatch(samples, () => null);
    expect(await decodePayload(encodePayload(packet), packet.firstTs, packet.channel)).toEqual(samples);
    const rows = samples.map((s) => [s.ts - packet.firstTs, s.data]);
    const former = deflateRawSync(Buffer.from(JSON.stringify(rows)), { level: 6 });
    expect(await decodePayload(former, packet.firstTs, packet.channel)).toEqual(samples);
  });
});
