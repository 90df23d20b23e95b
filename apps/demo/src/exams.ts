import { CORE_TASKS, Exam, ExamProtocol, RecordedTrial } from '@app/contract';
import { hashString, Random } from '../../robot-sim/src/generator/random';
import type { FieldClient } from './field-client';
import type { Student } from './students';

/** The demo's exam: H0 p = 0.6 against H1 p = 0.8, 5 % error each way. */
export const DEMO_PROTOCOL: ExamProtocol = { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 60 };

/**
 * Examines a robot on its domain's core task as an examiner would: the exam and its protocol first,
 * then one judged trial after another until Wald's rule decides. Outcomes are drawn, seeded, from
 * the robot's skill at the end of the term, so `--seed` replays them.
 */
export async function examine(examiner: FieldClient, student: Student, seed: string): Promise<Exam> {
  const opened = await examiner.post<Exam>('/exams', {
    robotId: student.robot.id,
    taskKey: CORE_TASKS[student.spec.domain],
    protocol: DEMO_PROTOCOL,
    seed: hashString(`${seed}:exam-plan:${student.spec.key}`) & 0x7fffffff,
  });
  const judge = new Random(`${seed}:exam:${student.spec.key}`);
  const skill = student.spec.skill[1];
  for (;;) {
    const outcome = judge.chance(skill) ? 'success' : 'failure';
    const trial = await examiner.post<RecordedTrial>(`/exams/${opened.id}/trials`, { outcome });
    if (trial.decision !== 'continue') return examiner.get<Exam>(`/exams/${opened.id}`);
  }
}

const DECISIONS: Record<Exam['status'], string> = {
  open: '进行中 open',
  passed: '通过 passed',
  failed: '未通过 failed',
  inconclusive: '无结论 inconclusive',
};

/** One line per exam: the task, the decision and how many trials it took. */
export function describeExam(exam: Exam): string {
  const interval = exam.interval ? `, success rate ≥ ${exam.interval.lower.toFixed(2)} (95 %)` : '';
  return `${exam.taskKey}: ${DECISIONS[exam.status]} after ${exam.trials.length} trials${interval}`;
}
