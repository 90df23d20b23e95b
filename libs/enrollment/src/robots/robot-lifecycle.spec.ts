import { ROBOT_STATUSES, RobotStatus } from '@app/contract';
import { ROBOT_TRANSITIONS, RobotEvent, transition } from './robot-lifecycle';

describe('robot lifecycle', () => {
  const allowed: [RobotStatus, RobotEvent, RobotStatus][] = [
    ['applied', 'admit', 'enrolled'],
    ['rejected', 'admit', 'enrolled'],
    ['applied', 'reject', 'rejected'],
    ['applied', 'admission_passed', 'enrolled'],
    ['rejected', 'admission_passed', 'enrolled'],
    ['applied', 'admission_failed', 'rejected'],
    ['rejected', 'admission_failed', 'rejected'],
    ['enrolled', 'graduate', 'graduated'],
    ['graduated', 'revoke_graduation', 'enrolled'],
    ['applied', 'withdraw', 'withdrawn'],
    ['enrolled', 'withdraw', 'withdrawn'],
    ['rejected', 'withdraw', 'withdrawn'],
    ['graduated', 'withdraw', 'withdrawn'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, to });
  });

  it('refuses every other transition with a reason', () => {
    const permitted = new Set(allowed.map(([from, event]) => `${from}:${event}`));
    const events = Object.keys(ROBOT_TRANSITIONS) as RobotEvent[];
    let refused = 0;
    for (const status of ROBOT_STATUSES) {
      for (const event of events) {
        if (permitted.has(`${status}:${event}`)) continue;
        const result = transition(status, event);
        expect(result).toEqual({ ok: false, reason: expect.stringContaining(`the robot is ${status}`) });
        refused++;
      }
    }
    expect(refused).toBe(ROBOT_STATUSES.length * events.length - allowed.length);
  });

  it('never leaves withdrawn', () => {
    for (const event of Object.keys(ROBOT_TRANSITIONS) as RobotEvent[]) {
      expect(transition('withdrawn', event).ok).toBe(false);
    }
  });
});
