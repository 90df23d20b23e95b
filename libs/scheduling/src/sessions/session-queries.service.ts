import { Injectable } from '@nestjs/common';
import type { ListSessionsQuery, Page, Session } from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { Actor, decodeCursor, invalidCursor, notFound, toPage, vendorScopeOf } from '@app/platform';
import { SessionsRepository } from './sessions.repository';

/** Reading sessions: for the API (a vendor sees only its robots) and for the features built on them. */
@Injectable()
export class SessionQueriesService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly robots: RobotsService,
  ) {}

  async get(id: string, actor: Actor): Promise<Session> {
    const visible = await this.visibleRobots(actor);
    const session = await this.sessions.find(id);
    if (!session || (visible && !session.robotIds.some((robotId) => visible.has(robotId)))) {
      throw notFound('session', id);
    }
    return narrowed(session, visible);
  }

  /** Ordered by start time; a vendor sees only sessions of its robots, and only its robots in them. */
  async list(query: ListSessionsQuery, actor: Actor): Promise<Page<Session>> {
    const visible = await this.visibleRobots(actor);
    let after: [string, string] | undefined;
    if (query.cursor) {
      const [startsAt, id] = decodeCursor(query.cursor, ['string', 'string']);
      if (Number.isNaN(Date.parse(String(startsAt))) || !/^[0-9a-f-]{36}$/.test(String(id))) throw invalidCursor();
      after = [String(startsAt), String(id)];
    }
    const sessions = await this.sessions.list({
      bayId: query.bayId,
      status: query.status,
      robotId: query.robotId,
      anyOfRobots: visible ? [...visible] : undefined,
      from: query.from,
      to: query.to,
      after,
      limit: query.limit + 1,
    });
    return toPage(
      sessions,
      query.limit,
      (session) => [session.startsAt, session.id],
      (session) => narrowed(session, visible),
    );
  }

  /** A session as the field's own jobs see it (no actor, no vendor scope); null when there is none. */
  find(id: string): Promise<Session | null> {
    return this.sessions.find(id);
  }

  /** Ids of the sessions that finished (completed or aborted) since `since`, oldest first. */
  finishedSince(since: Date, limit: number): Promise<{ id: string; endedAt: string }[]> {
    return this.sessions.finishedSince(since, limit);
  }

  /** The robot's sessions completed at or before `endedBy`, oldest first: what a graduation evaluation counts. */
  completedOf(robotId: string, endedBy: Date): Promise<{ id: string; bayId: string; endedAt: number }[]> {
    return this.sessions.completedOf(robotId, endedBy);
  }

  /** Sessions running now or that ran since `since`: what telemetry attributes samples to. */
  runsSince(since: Date): Promise<Session[]> {
    return this.sessions.runsSince(since);
  }

  /** The bay's live bookings within a window, for its calendar. */
  forBay(bayId: string, from: Date, to: Date, limit: number): Promise<Session[]> {
    return this.sessions.forBay(bayId, from, to, limit);
  }

  private async visibleRobots(actor: Actor): Promise<Set<string> | null> {
    const vendorId = vendorScopeOf(actor);
    return vendorId === null ? null : new Set(await this.robots.idsOfVendor(vendorId));
  }
}

function narrowed(session: Session, visible: ReadonlySet<string> | null): Session {
  return visible ? { ...session, robotIds: session.robotIds.filter((id) => visible.has(id)) } : session;
}
