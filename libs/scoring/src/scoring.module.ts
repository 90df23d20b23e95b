import { Module } from '@nestjs/common';
import { ExamsModule } from '@app/exams';
import { FieldModule } from '@app/field';
import { SchedulingModule } from '@app/scheduling';
import { TelemetryModule } from '@app/telemetry';
import { CriteriaSetsController } from './criteria/criteria-sets.controller';
import { CriteriaSetsRepository } from './criteria/criteria-sets.repository';
import { CriteriaSetsService } from './criteria/criteria-sets.service';
import { MetricCatalogController } from './criteria/metric-catalog.controller';
import { EvaluationJob } from './evaluations/evaluation.job';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationsRepository } from './evaluations/evaluations.repository';
import { EvaluationsService } from './evaluations/evaluations.service';
import { ScoringSweeper } from './scoring-sweeper';
import { SessionSummariesController } from './summaries/session-summaries.controller';
import { SessionSummariesService } from './summaries/session-summaries.service';
import { SessionSummariesRepository } from './summaries/session-summaries.repository';
import { SummarizeSessionJob } from './summaries/summarize-session.job';
import { SummaryTrigger } from './summaries/summary-trigger';

/**
 * The admission–graduation standard, for every process: criteria sets, session summaries and
 * evaluations, with their jobs (run by worker roles) and the trigger that enqueues summaries.
 */
@Module({
  imports: [FieldModule, SchedulingModule, TelemetryModule, ExamsModule],
  providers: [
    CriteriaSetsRepository,
    CriteriaSetsService,
    SessionSummariesRepository,
    SessionSummariesService,
    SummaryTrigger,
    SummarizeSessionJob,
    EvaluationsRepository,
    EvaluationsService,
    EvaluationJob,
    ScoringSweeper,
  ],
  exports: [CriteriaSetsService, EvaluationsService, SessionSummariesService],
})
export class ScoringModule {}

/** The standard's routes, in API processes. */
@Module({
  imports: [ScoringModule],
  controllers: [CriteriaSetsController, MetricCatalogController, EvaluationsController, SessionSummariesController],
})
export class ScoringHttpModule {}
