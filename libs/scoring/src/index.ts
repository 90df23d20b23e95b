export { ScoringModule, ScoringHttpModule } from './scoring.module';
export { CriteriaSetsService } from './criteria/criteria-sets.service';
export { EvaluationsService } from './evaluations/evaluations.service';
export { SessionSummariesService } from './summaries/session-summaries.service';
export type { TrainingRecordEntry } from './summaries/session-summaries.service';
export { EVALUATE, evaluationJobId } from './evaluations/evaluation.job';
export { SUMMARIZE_SESSION, summaryJobId } from './summaries/summarize-session.job';
export { SWEEP_SCORING } from './scoring-sweeper';
