import { SESSION_ACTIONS, SESSION_STATUSES } from '@app/contract';
import { sessionTransition } from './session-state';

describe('session state machine', () => {
  it.each([
    ['scheduled', 'start', 'running'],
    ['running', 'complete', 'completed'],
    ['running', 'abort', 'aborted'],
    ['scheduled', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(sessionTransition(from, action)).toEqual({ ok: true, to });
  });

  it('refuses every other transition, saying why', () => {
    const allowed = new Set(['scheduled:start', 'running:complete', 'running:abort', 'scheduled:cancel']);
    for (const status of SESSION_STATUSES) {
      for (const action of SESSION_ACTIONS) {
        if (allowed.has(`${status}:${action}`)) continue;
        expect(sessionTransition(status, action)).toEqual({
          ok: false,
          reason: expect.stringMatching(new RegExp(`^the session is ${status}; only a \\w+ session can ${action}$`)),
        });
      }
    }
  });
});
