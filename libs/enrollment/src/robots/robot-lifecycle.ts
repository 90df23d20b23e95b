import type { RobotStatus } from '@app/contract';

/** What can happen to a student robot. */
export type RobotEvent =
  'admit' | 'reject' | 'admission_passed' | 'admission_failed' | 'graduate' | 'revoke_graduation' | 'withdraw';

interface Transition {
  from: readonly RobotStatus[];
  to: RobotStatus;
  explain: string;
}

/**
 * The contract's lifecycle: applied → enrolled (admission passed, or an admin admits) → graduated
 * (→ enrolled again if the report is revoked); applied → rejected, after which a new admission
 * evaluation or an admin may still admit; anything but withdrawn → withdrawn.
 */
export const ROBOT_TRANSITIONS: Record<RobotEvent, Transition> = {
  admit: {
    from: ['applied', 'rejected'],
    to: 'enrolled',
    explain: 'an admission decision applies to applied or rejected robots',
  },
  reject: { from: ['applied'], to: 'rejected', explain: 'only an applied robot can be rejected' },
  admission_passed: {
    from: ['applied', 'rejected'],
    to: 'enrolled',
    explain: 'admission applies to applied or rejected robots',
  },
  admission_failed: {
    from: ['applied', 'rejected'],
    to: 'rejected',
    explain: 'admission applies to applied or rejected robots',
  },
  graduate: { from: ['enrolled'], to: 'graduated', explain: 'only an enrolled robot can graduate' },
  revoke_graduation: {
    from: ['graduated'],
    to: 'enrolled',
    explain: 'only a graduated robot has a graduation to revoke',
  },
  withdraw: {
    from: ['applied', 'enrolled', 'rejected', 'graduated'],
    to: 'withdrawn',
    explain: 'the robot is already withdrawn',
  },
};

export type TransitionResult = { ok: true; to: RobotStatus } | { ok: false; reason: string };

export function transition(current: RobotStatus, event: RobotEvent): TransitionResult {
  const rule = ROBOT_TRANSITIONS[event];
  if (!rule.from.includes(current)) return { ok: false, reason: `the robot is ${current}; ${rule.explain}` };
  return { ok: true, to: rule.to };
}
