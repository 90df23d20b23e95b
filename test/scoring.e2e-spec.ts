import type { CriteriaSet, Evaluation, Session, SessionSummary, TelemetryAck, WatchAck } from '@app/contract';
import { JobsService } from '@app/platform';
import { SWEEP_SCORING } from '@app/scoring';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { wilsonLowerBound } from '../libs/scoring/src/metrics/wilson';
import { collect, connect, emitWithAck, sleep, waitFor } from './support/sockets';
import { Api, startTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;
type Student = Awaited<ReturnType<TestApp['factory']['enrolledRobot']>>;

/** A task attempt a robot plays: its outcome (or none: still open at the end) and task key. */
interface Play {
  task: string;
  outcome: 'success' | 'failure' | null;
}

const plays = (task: string, successes: number, failures: number): Play[] => [
  ...Array.from({ length: successes }, () => ({ task, outcome: 'success' as const })),
  ...Array.from({ length: failures }, () => ({ task, outcome: 'failure' as const })),
];

const PAST = Date.parse('2026-01-05T00:00:00Z');

/** Attempt i starts 30 ms after attempt i−1 and, when it ends, takes 10 + i ms. */
const cycleMs = (index: number) => 10 + index;

describe('the admission–graduation standard', () => {
  let field: TestApp;
  let operator: Api;
  let seq = 0;
  let bookings = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    field = await startTestApp({ FIELD_SUMMARY_DELAY_MS: '0' });
    operator = await field.signIn('operator');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await field.close();
  });

  const publishSet = async (body: Body): Promise<CriteriaSet> => {
    const draft = await field.admin.post('/criteria-sets', body);
    expect(draft.status).toBe(201);
    const published = await field.admin.post(`/criteria-sets/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    return published.body as CriteriaSet;
  };

  const criterion = (key: string, metric: string, op: 'gte' | 'lte', threshold: number, extra: Body = {}) => ({
    key,
    dimension: 'technical_leadership',
    metric,
    op,
    threshold,
    ...extra,
  });

  const evaluate = async (robotId: string, body: Body): Promise<Evaluation> => {
    const response = await operator.post(`/robots/${robotId}/evaluations`, body);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ id: expect.any(String), status: 'queued', stage: body.stage });
    let evaluation = response.body as Evaluation;
    await waitFor(
      async () => {
        evaluation = (await field.admin.get(`/evaluations/${evaluation.id}`)).body as Evaluation;
        return evaluation.status === 'completed' || evaluation.status === 'failed';
      },
      15_000,
      'the evaluation to finish',
    );
    return evaluation;
  };

  const robotSocket = async (robotId: string) => {
    const { body } = await field.admin.post(`/robots/${robotId}/device-token`);
    const socket = await connect(field.url, '/robot', body.token as string);
    sockets.push(socket);
    return socket;
  };

  const send = async (socket: Socket, samples: Body[]) => {
    const ack = await emitWithAck<TelemetryAck>(socket, 'telemetry', { seq: ++seq, samples });
    expect(ack).toMatchObject({ ok: true, stored: samples.length });
  };

  /** The task events of the plays, from `from` on (see cycleMs). */
  const taskEvents = (from: number, attempts: readonly Play[], prefix: string) =>
    attempts.flatMap((play, index) => {
      const start = from + index * 30;
      const attemptId = `${prefix}-${index}`;
      return [
        { ts: start, channel: 'task', data: { event: 'start', taskKey: play.task, attemptId } },
        ...(play.outcome === null
          ? []
          : [
              {
                ts: start + cycleMs(index),
                channel: 'task',
                data: {
                  event: play.outcome,
                  taskKey: play.task,
                  attemptId,
                  ...(play.outcome === 'failure' ? { reason: 'dropped the part' } : {}),
                },
              },
            ]),
      ];
    });

  const heartbeatsUntilNow = (startedAt: number) => {
    const samples = [];
    for (let ts = startedAt + 5; ts < Date.now() - 5; ts += 100) samples.push({ ts, channel: 'heartbeat', data: {} });
    return samples;
  };

  /**
   * Books and starts a session, lets each robot (over its /robot socket) send what `telemetry` makes
   * from the actual start, then completes it and waits for its summary.
   */
  const trainingSession = async (
    bay: Body,
    kind: 'training' | 'drill',
    robots: { id: string; socket: Socket; telemetry: (startedAt: number) => Body[]; heartbeats: boolean }[],
  ): Promise<{ session: Session; summary: SessionSummary }> => {
    // Booked windows in the past, one after another: what counts is when the session actually ran.
    const slot = PAST + ++bookings * 2 * 3600_000;
    const booked = await operator.post('/sessions', {
      bayId: bay.id,
      robotIds: robots.map((robot) => robot.id),
      kind,
      taskKeys: ['pick', 'place'],
      startsAt: new Date(slot).toISOString(),
      endsAt: new Date(slot + 3600_000).toISOString(),
    });
    expect(booked.status).toBe(201);
    const started = (await operator.post(`/sessions/${booked.body.id}/start`)).body as Session;
    const startedAt = Date.parse(started.startedAt!);
    // The start reaches the ingest's view of running sessions over the event bus.
    await sleep(200);
    for (const robot of robots) await send(robot.socket, robot.telemetry(startedAt));
    await waitFor(() => Date.now() > startedAt + 600, 5_000);
    for (const robot of robots) if (robot.heartbeats) await send(robot.socket, heartbeatsUntilNow(startedAt));
    const completed = await operator.post(`/sessions/${booked.body.id}/complete`);
    expect(completed.status).toBe(200);
    let summary = {} as SessionSummary;
    await waitFor(
      async () => {
        summary = (await field.admin.get(`/sessions/${booked.body.id}/summary`)).body as SessionSummary;
        return summary.status === 'ready';
      },
      15_000,
      'the session summary',
    );
    return { session: completed.body as Session, summary };
  };

  const hoursOf = (...sessions: Session[]) =>
    sessions.reduce((sum, s) => sum + (Date.parse(s.endedAt!) - Date.parse(s.startedAt!)) / 3600_000, 0);
  const expectClose = (actual: number | null, expected: number) =>
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);

  describe('graduation: from a robot’s task events to its evaluation', () => {
    const domain = 'industrial_manufacturing';
    // A trains in a drill (physical bay) with B, then alone in a virtual bay.
    const drillOfA = [...plays('pick', 5, 1), ...plays('place', 3, 1), { task: 'place', outcome: null }];
    const drillOfB = [...plays('pick', 1, 3)];
    const virtualOfA = plays('pick', 5, 0);
    let a: Student;
    let b: Student;
    let drill: { session: Session; summary: SessionSummary };
    let virtual: { session: Session; summary: SessionSummary };
    let set: CriteriaSet;

    beforeAll(async () => {
      const [vendorA, vendorB] = [await field.factory.vendor(), await field.factory.vendor()];
      a = await field.factory.enrolledRobot({ vendorId: vendorA.id, domains: [domain], specs: { dof: 7 } });
      b = await field.factory.enrolledRobot({ vendorId: vendorB.id, domains: [domain], specs: {} });
      const [socketA, socketB] = [await robotSocket(a.id), await robotSocket(b.id)];
      const physicalBay = await field.factory.bay({ domain, mode: 'physical', capacity: 2 });
      const virtualBay = await field.factory.bay({ domain, mode: 'virtual', capacity: 1 });
      drill = await trainingSession(physicalBay, 'drill', [
        {
          id: a.id,
          socket: socketA,
          heartbeats: true,
          telemetry: (startedAt) => [
            ...taskEvents(startedAt + 20, drillOfA, 'a-drill'),
            ...Array.from({ length: 30 }, (_, i) => ({ ts: startedAt + 10 + i, channel: 'teleop', data: { i } })),
            { ts: startedAt + 100, channel: 'safety', data: { event: 'near_miss' } },
            { ts: startedAt + 150, channel: 'intervention', data: { reason: 'reset the gripper' } },
            { ts: startedAt + 200, channel: 'safety', data: { event: 'estop' } },
            { ts: startedAt + 250, channel: 'joint_state', data: { position: [0.1, 0.2] } },
          ],
        },
        { id: b.id, socket: socketB, heartbeats: false, telemetry: (s) => taskEvents(s + 20, drillOfB, 'b-drill') },
      ]);
      virtual = await trainingSession(virtualBay, 'training', [
        {
          id: a.id,
          socket: socketA,
          heartbeats: true,
          telemetry: (startedAt) => taskEvents(startedAt + 20, virtualOfA, 'a-virtual'),
        },
      ]);
      set = await publishSet({
        name: '毕业标准 · 工业制造 (test)',
        stage: 'graduation',
        domain,
        passScore: 90,
        criteria: [
          criterion('attempts', 'task.attempts', 'gte', 15, { required: true, dimension: 'industry_fit' }),
          criterion('rate', 'task.success_rate', 'gte', 0.8),
          criterion('lcb', 'task.success_rate_lcb', 'gte', 0.5, { weight: 2 }),
          criterion('pick', 'task.success_rate:pick', 'gte', 0.8),
          criterion('cycle', 'task.mean_cycle_time_s', 'lte', 10, { dimension: 'industry_fit' }),
          criterion('incidents', 'safety.incidents_per_hour', 'lte', 1e9, { dimension: 'safety' }),
          criterion('interventions', 'interventions.per_hour', 'lte', 1e9, { dimension: 'reliability' }),
          criterion('uptime', 'uptime.ratio', 'gte', 1, { dimension: 'reliability' }),
          criterion('teleop', 'data.teleop_samples', 'gte', 30),
          criterion('gap', 'sim_to_real.success_gap', 'lte', 0.2),
          criterion('drill', 'drill.success_rate', 'gte', 0.8),
          criterion('dof', 'spec.dof', 'gte', 6, { dimension: 'spec_compliance' }),
        ],
      });
    });

    it('summarises each robot’s part in a session once it completes', () => {
      const [ofA, ofB] = [a.id, b.id].map((id) => drill.summary.robots.find((robot) => robot.robotId === id)!);
      const hours = hoursOf(drill.session);
      expect(drill.summary).toMatchObject({ sessionId: drill.session.id, sessionStatus: 'completed', status: 'ready' });
      expect(ofA).toMatchObject({
        domain,
        mode: 'physical',
        kind: 'drill',
        tasks: { attempts: 10, successes: 8, failures: 2, unfinished: 1 },
        byTask: {
          pick: { attempts: 6, successes: 5, failures: 1, unfinished: 0 },
          place: { attempts: 4, successes: 3, failures: 1, unfinished: 1 },
        },
        safety: { estop: 1, collision: 0, near_miss: 1 },
        interventions: 1,
        teleopSamples: 30,
      });
      expect(ofA.runSeconds).toBeCloseTo(hours * 3600, 9);
      expect(ofA.heartbeatCoveredSeconds).toBe(ofA.runSeconds);
      expect(ofA.telemetrySamples).toBe(21 + 30 + 4 + ofA.heartbeats);
      // Successes are attempts 0–4 and 6–8 of the drill's plays.
      const cycles = [0, 1, 2, 3, 4, 6, 7, 8].map((index) => cycleMs(index) / 1000);
      expect(ofA.tasks.meanCycleTimeS).toBeCloseTo(cycles.reduce((x, y) => x + y) / cycles.length, 9);
      expect(ofA.metrics['task.success_rate']).toBe(0.8);
      expectClose(ofA.metrics['safety.incidents_per_hour'], 2 / hours);
      expect(ofA.metrics['uptime.ratio']).toBe(1);
      expect(ofB).toMatchObject({ tasks: { attempts: 4, successes: 1 }, heartbeats: 0, teleopSamples: 0 });
      expect(ofB.metrics['uptime.ratio']).toBe(0);
    });

    it('passes a robot that meets the standard, with every criterion explained and its evidence', async () => {
      const watcher = await connect(field.url, '/watch', field.admin.token!);
      sockets.push(watcher);
      const heard = collect<Evaluation>(watcher, 'evaluation.completed');
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: a.id })).toEqual({ ok: true });

      const evaluation = await evaluate(a.id, { stage: 'graduation' });
      const hours = hoursOf(drill.session, virtual.session);
      expect(evaluation).toMatchObject({
        robotId: a.id,
        stage: 'graduation',
        domain,
        criteriaSetId: set.id,
        criteriaSetVersion: set.version,
        passScore: 90,
        status: 'completed',
        score: 100,
        passed: true,
        failureReason: null,
        evidence: {
          sessionIds: [drill.session.id, virtual.session.id],
          samples: { taskAttempts: 15, teleop: 30 },
        },
      });
      const value = (key: string) => evaluation.results.find((result) => result.key === key)!.value;
      expect(value('attempts')).toBe(15);
      expect(value('rate')).toBe(13 / 15);
      expect(value('lcb')).toBe(wilsonLowerBound(13, 15));
      expect(value('pick')).toBe(10 / 11);
      expectClose(value('incidents'), 2 / hours);
      expectClose(value('interventions'), 1 / hours);
      expect(value('uptime')).toBe(1);
      expect(value('teleop')).toBe(30);
      expect(value('gap')).toBeCloseTo(0.2, 12);
      expect(value('drill')).toBe(0.8);
      expect(value('dof')).toBe(7);
      expect(evaluation.results.every((result) => result.passed)).toBe(true);
      expect(evaluation.results[0].explanation).toBe(
        'task.attempts is 15 (15 attempts in 2 sessions); passed: it must be at least 15',
      );
      await waitFor(() => heard.length > 0, 5_000, 'evaluation.completed on /watch');
      expect(heard[0]).toMatchObject({ id: evaluation.id, robotId: a.id, status: 'completed', passed: true });
      // Graduation changes nothing until a report is issued.
      expect((await field.admin.get(`/robots/${a.id}`)).body.status).toBe('enrolled');
    });

    it('fails a robot that misses a required criterion, whatever its score', async () => {
      const evaluation = await evaluate(b.id, { stage: 'graduation', domain });
      expect(evaluation).toMatchObject({ status: 'completed', passed: false });
      const byKey = Object.fromEntries(evaluation.results.map((result) => [result.key, result]));
      expect(byKey.attempts).toMatchObject({ value: 4, passed: false, required: true });
      expect(byKey.attempts.explanation).toContain('(required)');
      expect(byKey.dof).toMatchObject({ value: null, passed: false });
      expect(byKey.dof.explanation).toBe(
        'spec.dof has no value (the robot declares no spec dof), so the criterion fails; it asks for at least 6',
      );
      expect(byKey.gap).toMatchObject({ value: null, passed: false });
      const passedWeight = evaluation.results.filter((r) => r.passed).reduce((sum, r) => sum + r.weight, 0);
      const totalWeight = evaluation.results.reduce((sum, r) => sum + r.weight, 0);
      expect(passedWeight).toBe(3); // cycle time, incidents and interventions
      expect(evaluation.score).toBeCloseTo((100 * passedWeight) / totalWeight, 5);
      expect(evaluation.evidence).toEqual({
        sessionIds: [drill.session.id],
        samples: { telemetry: 8, taskAttempts: 4, teleop: 0, heartbeats: 0 },
        exams: [],
      });
    });

    it('shows a vendor only its own robots’ summaries and evaluations', async () => {
      const vendorOfB = await field.signIn('vendor', { vendorId: b.vendorId });
      const summary = await vendorOfB.get(`/sessions/${drill.session.id}/summary`);
      expect(summary.status).toBe(200);
      expect(summary.body.robots.map((robot: { robotId: string }) => robot.robotId)).toEqual([b.id]);
      expect((await vendorOfB.get(`/sessions/${virtual.session.id}/summary`)).status).toBe(404);
      const ofA = (await field.admin.get(`/robots/${a.id}/evaluations`)).body.items as Evaluation[];
      expect(ofA).toHaveLength(1);
      expect((await vendorOfB.get(`/evaluations/${ofA[0].id}`)).status).toBe(404);
      expect((await vendorOfB.get(`/robots/${a.id}/evaluations`)).status).toBe(404);
      expect((await vendorOfB.get(`/robots/${b.id}/evaluations?stage=graduation`)).body.items).toHaveLength(1);
    });

    it('keeps the version an evaluation used when a new version supersedes it', async () => {
      const [before] = (await field.admin.get(`/robots/${a.id}/evaluations`)).body.items as Evaluation[];
      const next = await publishSet({
        name: 'stricter',
        stage: 'graduation',
        domain,
        passScore: 100,
        criteria: [criterion('attempts', 'task.attempts', 'gte', 1000)],
      });
      expect(next.version).toBe(set.version + 1);
      expect((await field.admin.get(`/criteria-sets/${set.id}`)).body).toMatchObject({
        status: 'superseded',
        supersededAt: expect.any(String),
      });
      const after = await evaluate(a.id, { stage: 'graduation' });
      expect(after).toMatchObject({ criteriaSetId: next.id, criteriaSetVersion: next.version, passed: false });
      expect((await field.admin.get(`/evaluations/${before.id}`)).body).toMatchObject({
        criteriaSetId: set.id,
        criteriaSetVersion: set.version,
        passed: true,
      });
    });

    it('answers 409 for the summary of an unfinished session, and refuses graduation for a robot not enrolled', async () => {
      const bay = await field.factory.bay({ domain });
      const scheduled = await operator.post('/sessions', {
        bayId: bay.id,
        robotIds: [a.id],
        kind: 'training',
        startsAt: new Date(Date.now() + 7200_000).toISOString(),
        endsAt: new Date(Date.now() + 9000_000).toISOString(),
      });
      expect((await field.admin.get(`/sessions/${scheduled.body.id}/summary`)).status).toBe(409);
      const applicant = await field.factory.robot({ domains: [domain] });
      const refused = await operator.post(`/robots/${applicant.id}/evaluations`, { stage: 'graduation' });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe('the robot is applied; graduation evaluates enrolled robots');
    });
  });

  describe('admission', () => {
    const domain = 'social_livelihood';

    beforeAll(async () => {
      await publishSet({
        name: '入学标准 · 社会民生 (test)',
        stage: 'admission',
        domain,
        passScore: 60,
        criteria: [
          criterion('estop', 'spec.estop', 'gte', 1, { required: true, dimension: 'safety', weight: 2 }),
          criterion('payload', 'spec.payloadKg', 'gte', 5, { dimension: 'industry_fit' }),
        ],
      });
    });

    it('enrols a robot that passes, recording why in its status history', async () => {
      const robot = await field.factory.robot({ domains: [domain], specs: { estop: true, payloadKg: 5 } });
      const evaluation = await evaluate(robot.id, { stage: 'admission' });
      expect(evaluation).toMatchObject({ status: 'completed', passed: true, score: 100, evidence: { sessionIds: [] } });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('enrolled');
      const history = (await field.admin.get(`/robots/${robot.id}/status-history`)).body.items;
      expect(history.at(-1)).toMatchObject({ fromStatus: 'applied', toStatus: 'enrolled', actorId: null });
      expect(history.at(-1).reason).toContain(evaluation.id);
      const again = await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'admission' });
      expect(again.status).toBe(409);
    });

    it('rejects a robot that fails, and may admit it on a later evaluation', async () => {
      const robot = await field.factory.robot({ domains: [domain], specs: { estop: false, payloadKg: 10 } });
      const failed = await evaluate(robot.id, { stage: 'admission' });
      expect(failed).toMatchObject({ status: 'completed', passed: false, score: 33.333333 });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('rejected');
      await operator.patch(`/robots/${robot.id}`, { specs: { estop: true, payloadKg: 10 } }).expect(200);
      expect(await evaluate(robot.id, { stage: 'admission' })).toMatchObject({ passed: true });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('enrolled');
    });

    it('admits through the default standard installed with the field', async () => {
      const robot = await field.factory.robot({
        domains: ['commerce_culture_tourism'],
        specs: {
          estop: true,
          safetyCertified: true,
          telemetryInterface: true,
          batteryHours: 4,
          payloadKg: 1,
          dof: 6,
          mtbfHours: 500,
        },
      });
      const evaluation = await evaluate(robot.id, { stage: 'admission' });
      expect(evaluation).toMatchObject({ criteriaSetVersion: 1, passed: true, score: 100 });
      expect(evaluation.results).toHaveLength(7);
    });

    it('lists evaluations across robots by stage, status, outcome and robot, newest first, a vendor only its own', async () => {
      const [vendorA, vendorB] = [await field.factory.vendor(), await field.factory.vendor()];
      const passing = { domains: [domain], specs: { estop: true, payloadKg: 5 } };
      const failing = { domains: [domain], specs: { estop: false, payloadKg: 5 } };
      const ofA = [
        await field.factory.robot({ ...passing, vendorId: vendorA.id }),
        await field.factory.robot({ ...failing, vendorId: vendorA.id }),
      ];
      const ofB = await field.factory.robot({ ...passing, vendorId: vendorB.id });
      const [passedA, failedA, passedB] = [
        await evaluate(ofA[0].id, { stage: 'admission' }),
        await evaluate(ofA[1].id, { stage: 'admission' }),
        await evaluate(ofB.id, { stage: 'admission' }),
      ];
      const ids = (response: { body: { items: Evaluation[] } }) => response.body.items.map((item) => item.id);

      const passed = await operator.get('/evaluations?stage=admission&passed=true&status=completed&limit=500');
      expect(passed.status).toBe(200);
      expect(ids(passed)).toEqual(expect.arrayContaining([passedB.id, passedA.id]));
      expect(ids(passed)).not.toContain(failedA.id);
      expect(passed.body.items.every((item: Evaluation) => item.passed === true && item.stage === 'admission')).toBe(
        true,
      );
      // Newest first: B was evaluated last.
      expect(ids(passed).indexOf(passedB.id)).toBeLessThan(ids(passed).indexOf(passedA.id));
      const failed = await operator.get('/evaluations?passed=false&limit=500');
      expect(ids(failed)).toContain(failedA.id);
      expect(ids(await operator.get('/evaluations?stage=graduation&limit=500'))).not.toContain(passedA.id);
      expect(ids(await operator.get(`/evaluations?robotId=${ofA[1].id}`))).toEqual([failedA.id]);

      const vendor = await field.signIn('vendor', { vendorId: vendorA.id });
      const own = await vendor.get('/evaluations?limit=500');
      expect(own.status).toBe(200);
      expect(ids(own).sort()).toEqual([passedA.id, failedA.id].sort());
      expect((await vendor.get(`/evaluations?robotId=${ofB.id}`)).body.items).toEqual([]);

      // Keyset pages: one at a time, every evaluation once, in the same order.
      const first = await vendor.get('/evaluations?limit=1');
      const second = await vendor.get(`/evaluations?limit=1&cursor=${first.body.nextCursor}`);
      expect([...ids(first), ...ids(second)]).toEqual([failedA.id, passedA.id]);
      expect(second.body.nextCursor).toBeNull();

      const refused = await operator.get('/evaluations?passed=yes');
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'passed', message: expect.any(String) }]);
      expect((await operator.get('/evaluations?robotId=nope')).status).toBe(400);
    });

    it('refuses a draft admission set naming a training metric (422) and a criterion outside the catalog (400)', async () => {
      const body = { name: 'x', stage: 'admission', domain, passScore: 50 };
      const training = await field.admin.post('/criteria-sets', {
        ...body,
        criteria: [criterion('spec', 'spec.estop', 'gte', 1), criterion('hours', 'training.hours', 'gte', 1)],
      });
      expect(training.status).toBe(422);
      expect(training.body.errors).toEqual([{ field: 'criteria[1].metric', message: expect.any(String) }]);
      const unknown = await field.admin.post('/criteria-sets', {
        ...body,
        criteria: [criterion('luck', 'spec.luck!', 'gte', 1)],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        { field: 'criteria[0].metric', message: expect.stringContaining('catalog') },
      ]);
    });

    it('fails the evaluation, with the reason, when its job can never succeed', async () => {
      const line = { stage: 'admission', domain: 'commerce_culture_tourism' };
      const draft = await field.admin.post('/criteria-sets', {
        name: 'written by a newer field',
        ...line,
        passScore: 50,
        criteria: [criterion('future', 'spec.estop', 'gte', 1)],
      });
      // A draft's criteria may change (even in SQL); this one names a metric this field cannot compute.
      await field.sql(`UPDATE criteria SET metric = 'spec.x-ray' WHERE criteria_set_id = $1`, [draft.body.id]);
      await field.admin.post(`/criteria-sets/${draft.body.id}/publish`).expect(200);
      const robot = await field.factory.robot({ domains: [line.domain] });
      const evaluation = await evaluate(robot.id, { stage: 'admission' });
      expect(evaluation).toMatchObject({
        status: 'failed',
        score: null,
        results: [],
        failureReason: 'criterion future names spec.x-ray, which this field cannot compute',
        completedAt: expect.any(String),
      });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('applied');
    });
  });

  describe('criteria sets', () => {
    const draftBody = {
      name: '毕业标准 · 商贸文旅 draft',
      stage: 'graduation',
      domain: 'commerce_culture_tourism',
      passScore: 70,
      criteria: [criterion('hours', 'training.hours', 'gte', 200, { required: true })],
    };

    it('versions drafts per (stage, domain), changes and deletes drafts only', async () => {
      const first = await field.admin.post('/criteria-sets', draftBody);
      expect(first.status).toBe(201);
      // Versions 1 and 2 are the default sets of migrations 0005 and 0013.
      expect(first.body).toMatchObject({ status: 'draft', version: 3, publishedAt: null });
      const second = await field.admin.post('/criteria-sets', { ...draftBody, domain: null });
      expect(second.body.version).toBe(1);
      const patched = await field.admin.patch(`/criteria-sets/${first.body.id}`, {
        passScore: 80,
        criteria: [criterion('lcb', 'task.success_rate_lcb:guide_tour', 'gte', 0.9, { weight: 3 })],
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        passScore: 80,
        criteria: [{ key: 'lcb', metric: 'task.success_rate_lcb:guide_tour', weight: 3, required: false }],
      });
      expect((await field.admin.delete(`/criteria-sets/${second.body.id}`)).status).toBe(204);
      expect((await field.admin.get(`/criteria-sets/${second.body.id}`)).status).toBe(404);
      const drafts = await field.admin.get('/criteria-sets?status=draft&domain=commerce_culture_tourism');
      expect(drafts.body.items.map((set: CriteriaSet) => set.id)).toContain(first.body.id);
    });

    it('never changes a published set: 409 over HTTP, and the database refuses UPDATE and DELETE', async () => {
      const set = await publishSet({ ...draftBody, name: 'published' });
      expect(set).toMatchObject({ status: 'active', publishedAt: expect.any(String) });
      expect((await field.admin.patch(`/criteria-sets/${set.id}`, { passScore: 10 })).status).toBe(409);
      expect((await field.admin.delete(`/criteria-sets/${set.id}`)).status).toBe(409);
      expect((await field.admin.post(`/criteria-sets/${set.id}/publish`)).status).toBe(409);
      await expect(field.sql('UPDATE criteria_sets SET pass_score = 10 WHERE id = $1', [set.id])).rejects.toThrow(
        /a published set never changes/,
      );
      await expect(field.sql('UPDATE criteria SET threshold = 0 WHERE criteria_set_id = $1', [set.id])).rejects.toThrow(
        /never change/,
      );
      await expect(field.sql('DELETE FROM criteria_sets WHERE id = $1', [set.id])).rejects.toThrow(/never deleted/);
      // Superseding is the one change allowed, and only of the status.
      await expect(
        field.sql(`UPDATE criteria_sets SET status = 'superseded', superseded_at = now(), name = 'x' WHERE id = $1`, [
          set.id,
        ]),
      ).rejects.toThrow(/never changes/);
      expect((await field.admin.get(`/criteria-sets/${set.id}`)).body).toEqual(set);
      const active = await field.admin.get(
        '/criteria-sets?stage=graduation&domain=commerce_culture_tourism&status=active',
      );
      expect(active.body.items.map((item: CriteriaSet) => item.id)).toEqual([set.id]);
    });

    it('lists the metric catalog for everyone', async () => {
      const vendor = await field.signIn('vendor');
      const catalog = await vendor.get('/metric-catalog');
      expect(catalog.status).toBe(200);
      const keys = catalog.body.items.map((item: { key: string }) => item.key);
      expect(keys).toEqual(expect.arrayContaining(['spec.<name>', 'task.success_rate_lcb', 'uptime.ratio']));
      expect(catalog.body.items.find((item: { key: string }) => item.key === 'task.success_rate_lcb')).toMatchObject({
        unit: 'ratio 0–1',
        computation: expect.stringContaining('Wilson'),
      });
    });
  });

  describe('durability', () => {
    it('summarises a session whose completion event was lost, when the sweeper runs', async () => {
      const robot = await field.factory.enrolledRobot();
      const bay = await field.factory.bay();
      const booked = await operator.post('/sessions', {
        bayId: bay.id,
        robotIds: [robot.id],
        kind: 'training',
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        endsAt: new Date(Date.now() - 1800_000).toISOString(),
      });
      // Finished behind the field's back: no session.updated event, so no summary job.
      await field.sql(
        `UPDATE training_sessions SET status = 'completed', started_at = now() - interval '40 minutes',
                ended_at = now() - interval '10 minutes' WHERE id = $1`,
        [booked.body.id],
      );
      const pending = await field.admin.get(`/sessions/${booked.body.id}/summary`);
      expect(pending.body).toEqual({
        sessionId: booked.body.id,
        sessionStatus: 'completed',
        status: 'pending',
        robots: [],
      });
      await field.app.get(JobsService).enqueue(SWEEP_SCORING, {}, { jobId: `sweep-${Date.now()}` });
      await waitFor(
        async () => (await field.admin.get(`/sessions/${booked.body.id}/summary`)).body.status === 'ready',
        15_000,
        'the swept summary',
      );
      const { body } = await field.admin.get(`/sessions/${booked.body.id}/summary`);
      expect(body.robots).toEqual([
        expect.objectContaining({
          robotId: robot.id,
          runSeconds: 1800,
          tasks: expect.objectContaining({ attempts: 0 }),
        }),
      ]);
    });

    it('summarises a session again with the samples a robot sends after it ended', async () => {
      const robot = await field.factory.enrolledRobot();
      const socket = await robotSocket(robot.id);
      const bay = await field.factory.bay();
      const { session, summary } = await trainingSession(bay, 'training', [
        {
          id: robot.id,
          socket,
          heartbeats: false,
          telemetry: (startedAt) => taskEvents(startedAt + 20, plays('pick', 2, 0), 'on-time'),
        },
      ]);
      expect(summary.robots[0]).toMatchObject({ tasks: { attempts: 2, successes: 2 }, teleopSamples: 0 });

      // The robot's backlog, from while the session ran, arrives after it was completed and summarised.
      const startedAt = Date.parse(session.startedAt!);
      await send(socket, [
        ...taskEvents(startedAt + 200, plays('pick', 1, 2), 'backlog'),
        ...Array.from({ length: 5 }, (_, i) => ({ ts: startedAt + 300 + i, channel: 'teleop', data: { i } })),
      ]);
      await waitFor(
        async () => {
          const { body } = await field.admin.get(`/sessions/${session.id}/summary`);
          return (body as SessionSummary).robots[0]?.tasks.attempts === 5;
        },
        15_000,
        'the summary with the late samples',
      );
      const { body } = await field.admin.get(`/sessions/${session.id}/summary`);
      expect((body as SessionSummary).robots[0]).toMatchObject({
        tasks: { attempts: 5, successes: 3, failures: 2 },
        teleopSamples: 5,
      });
    });

    it('exposes queue depths and job durations of the scoring queues in /metrics', async () => {
      const metrics = await field.anonymous.get('/metrics');
      expect(metrics.text).toMatch(/field_queue_jobs\{queue="scoring",state="completed"\} [1-9]/);
      expect(metrics.text).toMatch(/field_queue_jobs\{queue="summaries",state="waiting"\} \d/);
      expect(metrics.text).toMatch(
        /field_job_duration_seconds_count\{queue="scoring",job="scoring.evaluate",outcome="completed"\} [1-9]/,
      );
      expect(metrics.text).toMatch(
        /field_job_duration_seconds_count\{queue="summaries",job="scoring.summarize-session",outcome="completed"\} [1-9]/,
      );
    });

    it('answers 422 when no active set applies', async () => {
      // As a database administrator could: retire every admission set behind the guard's back.
      const client = new Client({ connectionString: field.config.databaseUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        await client.query(
          `UPDATE criteria_sets SET status = 'superseded', superseded_at = now() WHERE stage = 'admission' AND status = 'active'`,
        );
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      const robot = await field.factory.robot();
      const refused = await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'admission' });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/no active admission criteria set/);
    });
  });
});
