import { Injectable } from '@nestjs/common';
import type { Session, SessionAction, SessionActionBody, UpdateSessionBody } from '@app/contract';
import { BaysService } from '@app/field';
import { RobotsService } from '@app/enrollment';
import { AuditService, conflict, EventBus, notFound } from '@app/platform';
import { bookingConflict, unbookable } from './booking-errors';
import { bookingProblems } from './booking-rules';
import type { WantedWindow } from './booking-window';
import { auditView } from './session-audit';
import { SESSION_UPDATED } from './session-events';
import { sessionTransition } from './session-state';
import { SessionsRepository } from './sessions.repository';

/** What happens to a booked session: moved while scheduled, then started, completed, aborted or cancelled. */
@Injectable()
export class SessionLifecycleService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly bays: BaysService,
    private readonly robots: RobotsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Moves a scheduled session under the rules of booking, its own old window out of the way. */
  async reschedule(id: string, body: UpdateSessionBody): Promise<Session> {
    const session = await this.sessions.book(
      async (tx) => {
        const current = await this.sessions.lock(tx, id);
        if (current.status !== 'scheduled') {
          throw conflict(`the session is ${current.status}; only a scheduled session can be moved`);
        }
        const wanted: WantedWindow = {
          bayId: body.bayId ?? current.bayId,
          robotIds: current.robotIds,
          startsAt: new Date(body.startsAt ?? current.startsAt),
          endsAt: new Date(body.endsAt ?? current.endsAt),
        };
        await this.sessions.lockForBooking(tx, [...new Set([current.bayId, wanted.bayId])], current.robotIds);
        const bay = await this.bays.findForBooking(wanted.bayId, tx);
        const robots = await this.robots.findForBooking(current.robotIds, tx);
        const problems = bookingProblems({ kind: current.kind, ...wanted }, bay, robots);
        if (problems) throw unbookable(problems);
        const conflicts = await this.sessions.findConflicts([wanted], id, tx);
        if (conflicts.length > 0) throw bookingConflict(conflicts, 1, false);
        await this.sessions.move(tx, id, wanted.bayId, wanted);
        const updated = (await this.sessions.find(id, tx)) as Session;
        await this.audit.record(
          {
            action: 'session.reschedule',
            entity: 'session',
            entityId: id,
            before: auditView(current),
            after: auditView(updated),
          },
          tx,
        );
        return updated;
      },
      [],
      (conflicts) => bookingConflict(conflicts, 0, false),
    );
    await this.events.publish(SESSION_UPDATED, session);
    return session;
  }

  /** start, complete, abort or cancel; any other transition answers 409. */
  async act(id: string, action: SessionAction, body: SessionActionBody): Promise<Session> {
    const session = await this.sessions.transaction(async (tx) => {
      const current = await this.sessions.find(id, tx);
      if (!current) throw notFound('session', id);
      const transition = sessionTransition(current.status, action);
      if (!transition.ok) throw conflict(transition.reason);
      if (action === 'start') {
        await this.sessions.lockForBooking(tx, [current.bayId], current.robotIds);
        const running = await this.sessions.runningBeside(tx, current);
        if (running.length > 0) {
          throw conflict('the bay or a robot of this session is already in a running session; finish that one first', {
            conflicts: running,
          });
        }
      }
      if (!(await this.sessions.transition(tx, id, current.status, transition.to))) {
        throw conflict(`the session changed meanwhile; it can no longer ${action}`);
      }
      const updated = (await this.sessions.find(id, tx)) as Session;
      await this.audit.record(
        {
          action: `session.${action}`,
          entity: 'session',
          entityId: id,
          before: { status: current.status },
          after: { status: updated.status, startedAt: updated.startedAt, endedAt: updated.endedAt },
          details: body.reason ? { reason: body.reason } : undefined,
        },
        tx,
      );
      return updated;
    });
    await this.events.publish(SESSION_UPDATED, session);
    return session;
  }
}
