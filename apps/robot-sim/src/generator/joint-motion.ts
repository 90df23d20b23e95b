import type { Random } from './random';

/** One sinusoid of a joint's trajectory: amplitude (rad), angular frequency (rad/s), phase (rad). */
interface Wave {
  amplitude: number;
  omega: number;
  phase: number;
}

export interface JointMotion {
  home: number[];
  waves: Wave[][];
  /** Holding torque at zero angle (N·m), falling with cos(q) like a link under gravity. */
  gravity: number[];
  damping: number[];
}

/** How much of its trajectory the arm is performing (0..1), and how fast that changes (1/s). */
export interface Activity {
  level: number;
  rate: number;
}

export interface JointState {
  position: number[];
  velocity: number[];
  effort: number[];
}

/** While the robot drives or waits the arm only sways; a task brings it to full motion. */
export const IDLE_ACTIVITY: Activity = { level: 0.1, rate: 0 };
const RAMP_MS = 1000;

export function createJointMotion(random: Random, jointCount: number): JointMotion {
  const joints = Array.from({ length: jointCount }, (_, joint) => joint);
  return {
    home: joints.map(() => random.between(-0.8, 0.8)),
    waves: joints.map(() =>
      Array.from({ length: 3 }, () => ({
        amplitude: random.between(0.05, 0.45),
        omega: (2 * Math.PI) / random.between(1.5, 9),
        phase: random.between(0, 2 * Math.PI),
      })),
    ),
    gravity: joints.map((joint) => random.between(2, 30) / (1 + joint)),
    damping: joints.map(() => random.between(0.5, 3)),
  };
}

/**
 * Position is home + level·Σ a·sin(ωt + φ); velocity is its exact time derivative (the product
 * rule covers a changing level), so the two never disagree.
 */
export function jointStateAt(motion: JointMotion, seconds: number, activity: Activity): JointState {
  const position: number[] = [];
  const velocity: number[] = [];
  const effort: number[] = [];
  motion.home.forEach((home, joint) => {
    let sway = 0;
    let swayRate = 0;
    for (const { amplitude, omega, phase } of motion.waves[joint]) {
      sway += amplitude * Math.sin(omega * seconds + phase);
      swayRate += amplitude * omega * Math.cos(omega * seconds + phase);
    }
    const q = home + activity.level * sway;
    const qDot = activity.rate * sway + activity.level * swayRate;
    position.push(q);
    velocity.push(qDot);
    effort.push(motion.gravity[joint] * Math.cos(q) + motion.damping[joint] * qDot);
  });
  return { position, velocity, effort };
}

/** Activity during a task: smooth ramps up and down (smoothstep) at its ends. */
export function taskActivity(elapsedMs: number, durationMs: number): Activity {
  const rampMs = Math.min(RAMP_MS, durationMs / 2);
  const fromEnd = durationMs - elapsedMs;
  let x = 1;
  let direction = 0;
  if (elapsedMs < rampMs) {
    x = Math.max(0, elapsedMs / rampMs);
    direction = 1;
  } else if (fromEnd < rampMs) {
    x = Math.max(0, fromEnd / rampMs);
    direction = -1;
  }
  const span = 1 - IDLE_ACTIVITY.level;
  const level = IDLE_ACTIVITY.level + span * (3 * x * x - 2 * x * x * x);
  const rate = direction === 0 ? 0 : (direction * span * (6 * x - 6 * x * x) * 1000) / rampMs;
  return { level, rate };
}
