import { Injectable } from '@nestjs/common';
import type { SessionRobotSummary, SessionSummary, TaskTally } from '@app/contract';
import { Actor, conflict } from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import { sessionMetrics } from '../metrics/compute';
import type { TaskTallies } from '../metrics/session-summary';
import { SessionSummariesRepository, StoredSummary } from './session-summaries.repository';

export interface TrainingRecordEntry {
  sessionId: string;
  mode: 'physical' | 'virtual';
  kind: string;
  endedAt: string;
  runSeconds: number;
  attempts: number;
  successes: number;
}

/** `GET /sessions/:id/summary`: what each robot did in a finished session. */
@Injectable()
export class SessionSummariesService {
  constructor(
    private readonly sessions: SessionQueriesService,
    private readonly repository: SessionSummariesRepository,
  ) {}

  /**
   * A robot's record over the given sessions (an evaluation's evidence), oldest first: what a
   * graduation report states about its training.
   */
  async trainingRecord(robotId: string, sessionIds: readonly string[]): Promise<TrainingRecordEntry[]> {
    const stored = await this.repository.ofSessions(robotId, sessionIds);
    return stored.map((summary) => ({
      sessionId: summary.sessionId,
      mode: summary.mode,
      kind: summary.kind,
      endedAt: new Date(summary.endedAt).toISOString(),
      runSeconds: summary.runSeconds,
      attempts: summary.tasks.attempts,
      successes: summary.tasks.successes,
    }));
  }

  async forSession(id: string, actor: Actor): Promise<SessionSummary> {
    const session = await this.sessions.get(id, actor);
    if (session.status !== 'completed' && session.status !== 'aborted') {
      throw conflict(`the session is ${session.status}; its summary is made once it completes or aborts`);
    }
    const stored = await this.repository.ofSession(id, session.robotIds);
    return {
      sessionId: id,
      sessionStatus: session.status,
      status: stored.length === 0 ? 'pending' : 'ready',
      robots: stored.map(presentRobotSummary),
    };
  }
}

function presentRobotSummary(summary: StoredSummary): SessionRobotSummary {
  return {
    robotId: summary.robotId,
    domain: summary.domain,
    mode: summary.mode,
    kind: summary.kind,
    runSeconds: summary.runSeconds,
    tasks: presentTally(summary.tasks),
    byTask: Object.fromEntries(Object.entries(summary.byTask).map(([key, tally]) => [key, presentTally(tally)])),
    safety: summary.safety,
    interventions: summary.interventions,
    heartbeats: summary.heartbeats,
    heartbeatCoveredSeconds: summary.heartbeatCoveredSeconds,
    teleopSamples: summary.teleopSamples,
    telemetrySamples: summary.telemetrySamples,
    metrics: sessionMetrics(summary),
    computedAt: summary.computedAt.toISOString(),
  };
}

function presentTally(tally: TaskTallies): TaskTally {
  return {
    attempts: tally.attempts,
    successes: tally.successes,
    failures: tally.failures,
    unfinished: tally.unfinished,
    meanCycleTimeS: tally.cycleTimeCount === 0 ? null : tally.cycleTimeTotalS / tally.cycleTimeCount,
  };
}
