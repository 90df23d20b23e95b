import { CriteriaSetEntity, CriterionEntity } from './criteria/criteria-set.entity';
import { EvaluationEntity } from './evaluations/evaluation.entity';
import { SessionSummaryEntity } from './summaries/session-summary.entity';

export { ScoringModule, ScoringHttpModule } from './scoring.module';
export { CriteriaSetsService } from './criteria/criteria-sets.service';
export { EvaluationsService } from './evaluations/evaluations.service';
export { SessionSummariesService } from './summaries/session-summaries.service';
export type { TrainingRecordEntry } from './summaries/session-summaries.service';
export { EVALUATE, evaluationJobId } from './evaluations/evaluation.job';
export { SUMMARIZE_SESSION, summaryJobId } from './summaries/summarize-session.job';
export { SWEEP_SCORING } from './scoring-sweeper';

export const SCORING_ENTITIES = [CriteriaSetEntity, CriterionEntity, SessionSummaryEntity, EvaluationEntity];
