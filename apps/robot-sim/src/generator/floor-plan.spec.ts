import {
  HALL,
  driveDurationMs,
  headingBetween,
  poseWhileDriving,
  stationsFor,
  turnDurationMs,
  wrapAngle,
  yawWhileTurning,
} from './floor-plan';

describe('floor plan', () => {
  it('keeps every robot lane inside the hall', () => {
    for (let robot = 0; robot < 32; robot++) {
      for (const station of stationsFor(robot)) {
        expect(station.x).toBeGreaterThan(0);
        expect(station.x).toBeLessThan(HALL.width);
        expect(station.y).toBeGreaterThan(0);
        expect(station.y).toBeLessThan(HALL.depth);
      }
    }
  });

  it('drives from station to station facing its heading, starting and stopping gently', () => {
    const [from, to] = stationsFor(0);
    const duration = driveDurationMs(from, to);
    expect(poseWhileDriving(from, to, 0, duration)).toMatchObject({ x: from.x, y: from.y });
    expect(poseWhileDriving(from, to, duration, duration)).toMatchObject({ x: to.x, y: to.y });
    const mid = poseWhileDriving(from, to, duration / 2, duration);
    expect(mid.yaw).toBeCloseTo(headingBetween(from, to));
    const step = (at: number) => {
      const a = poseWhileDriving(from, to, at, duration);
      const b = poseWhileDriving(from, to, at + 20, duration);
      return Math.hypot(b.x - a.x, b.y - a.y) / 0.02;
    };
    expect(step(0)).toBeLessThan(0.01);
    expect(step(duration / 2)).toBeGreaterThan(0.5);
    expect(step(duration / 2)).toBeLessThan(2);
  });

  it('turns the short way round', () => {
    const from = 3;
    const to = -3;
    expect(turnDurationMs(from, to)).toBeLessThan(1000);
    const halfway = yawWhileTurning(from, to, 500, 1000);
    expect(Math.abs(halfway)).toBeGreaterThan(3);
    expect(yawWhileTurning(from, to, 1000, 1000)).toBeCloseTo(to);
  });

  it('wraps angles into (−π, π]', () => {
    expect(wrapAngle(3 * Math.PI)).toBeCloseTo(Math.PI);
    expect(wrapAngle(-Math.PI)).toBeCloseTo(Math.PI);
    expect(wrapAngle(-0.5)).toBeCloseTo(-0.5);
    expect(wrapAngle(2 * Math.PI + 0.25)).toBeCloseTo(0.25);
  });
});
