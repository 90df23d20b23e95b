import type { Evaluation, Session, SessionSummary, TelemetryAck } from '@app/contract';
import { JobsService } from '@app/platform';
import { SUMMARIZE_SESSION } from '@app/scoring';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { connect, emitWithAck, sleep, waitFor } from './support/sockets';
import { Api, startTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;

const SUMMARY_DELAY_MS = 1_000;
const EVIDENCE_WAIT_S = 3;
const LATE_GRACE_S = 4;
const PAST = Date.parse('2026-01-05T00:00:00Z');

/** Evidence that cannot move: evaluations wait for pending summaries; late samples count only within the grace. */
describe('evidence of evaluations', () => {
  let field: TestApp;
  let operator: Api;
  let seq = 0;
  let bookings = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    field = await startTestApp({
      FIELD_SUMMARY_DELAY_MS: String(SUMMARY_DELAY_MS),
      FIELD_EVIDENCE_WAIT_S: String(EVIDENCE_WAIT_S),
      FIELD_LATE_GRACE_S: String(LATE_GRACE_S),
    });
    operator = await field.signIn('operator');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await field.close();
  });

  const deviceToken = async (robotId: string) =>
    (await field.admin.post(`/robots/${robotId}/device-token`)).body.token as string;

  const robotSocket = async (token: string) => {
    const socket = await connect(field.url, '/robot', token);
    sockets.push(socket);
    return socket;
  };

  const send = async (socket: Socket, samples: Body[]) => {
    const ack = await emitWithAck<TelemetryAck>(socket, 'telemetry', { seq: ++seq, samples });
    expect(ack).toMatchObject({ ok: true, stored: samples.length });
  };

  const attempts = (from: number, count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => [
      { ts: from + i * 20, channel: 'task', data: { event: 'start', taskKey: 'pick', attemptId: `${prefix}-${i}` } },
      {
        ts: from + i * 20 + 10,
        channel: 'task',
        data: { event: 'success', taskKey: 'pick', attemptId: `${prefix}-${i}` },
      },
    ]).flat();

  /** Books and starts a session of the robot; `during` runs while it runs; then completes it. */
  const session = async (robotId: string, during: (startedAt: number) => Promise<void> = async () => {}) => {
    const bay = await field.factory.bay();
    // Booked windows one after another (a robot is never booked twice); what counts is the actual run.
    const slot = PAST + ++bookings * 2 * 3600_000;
    const booked = await operator.post('/sessions', {
      bayId: bay.id,
      robotIds: [robotId],
      kind: 'training',
      startsAt: new Date(slot).toISOString(),
      endsAt: new Date(slot + 3600_000).toISOString(),
    });
    expect(booked.status).toBe(201);
    const started = (await operator.post(`/sessions/${booked.body.id}/start`)).body as Session;
    // The start reaches the ingest's view of running sessions over the event bus.
    await sleep(200);
    await during(Date.parse(started.startedAt!));
    const completed = await operator.post(`/sessions/${booked.body.id}/complete`);
    expect(completed.status).toBe(200);
    return completed.body as Session;
  };

  const summaryOf = async (sessionId: string) =>
    (await field.admin.get(`/sessions/${sessionId}/summary`)).body as SessionSummary;

  const finished = async (id: string, timeoutMs: number): Promise<Evaluation> => {
    let evaluation = {} as Evaluation;
    await waitFor(
      async () => {
        evaluation = (await field.admin.get(`/evaluations/${id}`)).body as Evaluation;
        return evaluation.status === 'completed' || evaluation.status === 'failed';
      },
      timeoutMs,
      'the evaluation to finish',
    );
    return evaluation;
  };

  describe('an evaluation', () => {
    it('waits for the summary of a session completed right before it was asked for, and counts it', async () => {
      const robot = await field.factory.enrolledRobot();
      const socket = await robotSocket(await deviceToken(robot.id));
      const earlier = await session(robot.id, (startedAt) => send(socket, attempts(startedAt + 10, 2, 'earlier')));
      await waitFor(async () => (await summaryOf(earlier.id)).status === 'ready', 15_000, 'the earlier summary');
      const latest = await session(robot.id, (startedAt) => send(socket, attempts(startedAt + 10, 3, 'latest')));

      const asked = await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' });
      expect(asked.status).toBe(202);
      // The summary job runs FIELD_SUMMARY_DELAY_MS after completion: it is still to be made.
      expect((await summaryOf(latest.id)).status).toBe('pending');
      let meanwhile = asked.body as Evaluation;
      await waitFor(
        async () => {
          meanwhile = (await field.admin.get(`/evaluations/${asked.body.id}`)).body as Evaluation;
          return meanwhile.status !== 'queued';
        },
        5_000,
        'the evaluation job to start',
      );
      expect(meanwhile).toMatchObject({ status: 'running', awaitingSummaries: 1, evidence: null });

      const evaluation = await finished(asked.body.id as string, 15_000);
      expect(evaluation).toMatchObject({
        status: 'completed',
        attempts: 1,
        awaitingSummaries: null,
        evidence: { sessionIds: [earlier.id, latest.id], samples: { taskAttempts: 5 } },
      });
      expect((await summaryOf(latest.id)).status).toBe('ready');
    });

    it('leaves out sessions completed after it was asked for, summarised or not', async () => {
      const summaries = field.app.get(JobsService).queue(SUMMARIZE_SESSION.queue);
      const robot = await field.factory.enrolledRobot();
      const counted = await session(robot.id);
      // Summaries wait until the next session has completed too; then both are made at once.
      await summaries.pause();
      let asked: Evaluation;
      try {
        asked = (await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' })).body as Evaluation;
        await session(robot.id);
      } finally {
        await summaries.resume();
      }
      const evaluation = await finished(asked.id, 15_000);
      expect(evaluation).toMatchObject({ status: 'completed', evidence: { sessionIds: [counted.id] } });
    });

    it('fails, saying why, when a summary it needs is not made within the bound', async () => {
      const summaries = field.app.get(JobsService).queue(SUMMARIZE_SESSION.queue);
      const robot = await field.factory.enrolledRobot();
      // No worker takes summary jobs: the session's summary is never made while this lasts.
      await summaries.pause();
      try {
        const stuck = await session(robot.id);
        const asked = await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' });
        expect(asked.status).toBe(202);
        const evaluation = await finished(asked.body.id as string, 20_000);
        expect(evaluation).toMatchObject({
          status: 'failed',
          score: null,
          passed: null,
          results: [],
          evidence: null,
          awaitingSummaries: null,
        });
        expect(evaluation.failureReason).toMatch(
          new RegExp(
            `^the summaries of 1 completed session of the robot \\(${stuck.id}\\) were still missing after \\d+ s`,
          ),
        );
        expect((await summaryOf(stuck.id)).status).toBe('pending');
        const waitedMs = Date.parse(evaluation.completedAt!) - Date.parse(stuck.endedAt!);
        expect(waitedMs).toBeGreaterThanOrEqual(SUMMARY_DELAY_MS + EVIDENCE_WAIT_S * 1000);
      } finally {
        await summaries.resume();
      }
    });
  });

  describe('late samples', () => {
    it('count within FIELD_LATE_GRACE_S of the session’s end, and are stored without it after', async () => {
      const robot = await field.factory.enrolledRobot();
      const token = await deviceToken(robot.id);
      const socket = await robotSocket(token);
      let startedAt = 0;
      const ended = await session(robot.id, async (at) => {
        startedAt = at;
        await send(socket, attempts(at + 10, 2, 'on-time'));
      });
      const endedAt = Date.parse(ended.endedAt!);
      await waitFor(async () => (await summaryOf(ended.id)).status === 'ready', 15_000, 'the summary');
      expect((await summaryOf(ended.id)).robots[0].tasks.attempts).toBe(2);

      // Within the grace: the robot's backlog still counts, and the session is summarised again.
      expect(Date.now() - endedAt).toBeLessThan(LATE_GRACE_S * 1000);
      await send(socket, attempts(startedAt + 100, 1, 'backlog'));
      const withinSeq = seq;

      // Past the grace: a sample from inside the run, over HTTP this time, is stored without the session.
      await waitFor(() => Date.now() > endedAt + LATE_GRACE_S * 1000 + 200, 10_000);
      const pastSeq = ++seq;
      const past = await request(field.app.getHttpServer())
        .post(`/api/v1/robots/${robot.id}/telemetry`)
        .set('Authorization', `Bearer ${token}`)
        .send({ seq: pastSeq, samples: attempts(startedAt + 200, 3, 'too-late') });
      expect(past.status).toBe(200);
      expect(past.body).toMatchObject({ ok: true, stored: 6, duplicate: false });

      const stored = await field.sql<{ seq: string; session_id: string | null }>(
        'SELECT seq::text, session_id FROM telemetry_packets WHERE robot_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq',
        [robot.id, [withinSeq, pastSeq]],
      );
      expect(stored).toEqual([
        { seq: String(withinSeq), session_id: ended.id },
        { seq: String(pastSeq), session_id: null },
      ]);

      await waitFor(
        async () => (await summaryOf(ended.id)).robots[0].tasks.attempts === 3,
        20_000,
        'the summary with the sample sent within the grace',
      );
      // Whatever re-summary is still to run reads the session's samples, which the late one is not among.
      await sleep(SUMMARY_DELAY_MS * 6 + SUMMARY_DELAY_MS + 500);
      const settled = await summaryOf(ended.id);
      expect(settled.robots[0].tasks).toMatchObject({ attempts: 3, successes: 3 });
      const telemetry = await field.admin.get(`/sessions/${ended.id}/telemetry?channel=task&limit=100`);
      expect(telemetry.body.items).toHaveLength(6);
    });
  });
});
