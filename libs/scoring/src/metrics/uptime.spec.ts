import { robotSession } from '../../../../test/support/summaries';
import { HeartbeatCoverage, uptimeRatio } from './uptime';

describe('HeartbeatCoverage', () => {
  it('covers the whole run when heartbeats come every second from start to end', () => {
    const coverage = new HeartbeatCoverage(0, 10_000);
    for (let ts = 500; ts <= 9_500; ts += 1_000) coverage.add(ts);
    expect(coverage.heartbeats).toBe(10);
    expect(coverage.coveredSeconds()).toBe(10);
  });

  it('leaves gaps longer than 3 s uncovered, and counts a gap of exactly 3 s', () => {
    const coverage = new HeartbeatCoverage(0, 20_000);
    [1_000, 4_000, 9_000, 10_000].forEach((ts) => coverage.add(ts));
    // 0→1 (1 s) + 1→4 (3 s, at the limit) + 4→9 (5 s, down) + 9→10 (1 s) + 10→20 (10 s, down)
    expect(coverage.coveredSeconds()).toBe(5);
  });

  it('covers nothing without heartbeats, and ignores beats outside the run or out of order', () => {
    expect(new HeartbeatCoverage(0, 2_000).coveredSeconds()).toBe(0);
    const coverage = new HeartbeatCoverage(10_000, 12_000);
    [5_000, 11_000, 10_500, 13_000].forEach((ts) => coverage.add(ts));
    expect(coverage.heartbeats).toBe(1);
    expect(coverage.coveredSeconds()).toBe(2);
  });
});

describe('uptime.ratio', () => {
  it('is the covered seconds over the seconds of training across sessions', () => {
    const measured = uptimeRatio([
      robotSession({ runSeconds: 100, heartbeatCoveredSeconds: 100 }),
      robotSession({ runSeconds: 300, heartbeatCoveredSeconds: 200 }),
    ]);
    expect(measured.value).toBe(0.75);
    expect(measured.basis).toContain('300 s of 400 s');
  });

  it('has no value without sessions or without training time', () => {
    expect(uptimeRatio([]).value).toBeNull();
    expect(uptimeRatio([robotSession({ runSeconds: 0 })]).value).toBeNull();
  });
});
