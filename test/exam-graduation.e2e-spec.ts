import { createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CORE_TASKS, CriteriaSet, Evaluation, Exam, GraduationReport } from '@app/contract';
import { examine, TEST_PROTOCOL } from './support/exams';
import { graduateThroughTheField } from './support/graduate';
import { Api, startTestApp, TestApp } from './support/test-app';

type Entity = Record<string, any> & { id: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

const DOMAIN = 'industrial_manufacturing';
const TRAINED = { successes: 9, failures: 1, passRate: 0.8 };

describe('graduation by exam', () => {
  let field: TestApp;
  let operator: Api;

  beforeAll(async () => {
    field = await startTestApp();
    operator = await field.signIn('operator');
  });

  afterAll(async () => {
    await field.close();
  });

  const robot = async (): Promise<Entity> => (await field.factory.enrolledRobot({ domains: [DOMAIN] })) as Entity;
  const criterion = (evaluation: Evaluation, key: string) => evaluation.results.find((result) => result.key === key)!;

  it('the default graduation set of each domain requires a passed exam of its core task, in a new version', async () => {
    for (const [domain, task] of Object.entries(CORE_TASKS)) {
      const { body } = await field.admin.get(`/criteria-sets?stage=graduation&domain=${domain}`);
      const line = body.items as CriteriaSet[];
      expect(line.map((set) => [set.version, set.status])).toEqual([
        [2, 'active'],
        [1, 'superseded'],
      ]);
      const [current, previous] = line;
      expect(current.criteria.slice(0, -1)).toEqual(previous.criteria);
      expect(current.criteria.at(-1)).toEqual({
        key: 'core_task_exam',
        dimension: 'technical_leadership',
        metric: `exam.passed:${task}`,
        op: 'gte',
        threshold: 1,
        weight: 3,
        required: true,
      });
      expect(current).toMatchObject({ name: previous.name, passScore: previous.passScore });
    }
  });

  it('passes a graduation evaluation needing exam.passed only with a passed exam, and records the exam it used', async () => {
    const examined = await robot();
    const { evaluation, exam } = await graduateThroughTheField(field, operator, examined, TRAINED);
    expect(evaluation).toMatchObject({ status: 'completed', passed: true });
    expect(criterion(evaluation, 'exam')).toMatchObject({ metric: 'exam.passed:pick_place', value: 1, passed: true });
    expect(criterion(evaluation, 'exam').explanation).toContain(
      `exam ${exam!.id} of pick_place passed after 11 trials`,
    );
    expect(evaluation.evidence!.exams).toEqual([
      {
        examId: exam!.id,
        taskKey: 'pick_place',
        protocol: TEST_PROTOCOL,
        decision: 'passed',
        trials: 11,
        ledgerHead: exam!.ledgerHead,
      },
    ]);
  });

  it('fails it with a failed exam', async () => {
    const { evaluation, exam } = await graduateThroughTheField(field, operator, await robot(), {
      ...TRAINED,
      exam: 'failed',
    });
    expect(exam).toMatchObject({ status: 'failed', trials: expect.any(Array) });
    expect(evaluation).toMatchObject({ status: 'completed', passed: false });
    expect(criterion(evaluation, 'exam')).toMatchObject({ value: 0, passed: false, required: true });
    expect(criterion(evaluation, 'rate')).toMatchObject({ passed: true });
    expect(evaluation.evidence!.exams).toEqual([expect.objectContaining({ examId: exam!.id, decision: 'failed' })]);
  });

  it('fails it without an exam, and counts only a decided one', async () => {
    const unexamined = await robot();
    // An exam still open is no exam yet.
    const { body: open } = await operator.post('/exams', {
      robotId: unexamined.id,
      taskKey: 'pick_place',
      protocol: TEST_PROTOCOL,
    });
    await operator.post(`/exams/${open.id}/trials`, { outcome: 'success' }).expect(201);
    const { evaluation } = await graduateThroughTheField(field, operator, unexamined, { ...TRAINED, exam: 'none' });
    expect(evaluation).toMatchObject({ status: 'completed', passed: false });
    expect(criterion(evaluation, 'exam')).toMatchObject({ value: null, passed: false });
    expect(criterion(evaluation, 'exam').explanation).toContain('no decided exam of pick_place');
    expect(evaluation.evidence!.exams).toEqual([]);
  });

  it('reads the latest decided exam: a pass after a failure counts', async () => {
    const retaken = await robot();
    await examine(operator, retaken.id, 'pick_place', 'failed');
    const { evaluation, exam } = await graduateThroughTheField(field, operator, retaken, TRAINED);
    expect(evaluation.passed).toBe(true);
    expect(evaluation.evidence!.exams.map((used) => used.examId)).toEqual([exam!.id]);
  });

  describe('the signed report', () => {
    let graduate: Entity;
    let exam: Exam;
    let report: GraduationReport;

    beforeAll(async () => {
      graduate = await robot();
      const graduated = await graduateThroughTheField(field, operator, graduate, TRAINED);
      exam = graduated.exam!;
      const issued = await field.admin.post(`/robots/${graduate.id}/graduation-reports`, {
        evaluationId: graduated.evaluation.id,
      });
      expect(issued.status).toBe(201);
      report = issued.body as GraduationReport;
    });

    it('carries the exam it relied on, and verifies with the public key', async () => {
      expect(report.document).toMatchObject({
        version: 2,
        exams: [
          {
            examId: exam.id,
            taskKey: 'pick_place',
            protocol: TEST_PROTOCOL,
            decision: 'passed',
            trials: 11,
            ledgerHead: exam.ledgerHead,
          },
        ],
      });
      const { body: key } = await field.anonymous.get('/api/v1/verify/public-key');
      const signed = Buffer.from(canonicalize(report.document) as string);
      expect(verify(null, signed, createPublicKey(key.publicKey), Buffer.from(report.signature, 'base64'))).toBe(true);
      expect((await field.anonymous.get(`/api/v1/verify/${report.number}`)).body).toMatchObject({ valid: true });
      // What the report signed is what GET /exams/:id recomputes.
      const { body: current } = await operator.get(`/exams/${exam.id}`);
      expect(current).toMatchObject({ ledgerHead: exam.ledgerHead, ledgerIntact: true, status: 'passed' });
    });

    it('shows the exam on the verification page with a link to recompute it, and says when its ledger breaks', async () => {
      const page = async () => (await field.anonymous.get(`/verify/${report.number}`).set('Accept', 'text/html')).text;
      const before = await page();
      expect(before).toContain('考核 Exams');
      expect(before).toContain(`<a href="/api/v1/exams/${exam.id}">`);
      expect(before).toContain(exam.ledgerHead);
      expect(before).toContain('账本一致 ledger recomputes');

      await tamper(exam.id);
      const after = await page();
      expect(after).toContain('账本不符 ledger does not recompute');
      expect((await operator.get(`/exams/${exam.id}`)).body).toMatchObject({ ledgerIntact: false });
    });

    it('is refused for an evaluation whose exam no longer recomputes', async () => {
      const other = await robot();
      const graduated = await graduateThroughTheField(field, operator, other, TRAINED);
      expect(graduated.evaluation.passed).toBe(true);
      await tamper(graduated.exam!.id);
      const refused = await field.admin.post(`/robots/${other.id}/graduation-reports`, {
        evaluationId: graduated.evaluation.id,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain(`the ledger of exam ${graduated.exam!.id}`);
      expect((await field.admin.get(`/robots/${other.id}`)).body.status).toBe('enrolled');
    });
  });

  /** Changes a stored outcome behind the field's back, past any guard, as an intruder with SQL would. */
  async function tamper(examId: string): Promise<void> {
    await field.sql(
      `BEGIN; SET LOCAL session_replication_role = replica;
       UPDATE exam_trials SET outcome = 'failure' WHERE exam_id = '${examId}' AND index = 3; COMMIT;`,
    );
  }
});
