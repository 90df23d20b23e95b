import type { Exam, PlannedTrial } from '@app/contract';

/** The trial the examiner is to record next, with its planned initial conditions; null once decided. */
export function nextTrial(exam: Pick<Exam, 'status' | 'plan' | 'trials'>): PlannedTrial | null {
  if (exam.status !== 'open') return null;
  const index = exam.trials.length + 1;
  return exam.plan.find((planned) => planned.index === index) ?? { index, conditions: {} };
}

/**
 * The Idempotency-Key of recording trial `index`: a second tap while the first is under way, or a
 * retry after a lost answer, repeats the key and gets the first trial back instead of a second one.
 */
export const trialKey = (examId: string, index: number): string => `exam-${examId}-trial-${index}`;

/** uPlot's columns for the LLR path: trial index, the LLR after it (0 before the first), and both bounds. */
export function llrPath(exam: Pick<Exam, 'trials' | 'bounds' | 'protocol'>): (number | null)[][] {
  const trials = [...exam.trials].sort((a, b) => a.index - b.index);
  // The axis spans the whole protocol, so the path's room to run is visible from the first trial.
  const last = Math.max(trials.length, Math.min(exam.protocol.maxTrials, trials.length + 10));
  const indexes = Array.from({ length: last + 1 }, (_, index) => index);
  const path = [0, ...trials.map((trial) => trial.llr)];
  return [
    indexes,
    indexes.map((index) => (index < path.length ? path[index] : null)),
    indexes.map(() => exam.bounds.pass),
    indexes.map(() => exam.bounds.fail),
  ];
}
