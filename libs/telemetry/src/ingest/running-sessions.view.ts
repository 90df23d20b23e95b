import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Session } from '@app/contract';
import { EventBus, FIELD_CONFIG, FieldConfig } from '@app/platform';
import { SESSION_UPDATED, SessionQueriesService } from '@app/scheduling';
import { Attribution, SessionRun, SessionRuns } from './session-runs';

const REFRESH_MS = 60_000;

/**
 * Which session each robot is training in, in memory, so ingest attributes samples without a
 * database lookup per batch; finished runs stay for their late grace (FIELD_LATE_GRACE_S). Kept
 * current by `session.updated` events from any process, and reloaded from the database at start,
 * whenever the event bus reconnects, and every minute.
 */
@Injectable()
export class RunningSessionsView implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RunningSessionsView.name);
  private readonly runs: SessionRuns;
  /** updatedAt of the newest state applied per session, so a slow reload never undoes an event. */
  private readonly versions = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionQueriesService,
    private readonly events: EventBus,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {
    this.runs = new SessionRuns(config.lateGraceMs);
  }

  async onModuleInit(): Promise<void> {
    this.events.on<Session>(SESSION_UPDATED, (event) => this.apply(event.payload));
    this.events.onReconnect(() => this.reload());
    await this.reload();
    this.timer = setInterval(() => void this.reload(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  at(robotId: string, ts: number, arrivedAt: number): Attribution | null {
    return this.runs.at(robotId, ts, arrivedAt);
  }

  apply(session: Session): void {
    const version = Date.parse(session.updatedAt);
    if ((this.versions.get(session.id) ?? -Infinity) > version) return;
    this.versions.set(session.id, version);
    if (session.startedAt === null) this.runs.remove(session.id);
    else this.runs.upsert(toRun(session));
  }

  async reload(): Promise<void> {
    try {
      const recent = await this.sessions.runsSince(new Date(Date.now() - this.config.lateGraceMs));
      for (const session of recent) this.apply(session);
      this.runs.prune(Date.now());
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reload the running sessions; keeping the current view');
    }
  }
}

function toRun(session: Session): SessionRun {
  return {
    sessionId: session.id,
    bayId: session.bayId,
    robotIds: session.robotIds,
    startedAt: Date.parse(session.startedAt as string),
    endedAt: session.endedAt === null ? null : Date.parse(session.endedAt),
  };
}
