import { IDLE_ACTIVITY, createJointMotion, jointStateAt, taskActivity } from './joint-motion';
import { Random } from './random';

describe('joint motion', () => {
  const motion = createJointMotion(new Random('arm'), 7);

  it('reports one position, velocity and effort per joint', () => {
    const state = jointStateAt(motion, 3.2, { level: 1, rate: 0 });
    expect(state.position).toHaveLength(7);
    expect(state.velocity).toHaveLength(7);
    expect(state.effort).toHaveLength(7);
  });

  it('reports the velocity that the positions change at, also while the activity ramps', () => {
    const h = 1e-4;
    for (const elapsedMs of [300, 2500, 7600]) {
      const activityAt = (ms: number) => taskActivity(ms, 8000);
      const seconds = elapsedMs / 1000;
      const before = jointStateAt(motion, seconds - h, activityAt(elapsedMs - h * 1000));
      const after = jointStateAt(motion, seconds + h, activityAt(elapsedMs + h * 1000));
      const now = jointStateAt(motion, seconds, activityAt(elapsedMs));
      now.velocity.forEach((velocity, joint) => {
        expect(velocity).toBeCloseTo((after.position[joint] - before.position[joint]) / (2 * h), 3);
      });
    }
  });

  it('moves smoothly: no jump between samples 20 ms apart', () => {
    let previous = jointStateAt(motion, 0, IDLE_ACTIVITY).position;
    for (let ms = 20; ms <= 10_000; ms += 20) {
      const position = jointStateAt(motion, ms / 1000, taskActivity(ms, 10_000)).position;
      position.forEach((q, joint) => expect(Math.abs(q - previous[joint])).toBeLessThan(0.1));
      previous = position;
    }
  });

  it('ramps a task from the idle sway to full motion and back', () => {
    expect(taskActivity(0, 8000)).toEqual(IDLE_ACTIVITY);
    expect(taskActivity(4000, 8000)).toEqual({ level: 1, rate: 0 });
    expect(taskActivity(8000, 8000).level).toBeCloseTo(IDLE_ACTIVITY.level);
    expect(taskActivity(500, 8000).rate).toBeGreaterThan(0);
    expect(taskActivity(7500, 8000).rate).toBeLessThan(0);
    expect(taskActivity(600, 1200).level).toBeCloseTo(1);
  });
});
