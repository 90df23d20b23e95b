import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BaysService } from '@app/field';
import { AuditService, defineJob, HandlesJob, JobHandler } from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import { TelemetryReader } from '@app/telemetry';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SessionSummarizer, SUMMARY_CHANNELS } from '../metrics/summarize-session';
import { SessionSummariesRepository } from './session-summaries.repository';

export interface SummarizeSessionPayload {
  sessionId: string;
}

export const SUMMARIZE_SESSION = defineJob<SummarizeSessionPayload>('scoring.summarize-session', 'summaries', {
  attempts: 5,
  backoffMs: 2_000,
});

/** The deterministic job id: a session is summarised by one job however often it is asked for. */
export const summaryJobId = (sessionId: string) => `summary-${sessionId}`;

/**
 * Summarises a finished session: reads its telemetry once (task, safety, intervention and heartbeat
 * samples; the other channels only counted from the stored packets) and upserts one row per robot.
 * Running it again yields the same stored result.
 */
@Injectable()
@HandlesJob(SUMMARIZE_SESSION)
export class SummarizeSessionJob implements JobHandler<SummarizeSessionPayload> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionQueriesService,
    private readonly bays: BaysService,
    private readonly telemetry: TelemetryReader,
    private readonly repository: SessionSummariesRepository,
    private readonly audit: AuditService,
  ) {}

  async handle({ sessionId }: SummarizeSessionPayload): Promise<{ robots: number } | { skipped: string }> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new UnrecoverableError(`there is no session ${sessionId}`);
    if (session.status !== 'completed' && session.status !== 'aborted') {
      return { skipped: `the session is ${session.status}` };
    }
    const bay = await this.bays.get(session.bayId);
    const summarizer = new SessionSummarizer({
      id: session.id,
      status: session.status,
      kind: session.kind,
      robotIds: session.robotIds,
      startedAt: Date.parse(session.startedAt as string),
      endedAt: Date.parse(session.endedAt as string),
      domain: bay.domain,
      mode: bay.mode,
    });
    for await (const { sample } of this.telemetry.samples({ sessionId, channels: SUMMARY_CHANNELS })) {
      summarizer.add(sample);
    }
    const summaries = summarizer.finish(await this.telemetry.sampleCounts(sessionId));
    await this.dataSource.transaction(async (manager) => {
      await this.repository.save(manager, summaries);
      await this.audit.record(
        {
          action: 'session.summarize',
          entity: 'session',
          entityId: sessionId,
          actor: null,
          details: { robots: summaries.length, attempts: summaries.reduce((sum, s) => sum + s.tasks.attempts, 0) },
        },
        manager,
      );
    });
    return { robots: summaries.length };
  }
}
