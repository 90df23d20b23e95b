import type { Session, WatchTelemetry } from '@app/contract';
import { CHART_POINTS, LiveData, MAX_EVENTS } from './live-data';

const ROBOT = '0190a3c4-0000-7000-8000-000000000001';
const message = (samples: WatchTelemetry['samples']): WatchTelemetry => ({ robotId: ROBOT, sessionId: null, samples });
const joints = (ts: number, position: number[]) => ({ ts, channel: 'joint_state', data: { position } });

describe('LiveData', () => {
  it('charts joint positions, battery and the track per robot, dropping samples that go back in time', () => {
    const data = new LiveData();
    data.add(
      message([
        joints(1000, [0.1, 0.2]),
        { ts: 1000, channel: 'battery', data: { percent: 80 } },
        { ts: 1000, channel: 'pose', data: { x: 2, y: 3, yaw: 0.5 } },
      ]),
      5000,
    );
    data.add(message([joints(900, [9, 9]), joints(1100, [0.3, 0.4, 0.5])]), 5100);
    const trace = data.traces.get(ROBOT)!;
    expect(trace.jointCount).toBe(3);
    expect(trace.joints.toColumns(trace.jointCount)).toEqual([
      [1000, 1100],
      [0.1, 0.3],
      [0.2, 0.4],
      [null, 0.5],
    ]);
    expect(trace.battery.toColumns()).toEqual([[1000], [80]]);
    expect(trace.track.toColumns()).toEqual([[1000], [2], [3]]);
    expect(trace.yaw).toBe(0.5);
    expect(data.samples).toBe(5);
    expect(data.newestTs).toBe(1100);
  });

  it('keeps memory bounded however long it runs', () => {
    const data = new LiveData();
    for (let ts = 1; ts <= CHART_POINTS + 50; ts++) {
      data.add(
        message([
          joints(ts, [ts]),
          { ts, channel: 'task', data: { event: 'start', taskKey: 'k', attemptId: `${ts}` } },
        ]),
        ts,
      );
    }
    expect(data.traces.get(ROBOT)!.joints.size).toBe(CHART_POINTS);
    expect(data.events).toHaveLength(MAX_EVENTS);
    expect(data.events[MAX_EVENTS - 1].data.attemptId).toBe(`${CHART_POINTS + 50}`);
  });

  it('logs events and session changes, and measures the message rate over the last five seconds', () => {
    const data = new LiveData();
    data.add(message([{ ts: 10, channel: 'safety', data: { event: 'near_miss' } }]), 1000);
    data.add(message([{ ts: 20, channel: 'intervention', data: { reason: 'reset' } }]), 4000);
    data.addSession({ id: 's1', status: 'completed' } as Session, 4500);
    expect(data.events.map((entry) => entry.channel)).toEqual(['safety', 'intervention', 'session']);
    expect(data.rateAt(5000)).toBe(0.4);
    expect(data.rateAt(7000)).toBe(0.2);
    data.clear();
    expect(data.events).toHaveLength(0);
    expect(data.rateAt(5000)).toBe(0);
  });
});
