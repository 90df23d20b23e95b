import { SessionSummarizer, FinishedSession } from './summarize-session';

const A = 'robot-a';
const B = 'robot-b';
const session: FinishedSession = {
  id: 'session-1',
  status: 'completed',
  kind: 'drill',
  robotIds: [A, B],
  startedAt: 100_000,
  endedAt: 110_000,
  domain: 'social_livelihood',
  mode: 'virtual',
};
const task = (robotId: string, ts: number, event: string, attemptId: string, taskKey = 'fold') => ({
  robotId,
  ts,
  channel: 'task',
  data: { event, taskKey, attemptId },
});

describe('SessionSummarizer', () => {
  it('tallies attempts, outcomes and cycle times per robot and per task', () => {
    const summarizer = new SessionSummarizer(session);
    [
      task(A, 100_100, 'start', 'a1'),
      task(A, 102_100, 'success', 'a1'),
      task(A, 102_200, 'start', 'a2'),
      task(A, 103_000, 'failure', 'a2'),
      task(A, 103_100, 'start', 'a3', 'wipe'),
      task(A, 104_100, 'success', 'a3', 'wipe'),
      task(A, 104_200, 'failure', 'a3', 'wipe'), // a second outcome does not count
      task(A, 105_000, 'success', 'a4'), // an outcome without a recorded start: no cycle time
      task(A, 106_000, 'start', 'a5'), // still open when the session ended
      task(B, 100_500, 'start', 'b1'),
    ].forEach((event) => summarizer.add(event));
    const [a, b] = summarizer.finish([]);
    expect(a.tasks).toEqual({
      attempts: 4,
      successes: 3,
      failures: 1,
      unfinished: 1,
      cycleTimeTotalS: 3,
      cycleTimeCount: 2,
    });
    expect(a.byTask.wipe).toEqual({
      attempts: 1,
      successes: 1,
      failures: 0,
      unfinished: 0,
      cycleTimeTotalS: 1,
      cycleTimeCount: 1,
    });
    expect(a.byTask.fold.attempts).toBe(3);
    expect(b.tasks).toMatchObject({ attempts: 0, unfinished: 1 });
  });

  it('counts safety events, interventions and heartbeat coverage, and reads sample counts from the packets', () => {
    const summarizer = new SessionSummarizer(session);
    summarizer.add({ robotId: A, ts: 101_000, channel: 'safety', data: { event: 'near_miss' } });
    summarizer.add({ robotId: A, ts: 101_500, channel: 'safety', data: { event: 'estop' } });
    summarizer.add({ robotId: A, ts: 102_000, channel: 'intervention', data: { reason: 'stuck' } });
    for (let ts = 101_000; ts <= 106_000; ts += 1_000)
      summarizer.add({ robotId: A, ts, channel: 'heartbeat', data: {} });
    const [a, b] = summarizer.finish([
      { robotId: A, channel: 'teleop', samples: 40 },
      { robotId: A, channel: 'heartbeat', samples: 6 },
      { robotId: B, channel: 'joint_state', samples: 7 },
    ]);
    expect(a).toMatchObject({
      sessionId: 'session-1',
      sessionStatus: 'completed',
      kind: 'drill',
      domain: 'social_livelihood',
      mode: 'virtual',
      runSeconds: 10,
      safety: { estop: 1, collision: 0, near_miss: 1 },
      interventions: 1,
      heartbeats: 6,
      // 100→101 s counts (1 s), 101→106 s counts (5 s), 106→110 s (4 s) is a gap
      heartbeatCoveredSeconds: 6,
      teleopSamples: 40,
      telemetrySamples: 46,
    });
    expect(b).toMatchObject({ heartbeats: 0, heartbeatCoveredSeconds: 0, teleopSamples: 0, telemetrySamples: 7 });
  });

  it('ignores samples outside the run and robots not in the session', () => {
    const summarizer = new SessionSummarizer(session);
    summarizer.add({ robotId: A, ts: 99_999, channel: 'intervention', data: { reason: 'early' } });
    summarizer.add({ robotId: A, ts: 110_001, channel: 'intervention', data: { reason: 'late' } });
    summarizer.add({ robotId: 'stranger', ts: 105_000, channel: 'intervention', data: { reason: 'x' } });
    summarizer.add({ robotId: A, ts: 110_000, channel: 'intervention', data: { reason: 'at the end' } });
    const summaries = summarizer.finish([]);
    expect(summaries.map((summary) => summary.robotId)).toEqual([A, B]);
    expect(summaries[0].interventions).toBe(1);
  });
});
