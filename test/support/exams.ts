import { CORE_TASKS, Domain, Exam, ExamProtocol, RecordedTrial } from '@app/contract';
import type { Api } from './test-app';

/** The protocol the tests examine with: 11 straight successes pass, 5 straight failures fail. */
export const TEST_PROTOCOL: ExamProtocol = { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 50 };

/**
 * Examines a robot on a task the way the field does: an examiner opens the exam with its protocol,
 * then records trials (all successes to pass, all failures to fail) until the rule decides.
 */
export async function examine(
  examiner: Api,
  robotId: string,
  taskKey: string,
  verdict: 'passed' | 'failed',
): Promise<Exam> {
  const opened = await examiner.post('/exams', { robotId, taskKey, protocol: TEST_PROTOCOL });
  if (opened.status !== 201) throw new Error(`POST /exams answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const outcome = verdict === 'passed' ? 'success' : 'failure';
  for (let trial = 1; trial <= TEST_PROTOCOL.maxTrials; trial++) {
    const recorded = await examiner.post(`/exams/${opened.body.id}/trials`, { outcome });
    if (recorded.status !== 201)
      throw new Error(`a trial answered ${recorded.status}: ${JSON.stringify(recorded.body)}`);
    const { decision } = recorded.body as RecordedTrial;
    if (decision === verdict) return (await examiner.get(`/exams/${opened.body.id}`)).body as Exam;
    if (decision !== 'continue') throw new Error(`the exam ended ${decision}, not ${verdict}`);
  }
  throw new Error(`the exam did not end ${verdict} within ${TEST_PROTOCOL.maxTrials} trials`);
}

/** Examines the robot on its domain's core task, which the default graduation sets require a passed exam of. */
export const examineOnCoreTask = (
  examiner: Api,
  robot: { id: string; domains: string[] },
  verdict: 'passed' | 'failed',
) => examine(examiner, robot.id, CORE_TASKS[robot.domains[0] as Domain], verdict);
