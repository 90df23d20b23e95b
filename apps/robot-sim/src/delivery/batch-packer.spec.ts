import { MAX_BATCH_BYTES, type TelemetrySample, batchByteLength } from '@app/contract';
import { BatchPacker } from './batch-packer';

const sample = (ts: number, size = 10): TelemetrySample => ({
  ts,
  channel: 'joint_state',
  data: { position: Array(size).fill(0.1234) },
});
const samples = (count: number, size?: number) => Array.from({ length: count }, (_, i) => sample(i, size));

describe('batch packer', () => {
  it('closes a batch at the batch size and keeps the rest open', () => {
    const packer = new BatchPacker(100);
    const closed = packer.add(samples(250), 0);
    expect(closed.map((batch) => batch.length)).toEqual([100, 100]);
    expect(packer.openSamples).toBe(50);
    expect(packer.close()).toHaveLength(50);
    expect(packer.close()).toBeNull();
  });

  it('closes a batch before it would pass MAX_BATCH_BYTES', () => {
    const packer = new BatchPacker(1000);
    const closed = packer.add(samples(1000, 200), 0);
    expect(closed.length).toBeGreaterThan(0);
    for (const batch of closed) {
      expect(batchByteLength({ seq: Number.MAX_SAFE_INTEGER, samples: batch })).toBeLessThanOrEqual(MAX_BATCH_BYTES);
      const oneMore = [...batch, sample(0, 200)];
      expect(batchByteLength({ seq: Number.MAX_SAFE_INTEGER, samples: oneMore })).toBeGreaterThan(MAX_BATCH_BYTES);
    }
  });

  it('closes an open batch once it has waited long enough', () => {
    const packer = new BatchPacker(100);
    packer.add(samples(3), 1000);
    packer.add(samples(3), 1400);
    expect(packer.closeIfOlderThan(1900, 1000)).toBeNull();
    expect(packer.closeIfOlderThan(2000, 1000)).toHaveLength(6);
    expect(packer.closeIfOlderThan(5000, 1000)).toBeNull();
  });

  it('refuses a batch size the contract does not allow', () => {
    expect(() => new BatchPacker(0)).toThrow(RangeError);
    expect(() => new BatchPacker(1001)).toThrow(RangeError);
  });
});
