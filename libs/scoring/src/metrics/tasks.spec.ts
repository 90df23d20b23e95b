import { robotSession, tallies } from '../../../../test/support/summaries';
import { sumTallies, taskMetric } from './tasks';
import { wilsonLowerBound } from './wilson';

describe('task metrics', () => {
  const sessions = [
    robotSession({
      byTask: {
        pick: tallies(10, 8, { cycleTimeTotalS: 40, cycleTimeCount: 8 }),
        place: tallies(4, 1, { unfinished: 2, cycleTimeTotalS: 9, cycleTimeCount: 1 }),
      },
    }),
    robotSession({ byTask: { pick: tallies(6, 6, { cycleTimeTotalS: 30, cycleTimeCount: 5 }) } }),
  ];

  it('sums attempts and outcomes over sessions, in all and per task', () => {
    expect(sumTallies(sessions)).toEqual({
      attempts: 20,
      successes: 15,
      failures: 5,
      unfinished: 2,
      cycleTimeTotalS: 79,
      cycleTimeCount: 14,
    });
    expect(sumTallies(sessions, 'pick').attempts).toBe(16);
    expect(sumTallies(sessions, 'nothing').attempts).toBe(0);
  });

  it('task.attempts counts concluded attempts', () => {
    expect(taskMetric('task.attempts', sessions)).toEqual({ value: 20, basis: '20 attempts in 2 sessions' });
    expect(taskMetric('task.attempts', sessions, 'place').value).toBe(4);
    expect(taskMetric('task.attempts', sessions, 'weld').value).toBe(0);
  });

  it('task.success_rate is successes over attempts', () => {
    expect(taskMetric('task.success_rate', sessions).value).toBe(0.75);
    expect(taskMetric('task.success_rate', sessions, 'pick').value).toBe(14 / 16);
  });

  it('task.success_rate_lcb is the Wilson 95 % lower bound', () => {
    const measured = taskMetric('task.success_rate_lcb', sessions);
    expect(measured.value).toBe(wilsonLowerBound(15, 20));
    expect(measured.basis).toBe('Wilson 95 % lower bound of 15 successes in 20 attempts');
  });

  it('task.mean_cycle_time_s averages the successful attempts with a recorded start', () => {
    expect(taskMetric('task.mean_cycle_time_s', sessions).value).toBeCloseTo(79 / 14, 12);
    expect(taskMetric('task.mean_cycle_time_s', sessions, 'place').value).toBe(9);
  });

  it('has no value without sessions, without attempts, or without timed successes', () => {
    for (const metric of ['task.attempts', 'task.success_rate', 'task.mean_cycle_time_s'] as const) {
      expect(taskMetric(metric, []).value).toBeNull();
    }
    const idle = [robotSession()];
    expect(taskMetric('task.attempts', idle).value).toBe(0);
    expect(taskMetric('task.success_rate', idle)).toEqual({ value: null, basis: 'no task attempts' });
    expect(taskMetric('task.success_rate_lcb', sessions, 'weld')).toEqual({
      value: null,
      basis: 'no task attempts of weld',
    });
    const untimed = [robotSession({ byTask: { pick: tallies(3, 2) } })];
    expect(taskMetric('task.mean_cycle_time_s', untimed).value).toBeNull();
  });
});
