import type { Session, TelemetrySample, WatchTelemetry } from '@app/contract';
import { RingSeries } from './ring-series';

/** A minute of chart at the 10 messages a second the view asks for. */
export const CHART_POINTS = 600;
export const TRACK_POINTS = 600;
export const MAX_JOINTS = 16;
export const MAX_EVENTS = 200;
/** A whole bay is many robots, but a browser follows a bounded number of them. */
export const MAX_ROBOTS = 100;
export const RATE_WINDOW_MS = 5000;
const MAX_ARRIVALS = 10_000;

export interface RobotTrace {
  robotId: string;
  /** Joint positions over time (radians); as many columns as the widest joint_state seen. */
  joints: RingSeries;
  jointCount: number;
  battery: RingSeries;
  /** Pose x and y (metres). */
  track: RingSeries;
  yaw: number | null;
}

export type LogChannel = 'task' | 'safety' | 'intervention' | 'session';

export interface LogEntry {
  key: number;
  ts: number;
  robotId: string | null;
  channel: LogChannel;
  data: Record<string, unknown>;
}

const EVENT_CHANNELS = new Set<string>(['task', 'safety', 'intervention']);

const numbers = (value: unknown): number[] | null =>
  Array.isArray(value) && value.every((item) => typeof item === 'number') ? (value as number[]) : null;
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * What the live view has received since it began watching, in bounded memory: per robot the
 * chart and track series, a capped event log, and the arrival times behind the message rate.
 */
export class LiveData {
  readonly traces = new Map<string, RobotTrace>();
  /** Oldest first, at most MAX_EVENTS. */
  readonly events: LogEntry[] = [];
  samples = 0;
  newestTs: number | null = null;
  private arrivals: number[] = [];
  private keys = 0;

  add(message: WatchTelemetry, receivedAt: number): void {
    this.arrivals.push(receivedAt);
    if (this.arrivals.length > MAX_ARRIVALS) this.arrivals.splice(0, this.arrivals.length - MAX_ARRIVALS);
    const trace = this.trace(message.robotId);
    for (const sample of message.samples) {
      this.samples += 1;
      if (this.newestTs === null || sample.ts > this.newestTs) this.newestTs = sample.ts;
      if (EVENT_CHANNELS.has(sample.channel)) this.log(sample, message.robotId);
      else if (trace) this.record(trace, sample);
    }
  }

  addSession(session: Session, receivedAt: number): void {
    this.pushEvent({
      key: ++this.keys,
      ts: receivedAt,
      robotId: null,
      channel: 'session',
      data: { sessionId: session.id, status: session.status },
    });
  }

  /** Messages a second over the last few seconds. */
  rateAt(now: number): number {
    const since = now - RATE_WINDOW_MS;
    let count = 0;
    for (let index = this.arrivals.length - 1; index >= 0 && this.arrivals[index] > since; index--) count++;
    return count / (RATE_WINDOW_MS / 1000);
  }

  clear(): void {
    this.traces.clear();
    this.events.length = 0;
    this.samples = 0;
    this.newestTs = null;
    this.arrivals = [];
  }

  private trace(robotId: string): RobotTrace | null {
    let trace = this.traces.get(robotId);
    if (!trace) {
      if (this.traces.size >= MAX_ROBOTS) return null;
      trace = {
        robotId,
        joints: new RingSeries(CHART_POINTS, MAX_JOINTS),
        jointCount: 0,
        battery: new RingSeries(CHART_POINTS, 1),
        track: new RingSeries(TRACK_POINTS, 2),
        yaw: null,
      };
      this.traces.set(robotId, trace);
    }
    return trace;
  }

  /** State channels; a sample older than the newest one drawn is skipped (charts need rising time). */
  private record(trace: RobotTrace, sample: TelemetrySample): void {
    const after = (series: RingSeries) => series.lastTime === null || sample.ts > series.lastTime;
    const data = sample.data;
    if (sample.channel === 'joint_state') {
      const position = numbers(data.position);
      if (!position || !after(trace.joints)) return;
      trace.jointCount = Math.min(MAX_JOINTS, Math.max(trace.jointCount, position.length));
      trace.joints.push(sample.ts, position);
    } else if (sample.channel === 'battery') {
      const percent = number(data.percent);
      if (percent !== null && after(trace.battery)) trace.battery.push(sample.ts, [percent]);
    } else if (sample.channel === 'pose') {
      const x = number(data.x);
      const y = number(data.y);
      if (x === null || y === null || !after(trace.track)) return;
      trace.track.push(sample.ts, [x, y]);
      trace.yaw = number(data.yaw);
    }
  }

  private log(sample: TelemetrySample, robotId: string): void {
    this.pushEvent({
      key: ++this.keys,
      ts: sample.ts,
      robotId,
      channel: sample.channel as LogChannel,
      data: sample.data,
    });
  }

  private pushEvent(entry: LogEntry): void {
    this.events.push(entry);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }
}
