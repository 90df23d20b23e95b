import type { SessionAction, SessionStatus } from '@app/contract';

/** scheduled → running → completed | aborted; scheduled → cancelled. Nothing else. */
export const SESSION_TRANSITIONS: Record<SessionAction, { from: SessionStatus; to: SessionStatus }> = {
  start: { from: 'scheduled', to: 'running' },
  complete: { from: 'running', to: 'completed' },
  abort: { from: 'running', to: 'aborted' },
  cancel: { from: 'scheduled', to: 'cancelled' },
};

export type SessionTransition = { ok: true; to: SessionStatus } | { ok: false; reason: string };

export function sessionTransition(current: SessionStatus, action: SessionAction): SessionTransition {
  const rule = SESSION_TRANSITIONS[action];
  if (current !== rule.from) {
    return { ok: false, reason: `the session is ${current}; only a ${rule.from} session can ${action}` };
  }
  return { ok: true, to: rule.to };
}
