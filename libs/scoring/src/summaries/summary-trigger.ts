import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Session } from '@app/contract';
import { EventBus, FIELD_CONFIG, FieldConfig, JobsService } from '@app/platform';
import { SESSION_UPDATED } from '@app/scheduling';
import { SUMMARIZE_SESSION, summaryJobId } from './summarize-session.job';

/**
 * Completing (or aborting) a session enqueues its summary job. Every process hears the event and
 * enqueues; the deterministic job id makes that one job. The event bus is at most once, so the
 * sweeper enqueues what a lost event missed.
 */
@Injectable()
export class SummaryTrigger implements OnModuleInit {
  private readonly logger = new Logger(SummaryTrigger.name);

  constructor(
    private readonly events: EventBus,
    private readonly jobs: JobsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  onModuleInit(): void {
    this.events.on<Session>(SESSION_UPDATED, async (event) => {
      if (event.payload.status === 'completed' || event.payload.status === 'aborted') {
        await this.enqueue(event.payload.id);
      }
    });
  }

  async enqueue(sessionId: string): Promise<void> {
    try {
      await this.jobs.enqueue(
        SUMMARIZE_SESSION,
        { sessionId },
        { jobId: summaryJobId(sessionId), delayMs: this.config.summaryDelayMs },
      );
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'could not enqueue a session summary; the sweeper will');
    }
  }
}
