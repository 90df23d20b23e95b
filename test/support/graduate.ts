import { CORE_TASKS, CriteriaSet, Domain, Evaluation, Exam, Session, SessionSummary } from '@app/contract';
import { examine } from './exams';
import { connect, emitWithAck, sleep, waitFor } from './sockets';
import type { Api, TestApp } from './test-app';

type Entity = Record<string, any> & { id: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Brings a robot to a completed, passed graduation evaluation the honest way: a device token, a real
 * session in which its socket reports task attempts, the summary job, an exam of its domain's core
 * task, a published graduation set for its domain that requires that exam passed (as the default
 * sets do), and the evaluation job. `exam` says how the exam ends (`none`: the robot is not examined).
 */
export async function graduateThroughTheField(
  field: TestApp,
  operator: Api,
  robot: Entity,
  options: { successes: number; failures: number; passRate: number; exam?: 'passed' | 'failed' | 'none' },
): Promise<{ evaluation: Evaluation; session: Session; set: CriteriaSet; exam: Exam | null }> {
  const domain = robot.domains[0] as Domain;
  const coreTask = CORE_TASKS[domain];
  const verdict = options.exam ?? 'passed';
  const { body: token } = await field.admin.post(`/robots/${robot.id}/device-token`);
  const socket = await connect(field.url, '/robot', token.token as string);
  try {
    const bay = await field.factory.bay({ domain, mode: 'physical', capacity: 2 });
    const now = Date.now();
    const { body: booked } = await operator.post('/sessions', {
      bayId: bay.id,
      robotIds: [robot.id],
      kind: 'training',
      taskKeys: ['pick_place'],
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    });
    const { body: started } = await operator.post(`/sessions/${booked.id}/start`);
    await sleep(150);
    const from = Date.parse(started.startedAt) + 10;
    const outcomes = [...Array(options.successes).fill('success'), ...Array(options.failures).fill('failure')];
    const samples = outcomes.flatMap((outcome, i) => [
      { ts: from + i * 20, channel: 'task', data: { event: 'start', taskKey: 'pick_place', attemptId: `a${i}` } },
      { ts: from + i * 20 + 10, channel: 'task', data: { event: outcome, taskKey: 'pick_place', attemptId: `a${i}` } },
    ]);
    const ack = await emitWithAck<{ ok: boolean }>(socket, 'telemetry', { seq: 1, samples });
    if (!ack.ok) throw new Error(`telemetry refused: ${JSON.stringify(ack)}`);
    const { body: session } = await operator.post(`/sessions/${booked.id}/complete`);
    await waitFor(
      async () => ((await field.admin.get(`/sessions/${booked.id}/summary`)).body as SessionSummary).status === 'ready',
      20_000,
      'the session summary',
    );
    const draft = await field.admin.post('/criteria-sets', {
      name: `毕业标准 · 测试 ${Date.now()}`,
      stage: 'graduation',
      domain,
      passScore: 50,
      criteria: [
        {
          key: 'attempts',
          dimension: 'industry_fit',
          metric: 'task.attempts',
          op: 'gte',
          threshold: 1,
          weight: 1,
          required: true,
        },
        {
          key: 'rate',
          dimension: 'technical_leadership',
          metric: 'task.success_rate',
          op: 'gte',
          threshold: options.passRate,
          weight: 3,
          required: true,
        },
        {
          key: 'exam',
          dimension: 'technical_leadership',
          metric: `exam.passed:${coreTask}`,
          op: 'gte',
          threshold: 1,
          weight: 1,
          required: true,
        },
      ],
    });
    const { body: set } = await field.admin.post(`/criteria-sets/${draft.body.id}/publish`);
    const exam = verdict === 'none' ? null : await examine(operator, robot.id, coreTask, verdict);
    const { body: queued } = await operator.post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' });
    let evaluation = queued as Evaluation;
    await waitFor(
      async () => {
        evaluation = (await field.admin.get(`/evaluations/${queued.id}`)).body as Evaluation;
        return evaluation.status === 'completed' || evaluation.status === 'failed';
      },
      20_000,
      'the graduation evaluation',
    );
    return { evaluation, session: session as Session, set: set as CriteriaSet, exam };
  } finally {
    socket.close();
  }
}
