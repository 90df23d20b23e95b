import { TelemetrySample } from '@app/contract';
import { HALL, wrapAngle } from './floor-plan';
import { RobotModel, type RobotModelSettings } from './robot-model';

const START = 1_790_000_000_000;
const model = (overrides: Partial<RobotModelSettings> = {}) =>
  new RobotModel({
    seed: 'model-test',
    robotIndex: 0,
    startMs: START,
    hz: 50,
    tasks: ['pick_and_place'],
    taskSuccess: 0.8,
    teleop: false,
    ...overrides,
  });
const on = (samples: TelemetrySample[], channel: string) => samples.filter((sample) => sample.channel === channel);

describe('robot model', () => {
  const fiveMinutes = model().advance(START + 300_000);

  it('produces valid samples of the contract in time order', () => {
    expect(fiveMinutes.filter((sample) => !TelemetrySample.safeParse(sample).success)).toEqual([]);
    expect(fiveMinutes.filter((sample, i) => i > 0 && sample.ts < fiveMinutes[i - 1].ts)).toEqual([]);
  });

  it('samples joints and pose at hz, heartbeat and battery once a second', () => {
    const samples = model({ hz: 50 }).advance(START + 10_000);
    expect(on(samples, 'joint_state')).toHaveLength(501);
    expect(on(samples, 'pose')).toHaveLength(501);
    expect(on(samples, 'heartbeat')).toHaveLength(11);
    expect(on(samples, 'battery')).toHaveLength(11);
    expect(on(samples, 'teleop')).toHaveLength(0);
    expect(on(model({ teleop: true }).advance(START + 10_000), 'teleop')).toHaveLength(501);
  });

  it('gives the same samples however time is sliced', () => {
    const sliced = model();
    const pieces: TelemetrySample[] = [];
    for (let at = START; at < START + 60_000; at += 37) pieces.push(...sliced.advance(at));
    pieces.push(...sliced.advance(START + 60_000));
    expect(pieces).toEqual(model().advance(START + 60_000));
  });

  it('reports each attempt as start, then success or failure, several seconds apart', () => {
    const events = on(fiveMinutes, 'task');
    const starts = events.filter((sample) => sample.data.event === 'start');
    expect(starts.length).toBeGreaterThan(8);
    for (const start of starts.slice(0, -1)) {
      const end = events.find((sample) => sample.data.attemptId === start.data.attemptId && sample !== start)!;
      expect(end.data.event).toMatch(/^(success|failure)$/);
      expect(end.data.taskKey).toBe(start.data.taskKey);
      expect(end.ts - start.ts).toBeGreaterThan(1000);
      expect(end.ts - start.ts).toBeLessThan(30_000);
      expect('reason' in end.data).toBe(end.data.event === 'failure');
    }
  });

  it('drains the battery while it works', () => {
    const battery = on(fiveMinutes, 'battery').map((sample) => sample.data.percent as number);
    expect(battery[battery.length - 1]).toBeLessThan(battery[0]);
    battery.slice(1).forEach((percent, i) => expect(percent).toBeLessThanOrEqual(battery[i]));
  });

  it('stays in the hall and faces where it drives', () => {
    const poses = on(fiveMinutes, 'pose').map((sample) => sample.data as { x: number; y: number; yaw: number });
    const outside = poses.filter(({ x, y }) => x <= 0 || x >= HALL.width || y <= 0 || y >= HALL.depth);
    expect(outside).toEqual([]);
    // over 100 ms of driving (at least 5 cm), the direction of travel is the yaw
    const headings = poses.flatMap((pose, i) => {
      const later = poses[i + 5];
      if (!later || Math.hypot(later.x - pose.x, later.y - pose.y) < 0.05) return [];
      return [Math.abs(wrapAngle(Math.atan2(later.y - pose.y, later.x - pose.x) - pose.yaw))];
    });
    expect(headings.length).toBeGreaterThan(500);
    expect(Math.max(...headings)).toBeLessThan(0.02);
  });

  it('reports near misses and interventions at their rates', () => {
    const busy = model({ nearMissesPerHour: 600, interventionsPerHour: 600 }).advance(START + 60_000);
    expect(on(busy, 'safety').length).toBeGreaterThan(3);
    on(busy, 'safety').forEach((sample) => expect(sample.data).toEqual({ event: 'near_miss' }));
    expect(on(busy, 'intervention').length).toBeGreaterThan(3);
    // Their timestamps too are whole milliseconds, as the contract requires of every sample.
    expect(busy.filter((sample) => !TelemetrySample.safeParse(sample).success)).toEqual([]);
  });

  it('makes nothing for skipped time and carries on after it', () => {
    const paused = model();
    paused.advance(START + 5000);
    paused.skip(START + 20_000);
    const after = paused.advance(START + 21_000);
    expect(after.every((sample) => sample.ts > START + 20_000)).toBe(true);
    expect(on(after, 'joint_state')).toHaveLength(50);
  });
});
