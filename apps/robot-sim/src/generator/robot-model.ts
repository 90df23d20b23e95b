import type { TelemetrySample, WellKnownChannel, WellKnownData } from '@app/contract';
import { type Battery, LOAD_W, batteryReading, createBattery, drain, stateOfCharge } from './battery';
import { type Pose, poseWhileDriving, stationsFor, yawWhileTurning } from './floor-plan';
import {
  type Activity,
  IDLE_ACTIVITY,
  type JointMotion,
  createJointMotion,
  jointStateAt,
  taskActivity,
} from './joint-motion';
import { Random } from './random';
import { type Phase, workPlan } from './work-plan';

export interface RobotModelSettings {
  seed: string;
  robotIndex: number;
  startMs: number;
  /** joint_state and pose (and teleop) samples per second. */
  hz: number;
  tasks: readonly string[];
  taskSuccess: number;
  teleop: boolean;
  /** Works this many times faster than real time (see PlanSettings.pace). */
  pace?: number;
  jointCount?: number;
  nearMissesPerHour?: number;
  interventionsPerHour?: number;
  batteryCapacityWh?: number;
}

const LOW_BATTERY = 0.2;
const CHARGED = 0.95;
const SLOW_PERIOD_MS = 1000;
/** The follower arm trails the operator's leader arm by this much. */
const TELEOP_LEAD_S = 0.05;
const BACKGROUND_INTERVENTIONS = ['localization lost', 'stuck on a floor threshold', 'operator took over'];
const PHASE_LOAD_W: Record<Phase['kind'], number> = {
  drive: LOAD_W.drive,
  turn: LOAD_W.turn,
  task: LOAD_W.task,
  wait: LOAD_W.idle,
  charge: LOAD_W.charge,
};

type Emit = <C extends WellKnownChannel>(ts: number, channel: C, data: WellKnownData<C>) => void;

/**
 * One virtual robot: a deterministic function of its seed and start time that turns wall-clock
 * time into the samples it would have sent, in time order, whatever slices time is asked in.
 */
export class RobotModel {
  private readonly settings: Required<RobotModelSettings>;
  private readonly motion: JointMotion;
  private readonly plan: Generator<Phase, never>;
  private readonly events: Random;
  private phase: Phase;
  private battery: Battery;
  private batteryAtMs: number;
  private fastIndex = 0;
  private nextSlowMs: number;
  private nextNearMissMs: number;
  private nextInterventionMs: number;
  private readonly operator: string;

  constructor(settings: RobotModelSettings) {
    this.settings = {
      pace: 1,
      jointCount: 7,
      nearMissesPerHour: 2,
      interventionsPerHour: 1,
      batteryCapacityWh: 1000,
      ...settings,
    };
    const { seed, robotIndex, startMs } = this.settings;
    const stream = (name: string) => new Random(`${seed}/${robotIndex}/${name}`);
    this.motion = createJointMotion(stream('motion'), this.settings.jointCount);
    this.events = stream('events');
    this.battery = createBattery(this.settings.batteryCapacityWh, this.events.between(60, 100));
    this.batteryAtMs = startMs;
    this.operator = `operator-${1 + (robotIndex % 5)}`;
    this.plan = workPlan(
      {
        tasks: this.settings.tasks,
        taskSuccess: this.settings.taskSuccess,
        attemptPrefix: `r${robotIndex}-${startMs.toString(36)}`,
        stations: stationsFor(robotIndex),
        firstStation: robotIndex,
        startMs,
        pace: this.settings.pace,
        needsCharge: () => stateOfCharge(this.battery) < LOW_BATTERY,
        chargeDurationMs: () =>
          ((CHARGED - stateOfCharge(this.battery)) * this.battery.capacityWh * 3_600_000) / -LOAD_W.charge,
      },
      stream('plan'),
    );
    this.phase = this.plan.next().value;
    this.nextSlowMs = startMs;
    this.nextNearMissMs = startMs + this.events.waitMs(this.settings.nearMissesPerHour);
    this.nextInterventionMs = startMs + this.events.waitMs(this.settings.interventionsPerHour);
  }

  /** Every sample with a timestamp up to `toMs` not yet produced. */
  advance(toMs: number): TelemetrySample[] {
    const out: TelemetrySample[] = [];
    this.run(toMs, out);
    return out;
  }

