import { type Station, driveDurationMs, headingBetween, turnDurationMs } from './floor-plan';
import { type Random, hashString } from './random';

export interface TaskAttempt {
  taskKey: string;
  attemptId: string;
  outcome: 'success' | 'failure';
  reason?: string;
}

interface Span {
  startMs: number;
  endMs: number;
}
export type Phase =
  | (Span & { kind: 'drive'; from: Station; to: Station })
  | (Span & { kind: 'turn'; at: Station; fromYaw: number; toYaw: number })
  | (Span & { kind: 'wait'; at: Station; yaw: number; intervention?: string })
  | (Span & { kind: 'task'; at: Station; yaw: number; attempt: TaskAttempt })
  | (Span & { kind: 'charge'; at: Station; yaw: number });

export interface PlanSettings {
  tasks: readonly string[];
  /** Probability that an attempt succeeds. */
  taskSuccess: number;
  /** Makes attempt ids unique across robots and runs. */
  attemptPrefix: string;
  stations: readonly Station[];
  firstStation: number;
  startMs: number;
  /**
   * How many times faster than real time the robot works: every wait, task, turn and drive takes
   * 1/pace as long (1 = real time; a demo compresses a term with more).
   */
  pace?: number;
  needsCharge(): boolean;
  chargeDurationMs(): number;
}

export const FAILURE_REASONS = [
  'grasp_slipped',
  'object_not_found',
  'pose_estimate_lost',
  'path_blocked',
  'placement_out_of_tolerance',
  'timeout',
] as const;
const INTERVENTION_AFTER_FAILURE = 0.25;
const RESET_REASONS = [
  'operator reset the workpiece',
  'operator cleared the fixture',
  'operator re-seated the gripper',
];

/** Typical cycle time of a task kind, 5–14 s: the same for every robot and seed. */
export function nominalCycleMs(taskKey: string): number {
  return 5000 + (hashString(taskKey) % 9000);
}

/**
 * The robot's day as an endless sequence of phases: at each station it waits briefly, attempts
 * a task (sometimes followed by an operator's reset, or a charge when the battery runs low),
 * turns towards the next station and drives there.
 */
export function* workPlan(settings: PlanSettings, random: Random): Generator<Phase, never> {
  const { stations } = settings;
  let index = settings.firstStation % stations.length;
  let attempts = 0;
  let clock = settings.startMs;
  const pace = settings.pace ?? 1;
  const span = (durationMs: number): Span => {
    const startMs = clock;
    clock += Math.max(1, Math.round(durationMs / pace));
    return { startMs, endMs: clock };
  };
  let yaw = headingBetween(stations[(index + stations.length - 1) % stations.length], stations[index]);

  for (;;) {
    const at = stations[index];
    const next = stations[(index + 1) % stations.length];
    yield { kind: 'wait', at, yaw, ...span(random.between(500, 2500)) };

    attempts += 1;
    const attempt = drawAttempt(settings, random, `${settings.attemptPrefix}-${attempts}`);
    yield { kind: 'task', at, yaw, attempt, ...span(cycleMs(attempt, random)) };
    if (attempt.outcome === 'failure' && random.chance(INTERVENTION_AFTER_FAILURE)) {
      yield { kind: 'wait', at, yaw, intervention: random.pick(RESET_REASONS), ...span(random.between(5000, 15000)) };
    }
    if (settings.needsCharge()) yield { kind: 'charge', at, yaw, ...span(settings.chargeDurationMs()) };

    const heading = headingBetween(at, next);
    yield { kind: 'turn', at, fromYaw: yaw, toYaw: heading, ...span(turnDurationMs(yaw, heading)) };
    yield { kind: 'drive', from: at, to: next, ...span(driveDurationMs(at, next)) };
    yaw = heading;
    index = (index + 1) % stations.length;
  }
}

function drawAttempt(settings: PlanSettings, random: Random, attemptId: string): TaskAttempt {
  const taskKey = random.pick(settings.tasks);
  if (random.chance(settings.taskSuccess)) return { taskKey, attemptId, outcome: 'success' };
  return { taskKey, attemptId, outcome: 'failure', reason: random.pick(FAILURE_REASONS) };
}

/** Successes scatter around the nominal time; a failure gives up early, or late on a timeout. */
function cycleMs(attempt: TaskAttempt, random: Random): number {
  const nominal = nominalCycleMs(attempt.taskKey);
  if (attempt.outcome === 'success') return nominal * Math.exp(0.15 * random.normal());
  if (attempt.reason === 'timeout') return nominal * 1.5;
  return nominal * random.between(0.3, 1);
}
