/** A 20 m × 12 m hall with six work stations that every robot visits in a loop. */
export const HALL = { width: 20, depth: 12 } as const;

export interface Station {
  name: string;
  x: number;
  y: number;
}

export interface Pose {
  x: number;
  y: number;
  yaw: number;
}

const STATIONS: readonly Station[] = [
  { name: 'inbound_dock', x: 2, y: 2 },
  { name: 'shelf_a', x: 10, y: 2.5 },
  { name: 'assembly_1', x: 17.5, y: 3 },
  { name: 'assembly_2', x: 17.5, y: 9 },
  { name: 'packing', x: 10, y: 9.5 },
  { name: 'inspection', x: 2.5, y: 9 },
];

const AVERAGE_SPEED_M_S = 0.7;
const TURN_RATE_RAD_S = 0.8;
const MIN_MOVE_MS = 500;

/** The loop for one robot: shifted by a lane per robot so that robots do not sit on each other. */
export function stationsFor(robotIndex: number): Station[] {
  const dx = 0.35 * (robotIndex % 4);
  const dy = 0.35 * (Math.floor(robotIndex / 4) % 4);
  return STATIONS.map((station) => ({ name: station.name, x: station.x + dx, y: station.y + dy }));
}

export function headingBetween(from: Station, to: Station): number {
  return Math.atan2(to.y - from.y, to.x - from.x);
}

/** Into (−π, π]. */
export function wrapAngle(angle: number): number {
  const wrapped = angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
  return wrapped === -Math.PI ? Math.PI : wrapped;
}

export function driveDurationMs(from: Station, to: Station): number {
  return Math.max(MIN_MOVE_MS, (Math.hypot(to.x - from.x, to.y - from.y) / AVERAGE_SPEED_M_S) * 1000);
}

export function turnDurationMs(fromYaw: number, toYaw: number): number {
  return Math.max(MIN_MOVE_MS, (Math.abs(wrapAngle(toYaw - fromYaw)) / TURN_RATE_RAD_S) * 1000);
}

/** Minimum-jerk progress 0→1: the robot starts and stops without a jolt. */
export function minimumJerk(fraction: number): number {
  const t = Math.min(1, Math.max(0, fraction));
  return t * t * t * (10 - 15 * t + 6 * t * t);
}

/** Straight from station to station, facing the way it drives. */
export function poseWhileDriving(from: Station, to: Station, elapsedMs: number, durationMs: number): Pose {
  const s = minimumJerk(elapsedMs / durationMs);
  return { x: from.x + (to.x - from.x) * s, y: from.y + (to.y - from.y) * s, yaw: headingBetween(from, to) };
}

/** Turning on the spot the short way round. */
export function yawWhileTurning(fromYaw: number, toYaw: number, elapsedMs: number, durationMs: number): number {
  return wrapAngle(fromYaw + wrapAngle(toYaw - fromYaw) * minimumJerk(elapsedMs / durationMs));
}
