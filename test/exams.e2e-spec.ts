import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Exam, ExamTrial } from '@app/contract';
import { Api, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';
const PROTOCOL = { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 40 };
/** Alternating outcomes never decide within 50 trials: the LLR stays in ln(0.55/0.45)+ln(0.45/0.55) steps of 0. */
const WIDE = { method: 'sprt', p0: 0.45, p1: 0.55, alpha: 0.05, beta: 0.05, maxTrials: 60 };

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

  beforeAll(async () => {
    field = await startTestApp();
    operator = await field.signIn('operator');
    engineer = await field.signIn('engineer');
    robot = (await field.factory.enrolledRobot()) as { id: string; vendorId: string };
  });

  afterAll(async () => {
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
});