  /** Moves the robot on to `toMs` without producing the samples of that time (a paused recorder). */
  skip(toMs: number): void {
    this.run(toMs, null);
  }

  private run(toMs: number, out: TelemetrySample[] | null): void {
    const push: Emit = (ts, channel, data) => out?.push({ ts, channel, data });
    for (;;) {
      const fastMs = this.fastSampleMs();
      const next = Math.min(this.phase.endMs, fastMs, this.nextSlowMs, this.nextNearMissMs, this.nextInterventionMs);
      if (next > toMs) return;
      this.battery = drain(this.battery, this.loadW(), next - this.batteryAtMs);
      this.batteryAtMs = next;

      if (next === this.phase.endMs) {
        this.endPhase(push);
      } else if (next === fastMs) {
        this.fastIndex += 1;
        if (out) this.motionSamples(next, push);
      } else if (next === this.nextSlowMs) {
        this.nextSlowMs += SLOW_PERIOD_MS;
        push(next, 'heartbeat', {});
        const { percent, voltage } = batteryReading(this.battery, this.loadW());
        push(next, 'battery', { percent: round(percent, 2), voltage: round(voltage, 2) });
      } else if (next === this.nextNearMissMs) {
        this.nextNearMissMs += this.events.waitMs(this.settings.nearMissesPerHour);
        push(next, 'safety', { event: 'near_miss' });
      } else {
        this.nextInterventionMs += this.events.waitMs(this.settings.interventionsPerHour);
        push(next, 'intervention', { reason: this.events.pick(BACKGROUND_INTERVENTIONS) });
      }
    }
  }

  private endPhase(push: Emit): void {
    const ended = this.phase;
    if (ended.kind === 'task') {
      const { taskKey, attemptId, outcome, reason } = ended.attempt;
      push(ended.endMs, 'task', { event: outcome, taskKey, attemptId, ...(reason ? { reason } : {}) });
    }
    this.phase = this.plan.next().value;
    const started = this.phase;
    if (started.kind === 'task') {
      const { taskKey, attemptId } = started.attempt;
      push(started.startMs, 'task', { event: 'start', taskKey, attemptId });
    } else if (started.kind === 'wait' && started.intervention) {
      push(started.startMs, 'intervention', { reason: started.intervention });
    }
  }

  private motionSamples(ts: number, push: Emit): void {
    const seconds = (ts - this.settings.startMs) / 1000;
    const activity = this.activityAt(ts);
    const joints = jointStateAt(this.motion, seconds, activity);
    push(ts, 'joint_state', {
      position: joints.position.map((value) => round(value, 4)),
      velocity: joints.velocity.map((value) => round(value, 4)),
      effort: joints.effort.map((value) => round(value, 2)),
    });
    const pose = this.poseAt(ts);
    push(ts, 'pose', { x: round(pose.x, 3), y: round(pose.y, 3), yaw: round(pose.yaw, 4) });
    if (this.settings.teleop) {
      const leader = jointStateAt(this.motion, seconds + TELEOP_LEAD_S, activity).position;
      push(ts, 'teleop', {
        operator: this.operator,
        leader: leader.map((value) => round(value, 4)),
        gripper: round(activity.level, 3),
      });
    }
  }

  private fastSampleMs(): number {
    return Math.round(this.settings.startMs + (this.fastIndex * 1000) / this.settings.hz);
  }

  private activityAt(ts: number): Activity {
    const phase = this.phase;
    if (phase.kind !== 'task') return IDLE_ACTIVITY;
    return taskActivity(ts - phase.startMs, phase.endMs - phase.startMs);
  }

  private poseAt(ts: number): Pose {
    const phase = this.phase;
    const elapsed = ts - phase.startMs;
    const duration = phase.endMs - phase.startMs;
    switch (phase.kind) {
      case 'drive':
        return poseWhileDriving(phase.from, phase.to, elapsed, duration);
      case 'turn':
        return { x: phase.at.x, y: phase.at.y, yaw: yawWhileTurning(phase.fromYaw, phase.toYaw, elapsed, duration) };
      default:
        return { x: phase.at.x, y: phase.at.y, yaw: phase.yaw };
    }
  }

  private loadW(): number {
    return PHASE_LOAD_W[this.phase.kind];
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
