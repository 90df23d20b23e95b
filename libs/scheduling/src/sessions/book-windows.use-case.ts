import { Injectable } from '@nestjs/common';
import type { Session, SessionKind } from '@app/contract';
import { BaysService } from '@app/field';
import { RobotsService } from '@app/enrollment';
import { Actor, AuditService, DomainError } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { admitInOrder } from './batch-admission';
import { bookingConflict, unbookable } from './booking-errors';
import { bookingProblems } from './booking-rules';
import type { WantedWindow, WindowConflict } from './booking-window';
import { creationAudit } from './session-audit';
import { SeriesRepository } from './series.repository';
import { NewSession, SessionsRepository } from './sessions.repository';

/** One window to book, with who asked and in which request (each is audited as its own). */
export interface WantedBooking extends WantedWindow {
  kind: SessionKind;
  taskKeys: readonly string[];
  note: string | null;
  author: Actor;
  requestId: string | null;
  ip: string | null;
}

/**
 * What a window that cannot be booked does to the others:
 * - `independent`: nothing; a batch of singles from different requests, each answered on its own;
 * - `skip-conflicts`: a window others stand in the way of is left out, a broken rule refuses all
 *   (a series with skipConflicts: its windows share bay, robots and kind);
 * - `all-or-nothing`: any refuses all (a series, or a single booked alone).
 */
export type BookingPolicy = 'independent' | 'skip-conflicts' | 'all-or-nothing';

export interface BookingCommand {
  bookings: readonly WantedBooking[];
  policy: BookingPolicy;
  /** The windows are the occurrences of this rule, stored as one series. */
  series?: { rrule: string; createdBy: string };
}

export type BookingOutcome =
  { ok: true; session: Session } | { ok: false; error: DomainError; conflicts: readonly WindowConflict[] };

export interface BookingResult {
  seriesId: string | null;
  /** One per window, in the order given; conflicts name the index of the window they stand in the way of. */
  outcomes: BookingOutcome[];
  sessions: Session[];
}

/**
 * Booking windows of bays and robots, one or many, in one transaction: locks for all their bays
 * and robots in the one global order, the 422 rules for each, one query for the stored sessions in
 * their way, the rest admitted in order (an earlier window of the same call wins an overlap), and
 * what is admitted stored together. Correctness rests on the database's exclusion constraints; the
 * locks make competing writers queue, so conflicts are found by the query and reported with the
 * sessions in the way rather than found by deadlocks.
 */
@Injectable()
export class BookWindows {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly series: SeriesRepository,
    private readonly bays: BaysService,
    private readonly robots: RobotsService,
    private readonly audit: AuditService,
  ) {}

  async execute(command: BookingCommand): Promise<BookingResult> {
    const { bookings } = command;
    const refuse = (conflicts: WindowConflict[]) =>
      bookingConflict(conflicts, bookings.length, command.series !== undefined);
    // When any conflict refuses the whole call, one that committed sessions already cause answers
    // without queueing for the locks. Only the locked check (and the constraints) decide a success.
    if (command.policy === 'all-or-nothing' && bookings.every((wanted) => wanted.endsAt > wanted.startsAt)) {
      const early = await this.sessions.findConflicts(bookings);
      if (early.length > 0) throw refuse(early);
    }
    return this.sessions.book((tx) => this.bookIn(tx, command, refuse), bookings, refuse);
  }

  private async bookIn(
    tx: EntityManager,
    { bookings, policy, series }: BookingCommand,
    refuse: (conflicts: WindowConflict[]) => DomainError,
  ): Promise<BookingResult> {
    const bayIds = [...new Set(bookings.map((wanted) => wanted.bayId))];
    const robotIds = [...new Set(bookings.flatMap((wanted) => wanted.robotIds))];
    await this.sessions.lockForBooking(tx, bayIds, robotIds);
    const bays = new Map((await this.bays.findManyForBooking(bayIds, tx)).map((bay) => [bay.id, bay]));
    const robots = await this.robots.findForBooking(robotIds, tx);

    const outcomes: BookingOutcome[] = new Array(bookings.length);
    const bookable: number[] = [];
    bookings.forEach((wanted, index) => {
      const problems = bookingProblems(wanted, bays.get(wanted.bayId) ?? null, robots);
      if (!problems) bookable.push(index);
      else if (policy === 'independent') outcomes[index] = { ok: false, error: unbookable(problems), conflicts: [] };
      else throw unbookable(problems);
    });

    const stored = (
      await this.sessions.findConflicts(
        bookable.map((index) => bookings[index]),
        null,
        tx,
      )
    ).map((found) => ({ ...found, window: bookable[found.window] }));
    const inTheWay = new Map<number, WindowConflict[]>();
    for (const found of stored) inTheWay.set(found.window, [...(inTheWay.get(found.window) ?? []), found]);
    const candidates = bookable.filter((index) => !inTheWay.has(index));
    const verdicts = admitInOrder(candidates.map((index) => bookings[index]));
    const admitted = candidates.filter((_, position) => verdicts[position].admitted);
    if (policy === 'all-or-nothing' && admitted.length < bookings.length) throw refuse(stored);

    const seriesId = series ? await this.series.insert(tx, series.rrule, series.createdBy) : null;
    const sessions = await this.sessions.insert(
      tx,
      admitted.map((index) => newSession(bookings[index], seriesId)),
    );
    await this.audit.recordMany(
      admitted.map((index, position) => {
        const { author, requestId, ip } = bookings[index];
        return { ...creationAudit(sessions[position]), actor: author, requestId, ip };
      }),
      tx,
    );

    admitted.forEach((index, position) => (outcomes[index] = { ok: true, session: sessions[position] }));
    for (const [index, conflicts] of inTheWay) {
      outcomes[index] = { ok: false, error: bookingConflict(conflicts, 1, false), conflicts };
    }
    verdicts.forEach((verdict, position) => {
      if (verdict.admitted) return;
      const index = candidates[position];
      const winner = sessions[admitted.indexOf(candidates[verdict.by])];
      const { by: _by, admitted: _admitted, ...shared } = verdict;
      const conflicts = [
        { window: index, sessionId: winner.id, ...shared, startsAt: winner.startsAt, endsAt: winner.endsAt },
      ];
      outcomes[index] = { ok: false, error: bookingConflict(conflicts, 1, false), conflicts };
    });
    return { seriesId, outcomes, sessions };
  }
}

function newSession(wanted: WantedBooking, seriesId: string | null): NewSession {
  return {
    bayId: wanted.bayId,
    robotIds: wanted.robotIds,
    startsAt: wanted.startsAt,
    endsAt: wanted.endsAt,
    kind: wanted.kind,
    taskKeys: wanted.taskKeys,
    note: wanted.note,
    seriesId,
    createdBy: wanted.author.id,
  };
}
