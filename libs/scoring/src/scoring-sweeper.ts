import { Inject, Injectable, Logger } from '@nestjs/common';
import { defineJob, FIELD_CONFIG, FieldConfig, HandlesJob, JobHandler, JobsService, scheduleJob } from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import { EVALUATE, EvaluationJob, evaluationJobId } from './evaluations/evaluation.job';
import { EvaluationsRepository } from './evaluations/evaluations.repository';
import { SessionSummariesRepository } from './summaries/session-summaries.repository';
import { SummaryTrigger } from './summaries/summary-trigger';

export const SWEEP_SCORING = defineJob<Record<string, never>>('scoring.sweep', 'scoring', { attempts: 1 });
scheduleJob(SWEEP_SCORING, 60_000, {});

/** Sessions that finished this long ago are looked at; the event path has long had its chance before. */
const LOOK_BACK_MS = 48 * 3600_000;
const GRACE_MS = 60_000;
const PAGE = 500;

/**
 * Every minute, makes good what a lost event or a failed enqueue left undone: finished sessions of
 * the last 48 hours without a summary get their summary job, and evaluations still unfinished a
 * minute after they were asked for get their job again (or, when BullMQ already gave up on it, are
 * marked failed with its reason). Deterministic job ids make every enqueue here harmless.
 */
@Injectable()
@HandlesJob(SWEEP_SCORING)
export class ScoringSweeper implements JobHandler<Record<string, never>> {
  private readonly logger = new Logger(ScoringSweeper.name);

  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly sessions: SessionQueriesService,
    private readonly summaries: SessionSummariesRepository,
    private readonly trigger: SummaryTrigger,
    private readonly evaluation: EvaluationJob,
    private readonly jobs: JobsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async handle(): Promise<{ summaries: number; evaluations: number }> {
    const summaries = await this.sweepSummaries();
    const evaluations = await this.sweepEvaluations();
    if (summaries + evaluations > 0) {
      this.logger.log(`re-enqueued ${summaries} session summaries and ${evaluations} evaluations`);
    }
    return { summaries, evaluations };
  }

  private async sweepSummaries(): Promise<number> {
    const settledBefore = Date.now() - this.config.summaryDelayMs - GRACE_MS;
    let since = new Date(Date.now() - LOOK_BACK_MS);
    let enqueued = 0;
    for (;;) {
      const finished = await this.sessions.finishedSince(since, PAGE);
      const settled = finished.filter((session) => Date.parse(session.endedAt) < settledBefore);
      const done = await this.summaries.summarised(settled.map((session) => session.id));
      for (const session of settled) {
        if (done.has(session.id)) continue;
        await this.trigger.enqueue(session.id);
        enqueued++;
      }
      if (finished.length < PAGE || settled.length < finished.length) return enqueued;
      // Sessions ending in the same millisecond as the page's last may be looked at twice: harmless.
      since = new Date(finished[finished.length - 1].endedAt);
      if (finished.every((session) => session.endedAt === finished[0].endedAt)) return enqueued;
    }
  }

  private async sweepEvaluations(): Promise<number> {
    const stale = await this.evaluations.staleUnfinished(PAGE);
    const queue = this.jobs.queue(EVALUATE.queue);
    let enqueued = 0;
    for (const id of stale) {
      const job = await queue.getJob(evaluationJobId(id));
      if (!job) {
        await this.jobs.enqueue(EVALUATE, { evaluationId: id }, { jobId: evaluationJobId(id) });
        enqueued++;
      } else if ((await job.getState()) === 'failed') {
        await this.evaluation.failed({ evaluationId: id }, job.failedReason || 'the scoring job failed');
      }
    }
    return enqueued;
  }
}
