import { Injectable } from '@nestjs/common';
import type { Evaluation, ReportExam } from '@app/contract';
import type { Actor } from '@app/platform';
import { CriteriaSetsService, EvaluationsService, SessionSummariesService } from '@app/scoring';
import type { ReportCriterionResult } from '../document/report-document';

export interface GraduationEvidence {
  evaluation: Evaluation;
  standard: { criteriaSetId: string; name: string; version: number; domain: string | null; passScore: number };
  results: ReportCriterionResult[];
  training: { hours: { total: number; virtual: number; physical: number }; sessions: number };
  /** The exams the evaluation's criteria used, as it recorded them. */
  exams: ReportExam[];
  /** Success rate per session with task attempts, oldest first (the PDF's chart). */
  successRates: { label: string; rate: number }[];
}

const round = (hours: number) => Math.round(hours * 10_000) / 10_000;

/** What a report certifies, read from the standard's own records through scoring's public services. */
@Injectable()
export class GraduationEvidenceReader {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly summaries: SessionSummariesService,
  ) {}

  async read(evaluationId: string, actor: Actor): Promise<GraduationEvidence> {
    const evaluation = await this.evaluations.get(evaluationId, actor);
    const set = await this.criteriaSets.get(evaluation.criteriaSetId);
    const record = await this.summaries.trainingRecord(evaluation.robotId, evaluation.evidence?.sessionIds ?? []);
    const seconds = (mode?: 'virtual' | 'physical') =>
      record.filter((entry) => !mode || entry.mode === mode).reduce((sum, entry) => sum + entry.runSeconds, 0);
    return {
      evaluation,
      standard: {
        criteriaSetId: set.id,
        name: set.name,
        version: evaluation.criteriaSetVersion,
        domain: evaluation.domain,
        passScore: evaluation.passScore,
      },
      results: evaluation.results.map((result) => ({
        key: result.key,
        dimension: result.dimension,
        metric: result.metric,
        value: result.value,
        op: result.op,
        threshold: result.threshold,
        weight: result.weight,
        required: result.required,
        passed: result.passed,
      })),
      training: {
        hours: {
          total: round(seconds() / 3600),
          virtual: round(seconds('virtual') / 3600),
          physical: round(seconds('physical') / 3600),
        },
        sessions: record.length,
      },
      exams: evaluation.evidence?.exams ?? [],
      successRates: record
        .filter((entry) => entry.attempts > 0)
        .map((entry) => ({ label: entry.endedAt.slice(5, 10), rate: entry.successes / entry.attempts })),
    };
  }
}
