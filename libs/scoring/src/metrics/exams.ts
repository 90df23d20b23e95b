import { Exam, ExamMetric, parseMetricKey, ReportExam } from '@app/contract';
import { formatNumber, Measured, noData, plural } from './measured';

/** What the exam metrics read of an exam. */
export type ExamRecord = Pick<
  Exam,
  'id' | 'taskKey' | 'status' | 'protocol' | 'trials' | 'ledgerHead' | 'ledgerIntact' | 'decidedAt' | 'interval'
>;

/**
 * `exam.passed` (1 passed, 0 failed or inconclusive) and `exam.success_rate_lcb` (the Clopper–Pearson
 * lower bound at the stop) of the task's exam among `latest`, the robot's latest decided exam of each
 * task (which ExamsService.latestDecided picks). An exam whose ledger no longer recomputes has no
 * value: its trials cannot be trusted.
 */
export function examMetric(metric: ExamMetric, latest: readonly ExamRecord[], taskKey: string): Measured {
  const exam = latest.find((candidate) => candidate.taskKey === taskKey);
  if (!exam) return noData(`no decided exam of ${taskKey}`);
  if (!exam.ledgerIntact) return noData(`the trial ledger of exam ${exam.id} of ${taskKey} does not recompute`);
  const { p0, p1, alpha, beta } = exam.protocol;
  const rule = `SPRT p0 ${p0}, p1 ${p1}, α ${alpha}, β ${beta}`;
  const stop = `after ${plural(exam.trials.length, 'trial')}`;
  const successes = exam.trials.filter((trial) => trial.outcome === 'success').length;
  switch (metric) {
    case 'exam.passed':
      return {
        value: exam.status === 'passed' ? 1 : 0,
        basis: `exam ${exam.id} of ${taskKey} ${exam.status} ${stop} (${rule})`,
      };
    case 'exam.success_rate_lcb':
      if (exam.interval === null) return noData(`exam ${exam.id} of ${taskKey} has no interval`);
      return {
        value: exam.interval.lower,
        basis:
          `Clopper–Pearson 95 % lower bound of ${successes} successes in ${plural(exam.trials.length, 'trial')} ` +
          `of exam ${exam.id} of ${taskKey}, ${exam.status} (${rule}; upper bound ${formatNumber(exam.interval.upper)})`,
      };
  }
}

/** The tasks whose exams these metric keys name, once each, in order. */
export function examTaskKeys(metrics: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const metric of metrics) {
    const ref = parseMetricKey(metric);
    if (ref?.kind === 'exam') keys.add(ref.taskKey);
  }
  return [...keys];
}

/** What an evaluation records, and a graduation report carries, of each exam it used. */
export function examEvidence(exam: ExamRecord): ReportExam {
  return {
    examId: exam.id,
    taskKey: exam.taskKey,
    protocol: exam.protocol,
    decision: exam.status,
    trials: exam.trials.length,
    ledgerHead: exam.ledgerHead,
  };
}
