import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Exam, ExamTrial, WatchAck } from '@app/contract';
import { ExamsService } from '@app/exams';
import type { Socket } from 'socket.io-client';
import { collect, connect, emitWithAck, waitFor } from './support/sockets';
import { Api, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';
const PROTOCOL = { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 40 };
/** 25 successes and 25 failures in any order stay between the bounds: 25 · ln(0.54/0.46) ≈ 4.01 < ln(99) ≈ 4.60. */
const WIDE = { method: 'sprt', p0: 0.46, p1: 0.54, alpha: 0.01, beta: 0.01, maxTrials: 60 };

/** The contract's formula, recomputed with nothing but node:crypto and `canonicalize`. */
const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(canonicalize(value) ?? '')
    .digest('hex');

function recompute(exam: Exam): boolean {
  const digest = sha256({
    examId: exam.id,
    robotId: exam.robotId,
    taskKey: exam.taskKey,
    protocol: exam.protocol,
    seed: exam.seed,
  });
  if (digest !== exam.protocolDigest) return false;
  let prevHash = digest;
  for (const trial of exam.trials) {
    const hash = sha256({
      examId: exam.id,
      index: trial.index,
      outcome: trial.outcome,
      recordedAt: trial.recordedAt,
      prevHash,
    });
    if (hash !== trial.hash) return false;
    prevHash = hash;
  }
  return prevHash === exam.ledgerHead;
}

describe('graduation exams', () => {
  let field: TestApp;
  let operator: Api;
  let engineer: Api;
  let robot: { id: string; vendorId: string };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    field = await startTestApp();
    operator = await field.signIn('operator');
    engineer = await field.signIn('engineer');
    robot = (await field.factory.enrolledRobot()) as { id: string; vendorId: string };
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await field.close();
  });

  const openExam = async (body: Record<string, unknown> = {}): Promise<Exam> => {
    const response = await operator.post('/exams', {
      robotId: robot.id,
      taskKey: 'pick_place',
      protocol: PROTOCOL,
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body as Exam;
  };
  const record = (exam: Exam, outcome: 'success' | 'failure', api: Api = engineer, extra: object = {}) =>
    api.post(`/exams/${exam.id}/trials`, { outcome, ...extra });
  const read = async (id: string): Promise<Exam> => {
    const response = await field.admin.get(`/exams/${id}`);
    expect(response.status).toBe(200);
    return response.body as Exam;
  };

  describe('the task catalogue', () => {
    it('holds the demo’s tasks with their variations', async () => {
      const response = await engineer.get('/tasks?domain=industrial_manufacturing');
      expect(response.status).toBe(200);
      const keys = (response.body.items as { key: string }[]).map((task) => task.key);
      expect(keys).toEqual(
        expect.arrayContaining(['pick_place', 'machine_tending', 'assemble_part', 'screw_drive', 'inspect_gauge']),
      );
      expect(keys).not.toContain('guide_tour');
      const all = await engineer.get('/tasks');
      expect(all.body.items).toHaveLength(11);
      for (const task of all.body.items as { variations: Record<string, unknown[]> }[]) {
        expect(Object.keys(task.variations).length).toBeGreaterThanOrEqual(2);
      }
    });

    it('takes new tasks from an admin only, once per key', async () => {
      const body = {
        key: 'open_door',
        domain: 'social_livelihood',
        name: '开门 Open a door',
        instruction: 'Open the door.',
        variations: { handle: ['lever', 'knob'] },
      };
      expect((await operator.post('/tasks', body)).status).toBe(403);
      const created = await field.admin.post('/tasks', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject(body);
      expect((await field.admin.post('/tasks', body)).status).toBe(409);
    });
  });

  describe('creating', () => {
    it('fixes the protocol and draws the same plan from the same seed', async () => {
      const first = await openExam({ seed: 42 });
      expect(first).toMatchObject({ status: 'open', seed: 42, trials: [], llr: 0, ledgerIntact: true, interval: null });
      expect(first.ledgerHead).toBe(first.protocolDigest);
      expect(first.bounds.pass).toBeCloseTo(Math.log(19), 12);
      expect(first.bounds.fail).toBeCloseTo(Math.log(0.05 / 0.95), 12);
      expect(first.plan).toHaveLength(PROTOCOL.maxTrials);
      expect(Object.keys(first.plan[0].conditions).sort()).toEqual(['lighting', 'object_placement', 'part']);
      const second = await openExam({ seed: 42 });
      expect(second.plan).toEqual(first.plan);
      expect(second.id).not.toBe(first.id);
      const other = await openExam({ seed: 43 });
      expect(other.plan).not.toEqual(first.plan);
      expect(recompute(first)).toBe(true);
    });

    it('chooses a seed when none is given', async () => {
      const exam = await openExam();
      expect(Number.isInteger(exam.seed)).toBe(true);
      expect(exam.seed).toBeGreaterThanOrEqual(0);
      expect(exam.seed).toBeLessThan(2 ** 31);
    });
  });

  describe('the protocol', () => {
    it('cannot change through the API (409)', async () => {
      const exam = await openExam();
      const response = await operator.patch(`/exams/${exam.id}`, { protocol: { ...PROTOCOL, p0: 0.5 } });
      expect(response.status).toBe(409);
    });

    it('cannot change in SQL, nor can an exam be deleted', async () => {
      const exam = await openExam({ seed: 5 });
      for (const statement of [
        'UPDATE exams SET p0 = 0.5 WHERE id = $1',
        'UPDATE exams SET max_trials = 1000 WHERE id = $1',
        'UPDATE exams SET seed = 6 WHERE id = $1',
        "UPDATE exams SET task_key = 'fold_laundry' WHERE id = $1",
        "UPDATE exams SET protocol_digest = repeat('0', 64) WHERE id = $1",
        'DELETE FROM exams WHERE id = $1',
      ]) {
        await expect(field.sql(statement, [exam.id])).rejects.toThrow(/never/);
      }
      expect(await read(exam.id)).toMatchObject({ seed: 5, protocol: PROTOCOL, ledgerIntact: true });
    });

    it('keeps a decided exam’s decision, and the trials append-only', async () => {
      const exam = await openExam();
      for (let i = 0; i < 5; i++) expect((await record(exam, 'failure')).status).toBe(201);
      await expect(field.sql("UPDATE exams SET status = 'passed' WHERE id = $1", [exam.id])).rejects.toThrow(
        /decided exam never changes/,
      );
      await expect(
        field.sql("UPDATE exam_trials SET outcome = 'success' WHERE exam_id = $1", [exam.id]),
      ).rejects.toThrow(/append-only/);
      await expect(field.sql('DELETE FROM exam_trials WHERE exam_id = $1', [exam.id])).rejects.toThrow(/append-only/);
    });
  });

  describe('trials', () => {
    it('decide by the contract’s arithmetic: 4 failures continue, the 5th fails, then 409', async () => {
      const exam = await openExam();
      const watcher = await connect(field.url, '/watch', field.admin.token!);
      sockets.push(watcher);
      const heard = collect<Exam>(watcher, 'exam.decided');
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });

      const answers: ExamTrial[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await record(exam, 'failure');
        expect(response.status).toBe(201);
        answers.push(response.body as ExamTrial);
      }
      expect(answers.map((trial) => trial.decision)).toEqual([
        'continue',
        'continue',
        'continue',
        'continue',
        'failed',
      ]);
      expect(answers.map((trial) => trial.index)).toEqual([1, 2, 3, 4, 5]);
      expect(Math.abs(answers[4].llr - 5 * Math.log(0.2 / 0.4))).toBeLessThan(1e-9);
      expect((await record(exam, 'success')).status).toBe(409);

      const decided = await read(exam.id);
      expect(decided).toMatchObject({ status: 'failed', ledgerIntact: true });
      expect(decided.decidedAt).toBe(answers[4].recordedAt);
      expect(decided.interval!.lower).toBe(0);
      expect(decided.interval!.upper).toBeCloseTo(0.5218, 4);
      await waitFor(() => heard.length > 0, 5_000, 'exam.decided on /watch');
      expect(heard[0]).toMatchObject({ id: exam.id, status: 'failed', robotId: robot.id });
    });

    it('11 successes pass', async () => {
      const exam = await openExam();
      const decisions: string[] = [];
      for (let i = 0; i < 11; i++) decisions.push((await record(exam, 'success', operator)).body.decision);
      expect(decisions.slice(0, 10).every((decision) => decision === 'continue')).toBe(true);
      expect(decisions[10]).toBe('passed');
      const passed = await read(exam.id);
      expect(passed.interval!.lower).toBeCloseTo(0.7151, 4);
      expect(passed.interval!.upper).toBe(1);
      const [latest] = await field.app.get(ExamsService).latestDecided(robot.id, ['pick_place', 'guide_tour']);
      expect(latest).toMatchObject({ id: exam.id, status: 'passed', taskKey: 'pick_place' });
    });

    it('end as inconclusive after maxTrials between the bounds', async () => {
      const exam = await openExam({ protocol: { ...PROTOCOL, maxTrials: 2 } });
      expect((await record(exam, 'success')).body.decision).toBe('continue');
      expect((await record(exam, 'failure')).body.decision).toBe('inconclusive');
      expect((await read(exam.id)).status).toBe('inconclusive');
      expect((await record(exam, 'failure')).status).toBe(409);
    });

    it('numbers 50 concurrent trials 1..50, each exactly once', async () => {
      const exam = await openExam({ protocol: WIDE });
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          record(exam, i % 2 === 0 ? 'success' : 'failure', i % 3 ? engineer : operator),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array<number>(50).fill(201));
      const indexes = responses.map((response) => (response.body as ExamTrial).index).sort((a, b) => a - b);
      expect(indexes).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const stored = await read(exam.id);
      expect(stored.trials.map((trial) => trial.index)).toEqual(indexes);
      expect(stored).toMatchObject({ status: 'open', ledgerIntact: true });
      expect(recompute(stored)).toBe(true);
    });

    it('answer a repeat with the same Idempotency-Key once', async () => {
      const exam = await openExam();
      const key = `exam-trial-${exam.id}`;
      const first = await record(exam, 'success').set('Idempotency-Key', key);
      const again = await record(exam, 'success').set('Idempotency-Key', key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect((await read(exam.id)).trials).toHaveLength(1);
    });

    it('name a session of the robot as evidence, or answer 422', async () => {
      const exam = await openExam();
      const book = async (robotId: string, hour: number) => {
        const bay = await field.factory.bay();
        const startsAt = Date.parse('2026-10-01T08:00:00Z') + hour * 3_600_000;
        const response = await operator.post('/sessions', {
          bayId: bay.id,
          robotIds: [robotId],
          kind: 'training',
          taskKeys: ['pick_place'],
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 1_800_000).toISOString(),
        });
        expect(response.status).toBe(201);
        return response.body as { id: string };
      };
      const own = await book(robot.id, 1);
      const other = await book(((await field.factory.enrolledRobot()) as { id: string }).id, 2);
      expect((await record(exam, 'success', engineer, { sessionId: UNKNOWN_ID })).status).toBe(422);
      expect((await record(exam, 'success', engineer, { sessionId: other.id })).status).toBe(422);
      const response = await record(exam, 'success', engineer, { sessionId: own.id, attemptId: 'a-1', note: '稳' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ index: 1, sessionId: own.id, attemptId: 'a-1', note: '稳' });
    });

    it('are refused on an unknown exam (404)', async () => {
      expect((await engineer.post(`/exams/${UNKNOWN_ID}/trials`, { outcome: 'success' })).status).toBe(404);
    });
  });

  describe('the ledger', () => {
    it('recomputes from the API alone', async () => {
      const exam = await openExam();
      for (const outcome of ['success', 'failure', 'success'] as const) await record(exam, outcome);
      const stored = await read(exam.id);
      expect(stored.trials).toHaveLength(3);
      expect(recompute(stored)).toBe(true);
      expect(stored.ledgerHead).toBe(stored.trials[2].hash);
    });

    it('shows a tampered outcome: GET says the ledger is broken', async () => {
      const exam = await openExam();
      for (const outcome of ['success', 'success', 'failure'] as const) await record(exam, outcome);
      await field.sql('ALTER TABLE exam_trials DISABLE TRIGGER exam_trials_append_only_rows');
      try {
        await field.sql("UPDATE exam_trials SET outcome = 'success' WHERE exam_id = $1 AND index = 3", [exam.id]);
      } finally {
        await field.sql('ALTER TABLE exam_trials ENABLE TRIGGER exam_trials_append_only_rows');
      }
      const tampered = await read(exam.id);
      expect(tampered.ledgerIntact).toBe(false);
      expect(recompute(tampered)).toBe(false);
    });
  });

  describe('refusals', () => {
    it('answers 422 for a robot that is not enrolled or does not exist, and a task not in the catalogue', async () => {
      const applied = (await field.factory.robot()) as { id: string };
      for (const body of [
        { robotId: applied.id, taskKey: 'pick_place' },
        { robotId: UNKNOWN_ID, taskKey: 'pick_place' },
        { robotId: robot.id, taskKey: 'juggle' },
      ]) {
        const response = await operator.post('/exams', { ...body, protocol: PROTOCOL });
        expect(response.status).toBe(422);
      }
    });

    it('answers 400 for a protocol out of range', async () => {
      for (const protocol of [
        { ...PROTOCOL, p0: 0.8, p1: 0.6 },
        { ...PROTOCOL, alpha: 0.3 },
        { ...PROTOCOL, maxTrials: 1001 },
        { ...PROTOCOL, method: 'fixed' },
      ]) {
        const response = await operator.post('/exams', { robotId: robot.id, taskKey: 'pick_place', protocol });
        expect(response.status).toBe(400);
      }
      expect(
        (await operator.post('/exams', { robotId: robot.id, taskKey: 'pick_place', protocol: PROTOCOL, seed: -1 }))
          .status,
      ).toBe(400);
    });
  });

  describe('who sees and records what', () => {
    it('lets a vendor read its own robots’ exams only, and record none', async () => {
      const exam = await openExam();
      const own = await field.signIn('vendor', { vendorId: robot.vendorId });
      const stranger = await field.signIn('vendor');
      expect((await own.get(`/exams/${exam.id}`)).status).toBe(200);
      expect((await stranger.get(`/exams/${exam.id}`)).status).toBe(404);
      const ownList = await own.get(`/exams?robotId=${robot.id}&limit=100`);
      expect(ownList.status).toBe(200);
      expect((ownList.body.items as Exam[]).map((item) => item.id)).toContain(exam.id);
      expect((await stranger.get('/exams?limit=100')).body.items).toEqual([]);
      expect((await own.post(`/exams/${exam.id}/trials`, { outcome: 'success' })).status).toBe(403);
      expect((await record(exam, 'success', engineer)).status).toBe(201);
    });

    it('lists by status and pages newest first', async () => {
      const first = await field.admin.get('/exams?status=failed&limit=1');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.items[0].status).toBe('failed');
      const all = await field.admin.get(`/exams?robotId=${robot.id}&limit=2`);
      const next = await field.admin.get(`/exams?robotId=${robot.id}&limit=2&cursor=${all.body.nextCursor}`);
      expect(next.status).toBe(200);
      expect(next.body.items[0].id < all.body.items[1].id).toBe(true);
    });
  });
});
