import type { Evaluation, GraduationReport } from '@app/contract';

/**
 * Graduation evaluations a report may be issued for: passed and completed, of robots that hold no
 * valid report and may still graduate, the newest per robot (issuing one makes the others moot).
 * `evaluations` come newest first, as the field lists them.
 */
export function awaitingReport(
  evaluations: readonly Evaluation[],
  validReports: readonly GraduationReport[],
  mayGraduate: (robotId: string) => boolean,
): Evaluation[] {
  const reported = new Set(validReports.filter((report) => report.status === 'valid').map((report) => report.robotId));
  const seen = new Set<string>();
  return evaluations.filter((evaluation) => {
    const candidate =
      evaluation.stage === 'graduation' &&
      evaluation.status === 'completed' &&
      evaluation.passed === true &&
      !reported.has(evaluation.robotId) &&
      !seen.has(evaluation.robotId) &&
      mayGraduate(evaluation.robotId);
    if (candidate) seen.add(evaluation.robotId);
    return candidate;
  });
}
