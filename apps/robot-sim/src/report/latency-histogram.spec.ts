import { LatencyHistogram } from './latency-histogram';

describe('latency histogram', () => {
  it('answers null before anything is recorded', () => {
    expect(new LatencyHistogram().percentile(0.5)).toBeNull();
  });

  it('finds percentiles within 2 % and the exact maximum', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
    expect(histogram.count).toBe(1000);
    expect(histogram.percentile(0.5)! / 500).toBeCloseTo(1, 1);
    expect(Math.abs(histogram.percentile(0.5)! - 500)).toBeLessThanOrEqual(10);
    expect(Math.abs(histogram.percentile(0.99)! - 990)).toBeLessThanOrEqual(20);
    expect(histogram.percentile(1)).toBe(1000);
    expect(histogram.max).toBe(1000);
  });

  it('merges histograms', () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let i = 0; i < 99; i++) fast.record(2);
    slow.record(5000);
    fast.merge(slow);
    expect(fast.count).toBe(100);
    expect(fast.percentile(0.5)).toBeCloseTo(2, 1);
    expect(fast.max).toBe(5000);
  });

  it('keeps values beyond its range in the last bucket', () => {
    const histogram = new LatencyHistogram();
    histogram.record(10_000_000);
    histogram.record(0);
    expect(histogram.percentile(1)).toBe(10_000_000);
    expect(histogram.percentile(0.5)).toBeLessThanOrEqual(0.1);
  });
});
