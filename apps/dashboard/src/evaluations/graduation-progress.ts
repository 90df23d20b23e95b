import type { CriteriaSet, CriterionOp, Domain, Evaluation, SessionSummary } from '@app/contract';

/** What the dashboard tracks toward graduation: training time and teleoperated demonstrations. */
export const PROGRESS_METRICS = ['training.hours', 'data.teleop_samples'] as const;
export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

export interface ProgressBar {
  metric: ProgressMetric;
  /** null: the standard sets no requirement on this metric. */
  requirement: { op: CriterionOp; threshold: number } | null;
  value: number;
  /** 0..100, how far the value has come toward the threshold. */
  percent: number;
  met: boolean;
  source: 'evaluation' | 'summaries';
}

/**
 * The active graduation set that applies to a robot in `domain`: the domain's own, else the one for
 * every domain, as the field itself chooses when it evaluates.
 */
export function graduationSetFor(activeSets: readonly CriteriaSet[], domain: Domain): CriteriaSet | null {
  const graduation = activeSets.filter((set) => set.stage === 'graduation' && set.status === 'active');
  return graduation.find((set) => set.domain === domain) ?? graduation.find((set) => set.domain === null) ?? null;
}

/** The metric's value in a completed evaluation, if that evaluation measured it. */
export function valueInEvaluation(evaluation: Evaluation | null, metric: ProgressMetric): number | undefined {
  const result = evaluation?.results.find((candidate) => candidate.metric === metric);
  return result && result.value !== null ? result.value : undefined;
}

/**
 * The metric summed over the robot's completed sessions' summaries in bays of the set's domain
 * (every domain when the set has none), as the graduation metrics count them.
 */
export function valueInSummaries(
  summaries: readonly SessionSummary[],
  robotId: string,
  domain: Domain | null,
  metric: ProgressMetric,
): number {
  let total = 0;
  for (const summary of summaries) {
    if (summary.status !== 'ready' || summary.sessionStatus !== 'completed') continue;
    for (const row of summary.robots) {
      if (row.robotId !== robotId || (domain !== null && row.domain !== domain)) continue;
      total += metric === 'training.hours' ? row.runSeconds / 3600 : row.teleopSamples;
    }
  }
  return total;
}

export function progressPercent(value: number, op: CriterionOp, threshold: number): number {
  if (op === 'gte') return threshold <= 0 ? 100 : Math.max(0, Math.min(100, (value / threshold) * 100));
  return value <= threshold ? 100 : Math.max(0, Math.min(100, (threshold / value) * 100));
}

/**
 * One bar per progress metric: the threshold from the set, the value from the robot's latest
 * graduation evaluation when it measured the metric, else from its session summaries.
 */
export function graduationProgress(input: {
  set: CriteriaSet;
  robotId: string;
  latestEvaluation: Evaluation | null;
  summaries: readonly SessionSummary[] | undefined;
}): ProgressBar[] {
  return PROGRESS_METRICS.map((metric) => {
    const criterion = input.set.criteria.find((candidate) => candidate.metric === metric);
    const measured = valueInEvaluation(input.latestEvaluation, metric);
    const value = measured ?? valueInSummaries(input.summaries ?? [], input.robotId, input.set.domain, metric);
    const requirement = criterion ? { op: criterion.op, threshold: criterion.threshold } : null;
    const met = requirement
      ? requirement.op === 'gte'
        ? value >= requirement.threshold
        : value <= requirement.threshold
      : false;
    return {
      metric,
      requirement,
      value,
      percent: requirement ? progressPercent(value, requirement.op, requirement.threshold) : 0,
      met,
      source: measured === undefined ? 'summaries' : 'evaluation',
    };
  });
}

/** Whether any bar must be filled from session summaries (so they need fetching). */
export const needsSummaries = (latestEvaluation: Evaluation | null): boolean =>
  PROGRESS_METRICS.some((metric) => valueInEvaluation(latestEvaluation, metric) === undefined);
