import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Session } from '@app/contract';
import { EventBus, FIELD_CONFIG, FieldConfig, JobsService } from '@app/platform';
import { SESSION_UPDATED } from '@app/scheduling';
import { TELEMETRY_STORED_LATE, TelemetryStoredLate, withinLateGrace } from '@app/telemetry';
import type { JobState } from 'bullmq';
import { SUMMARIZE_SESSION, summaryJobId } from './summarize-session.job';

/**
 * Completing (or aborting) a session enqueues its summary job. Every process hears the event and
 * enqueues; the deterministic job id makes that one job. The event bus is at most once, so the
 * sweeper enqueues what a lost event missed.
 *
 * Samples stored after the session ended (a robot's backlog) have the session summarised again:
 * one job per session and window of time in which they were stored, run once the window has
 * closed, so a robot catching up for minutes costs a summary per window, not per batch. Ingest
 * attributes no sample to a session past its late grace, so these stop with the grace.
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
    this.events.on<TelemetryStoredLate>(TELEMETRY_STORED_LATE, async ({ payload }) => {
      await this.enqueueAgain(payload.sessionId, payload.storedAt, payload.endedAt);
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

  /**
   * Makes sure a summary of the session is on its way, for an evaluation that waits for it. The job
   * its completion enqueued will do while it is pending; otherwise (the event was lost, the job ran
   * before the session had finished, or failed for good) the evaluation gets a job of its own, due
   * once the summary delay after the session's end has passed: summarising sooner could miss
   * telemetry still in flight. Answers why that job failed for good, or null.
   */
  async ensure(session: { sessionId: string; endedAt: number }, waiterId: string): Promise<string | null> {
    const queue = this.jobs.queue(SUMMARIZE_SESSION.queue);
    const first = await queue.getJob(summaryJobId(session.sessionId));
    if (first && PENDING.includes(await first.getState())) return null;
    const ownId = `${summaryJobId(session.sessionId)}-for-${waiterId}`;
    const own = await queue.getJob(ownId);
    if (own) return (await own.getState()) === 'failed' ? own.failedReason || 'the summary job failed' : null;
    await this.jobs.enqueue(
      SUMMARIZE_SESSION,
      { sessionId: session.sessionId },
      { jobId: ownId, delayMs: Math.max(0, session.endedAt + this.config.summaryDelayMs - Date.now()) },
    );
    return null;
  }

  /** Summarises the session again once the window in which late samples were stored has closed. */
  async enqueueAgain(sessionId: string, storedAt: number, endedAt: number): Promise<void> {
    // Another process's clock may run ahead; no summary changes for samples announced past the grace.
    if (!withinLateGrace(endedAt, storedAt, this.config.lateGraceMs)) return;
    const windowMs = lateWindowMs(this.config.summaryDelayMs);
    const window = Math.floor(storedAt / windowMs);
    const runAt = (window + 1) * windowMs + this.config.summaryDelayMs;
    try {
      await this.jobs.enqueue(
        SUMMARIZE_SESSION,
        { sessionId },
        { jobId: `${summaryJobId(sessionId)}-late-${window}`, delayMs: Math.max(0, runAt - Date.now()) },
      );
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'could not enqueue a summary of late samples');
    }
  }
}

const PENDING: readonly (JobState | 'unknown')[] = ['delayed', 'waiting', 'active', 'prioritized', 'waiting-children'];

/** Six summary delays (30 s by default), and at least a second. */
function lateWindowMs(summaryDelayMs: number): number {
  return Math.max(1_000, 6 * summaryDelayMs);
}
