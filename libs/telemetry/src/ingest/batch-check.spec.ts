import { MAX_BATCH_BYTES } from '@app/contract';
import { checkBatch } from './batch-check';

const now = 1_800_000_000_000;
const batch = (samples: unknown[], seq: unknown = 1) => ({ seq, samples });

describe('checkBatch', () => {
  it('accepts a well-formed batch', () => {
    const result = checkBatch(batch([{ ts: now, channel: 'battery', data: { percent: 80 } }]), 100, now);
    expect(result.ok).toBe(true);
  });

  it('refuses a batch over 256 KiB as too_large', () => {
    const result = checkBatch(batch([{ ts: now, channel: 'x', data: {} }]), MAX_BATCH_BYTES + 1, now);
    expect(result).toEqual({
      ok: false,
      error: { code: 'too_large', message: expect.stringContaining(String(MAX_BATCH_BYTES)) },
    });
  });

  it('names the first problem of a malformed batch', () => {
    const result = checkBatch(batch([{ ts: now, channel: 'battery', data: { percent: 101 } }]), null, now);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_batch', message: expect.stringMatching(/^samples\.0\.data\.percent: /) },
    });
    expect(checkBatch(batch([], -1), null, now)).toMatchObject({ ok: false, error: { code: 'invalid_batch' } });
    expect(checkBatch('not a batch', null, now)).toMatchObject({ ok: false, error: { code: 'invalid_batch' } });
  });

  it('refuses samples more than five minutes ahead of the clock, and accepts the past', () => {
    const ahead = checkBatch(batch([{ ts: now + 5 * 60_000 + 1, channel: 'heartbeat', data: {} }]), null, now);
    expect(ahead).toMatchObject({ ok: false, error: { code: 'clock_skew' } });
    expect(checkBatch(batch([{ ts: now + 5 * 60_000, channel: 'heartbeat', data: {} }]), null, now).ok).toBe(true);
    expect(checkBatch(batch([{ ts: 0, channel: 'heartbeat', data: {} }]), null, now).ok).toBe(true);
  });
});
