import { Inject, Injectable } from '@nestjs/common';
import type { CreateSessionBody, SeriesCreated, Session } from '@app/contract';
import { Actor, EventBus, FIELD_CONFIG, FieldConfig, RequestContext, ValidationFailed } from '@app/platform';
import { BookWindows, WantedBooking } from './book-windows.use-case';
import { BookingBatcher } from './booking-batcher';
import type { Window } from './booking-window';
import { expandRecurrence } from './recurrence';
import { SESSION_UPDATED } from './session-events';

/** POST /sessions: a single booking goes through the batcher, a recurring series books its occurrences at once. */
@Injectable()
export class SessionBookingService {
  constructor(
    private readonly batcher: BookingBatcher,
    private readonly bookWindows: BookWindows,
    private readonly events: EventBus,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async create(body: CreateSessionBody, actor: Actor): Promise<Session | SeriesCreated> {
    const first: Window = { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
    if (body.recurrence === undefined) {
      const session = await this.batcher.book(wantedOf(body, actor, first));
      await this.publish([session]);
      return session;
    }
    let windows = [first];
    if (first.endsAt > first.startsAt) {
      const expansion = expandRecurrence(body.recurrence, first, this.config.timeZone);
      if (!expansion.ok) throw new ValidationFailed([{ field: 'recurrence', message: expansion.message }]);
      windows = expansion.occurrences;
    }
    const booked = await this.bookWindows.execute({
      bookings: windows.map((window) => wantedOf(body, actor, window)),
      policy: body.skipConflicts === true ? 'skip-conflicts' : 'all-or-nothing',
      series: { rrule: body.recurrence, createdBy: actor.id },
    });
    await this.publish(booked.sessions);
    const skipped = booked.outcomes.flatMap((outcome, index) =>
      outcome.ok ? [] : [{ startsAt: windows[index].startsAt.toISOString(), reason: reasonOf(outcome.conflicts[0]) }],
    );
    return { seriesId: booked.seriesId as string, created: booked.sessions, skipped };
  }

  private async publish(sessions: readonly Session[]): Promise<void> {
    for (const session of sessions) await this.events.publish(SESSION_UPDATED, session);
  }
}

function wantedOf(body: CreateSessionBody, actor: Actor, window: Window): WantedBooking {
  const context = RequestContext.current();
  return {
    bayId: body.bayId,
    robotIds: body.robotIds,
    ...window,
    kind: body.kind,
    taskKeys: body.taskKeys,
    note: body.note ?? null,
    author: actor,
    requestId: context?.requestId ?? null,
    ip: context?.ip ?? null,
  };
}

function reasonOf(found: { sessionId: string; robotId?: string }): string {
  return found.robotId
    ? `robot ${found.robotId} is booked in session ${found.sessionId}`
    : `the bay is booked by session ${found.sessionId}`;
}
