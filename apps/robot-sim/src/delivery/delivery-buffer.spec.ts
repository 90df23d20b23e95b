import type { TelemetryAck, TelemetrySample } from '@app/contract';
import { DeliveryBuffer, type DeliveryBufferSettings } from './delivery-buffer';

const samples = (count = 2): TelemetrySample[] =>
  Array.from({ length: count }, (_, ts) => ({ ts, channel: 'heartbeat', data: {} }));
const stored = (seq: number, duplicate = false): TelemetryAck => ({
  ok: true,
  seq,
  stored: duplicate ? 0 : 2,
  duplicate,
});
const refused = (code: 'invalid_batch' | 'unavailable' | 'too_large'): TelemetryAck => ({
  ok: false,
  error: { code, message: code },
});
const buffer = (settings: Partial<DeliveryBufferSettings> = {}) =>
  new DeliveryBuffer({
    capacity: 100,
    firstSeq: 10,
    maxInFlight: 4,
    retryBaseMs: 100,
    retryMaxMs: 1000,
    jitter: () => 1,
    ...settings,
  });

describe('delivery buffer', () => {
  it('numbers batches upwards from the first seq', () => {
    const queue = buffer();
    expect([queue.push(samples()), queue.push(samples())].map((batch) => batch?.seq)).toEqual([10, 11]);
    expect(queue.nextSeq).toBe(12);
    expect(queue.pendingSamples).toBe(4);
  });

  it('refuses a batch when full instead of dropping one', () => {
    const queue = buffer({ capacity: 2 });
    queue.push(samples());
    queue.push(samples());
    expect(queue.isFull).toBe(true);
    expect(queue.push(samples())).toBeNull();
    expect(queue.size).toBe(2);
  });

  it('sends lowest seq first, at most maxInFlight at once', () => {
    const queue = buffer({ maxInFlight: 2 });
    for (let i = 0; i < 3; i++) queue.push(samples());
    expect(queue.takeNext(0)?.batch.seq).toBe(10);
    expect(queue.takeNext(0)?.batch.seq).toBe(11);
    expect(queue.takeNext(0)).toBeNull();
    queue.settle(10, 1, stored(10), 5);
    expect(queue.takeNext(5)?.batch.seq).toBe(12);
  });

  it('keeps a batch until ok: true, stored or duplicate, and measures the latency of that send', () => {
    const queue = buffer();
    queue.push(samples());
    queue.push(samples());
    const first = queue.takeNext(100)!;
    const second = queue.takeNext(100)!;
    expect(queue.settle(10, first.attempt, stored(10), 130)).toEqual({
      kind: 'delivered',
      seq: 10,
      samples: 2,
      stored: 2,
      duplicate: false,
      latencyMs: 30,
    });
    expect(queue.settle(11, second.attempt, stored(11, true), 140)).toMatchObject({
      kind: 'delivered',
      duplicate: true,
    });
    expect(queue.size).toBe(0);
    expect(queue.pendingSamples).toBe(0);
  });

  it('resends everything in flight after the connection is lost, in seq order', () => {
    const queue = buffer();
    for (let i = 0; i < 3; i++) queue.push(samples());
    const sent = [queue.takeNext(0)!, queue.takeNext(0)!, queue.takeNext(0)!];
    queue.settle(11, sent[1].attempt, stored(11), 1);
    queue.connectionLost();
    expect(queue.inFlight).toBe(0);
    const resent = [queue.takeNext(2)!, queue.takeNext(2)!];
    expect(resent.map((dispatch) => [dispatch.batch.seq, dispatch.resend])).toEqual([
      [10, true],
      [12, true],
    ]);
    // the rejected ack of the send before the disconnection changes nothing
    expect(queue.settle(10, sent[0].attempt, null, 3)).toEqual({ kind: 'stale' });
    expect(queue.inFlight).toBe(2);
  });

  it('takes a late ok from an earlier send as delivery, and ignores the later answer', () => {
    const queue = buffer();
    queue.push(samples());
    const first = queue.takeNext(0)!;
    queue.connectionLost();
    const again = queue.takeNext(1)!;
    expect(queue.settle(10, first.attempt, stored(10), 2)).toMatchObject({ kind: 'delivered', latencyMs: null });
    expect(queue.settle(10, again.attempt, stored(10, true), 3)).toEqual({ kind: 'stale' });
    expect(queue.inFlight).toBe(0);
    expect(queue.size).toBe(0);
  });

  it('drops a batch refused for good, and keeps the rest', () => {
    const queue = buffer();
    queue.push(samples(3));
    queue.push(samples());
    const dispatch = queue.takeNext(0)!;
    expect(queue.settle(10, dispatch.attempt, refused('invalid_batch'), 1)).toEqual({
      kind: 'dropped',
      seq: 10,
      samples: 3,
      code: 'invalid_batch',
      message: 'invalid_batch',
    });
    expect(queue.size).toBe(1);
    expect(queue.pendingSamples).toBe(2);
  });

  it('backs off exponentially on "unavailable" and on a missing ack, and starts over after a success', () => {
    const queue = buffer({ retryBaseMs: 100, retryMaxMs: 350 });
    queue.push(samples());
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      const dispatch = queue.takeNext(now)!;
      const outcome = queue.settle(10, dispatch.attempt, i % 2 ? null : refused('unavailable'), now);
      if (outcome.kind !== 'retry') throw new Error(`expected a retry, got ${outcome.kind}`);
      delays.push(outcome.retryInMs);
      expect(queue.takeNext(now + outcome.retryInMs - 1)).toBeNull();
      now += outcome.retryInMs;
    }
    expect(delays).toEqual([100, 200, 350, 350]);
    const dispatch = queue.takeNext(now)!;
    expect(dispatch.resend).toBe(true);
    queue.settle(10, dispatch.attempt, stored(10), now);
    queue.push(samples());
    const next = queue.takeNext(now)!;
    expect(queue.settle(11, next.attempt, null, now)).toMatchObject({ kind: 'retry', retryInMs: 100 });
  });

  it('does not take an ok for another seq as this batch’s acknowledgement', () => {
    const queue = buffer();
    queue.push(samples());
    const dispatch = queue.takeNext(0)!;
    expect(queue.settle(10, dispatch.attempt, stored(99), 1)).toMatchObject({ kind: 'retry' });
    expect(queue.size).toBe(1);
  });
});
