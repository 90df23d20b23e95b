import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BookingConflict,
  CreateSessionBody,
  ListSessionsQuery,
  Page,
  SeriesCreated,
  Session,
  SessionAction,
  SessionActionBody,
  UpdateSessionBody,
} from '@app/contract';
import { BaysService } from '@app/field';
import { RobotsService } from '@app/enrollment';
import {
  Actor,
  AuditRecord,
  AuditService,
  conflict,
  decodeCursor,
  DomainError,
  EventBus,
  FIELD_CONFIG,
  FieldConfig,
  invalidCursor,
  isPgError,
  ItemOutcome,
  MicroBatcher,
  notFound,
  PG,
  RequestContext,
  RequestContextData,
  retryTransient,
  toPage,
  ValidationFailed,
  vendorScopeOf,
} from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { admitInOrder } from './batch-admission';
import { BookingProblems, bookingProblems, BookingRequest } from './booking-rules';
import { expandRecurrence, Occurrence } from './recurrence';
import {
  findConflicts,
  findWindowConflicts,
  lockForBooking,
  presentSession,
  selectSessions,
  SESSION_COLUMNS,
  SessionRow,
  WantedWindow,
  Window,
  WindowConflict,
} from './session-rows';
import { sessionTransition } from './session-state';

export const SESSION_UPDATED = 'session.updated';

const BOOKING_CONSTRAINTS = ['training_sessions_bay_overlap_excl', 'session_robots_robot_overlap_excl'];

/** A single booking waiting for its batch, with the request it came from (for the audit trail). */
interface PendingBooking {
  body: CreateSessionBody;
  actor: Actor;
  context: RequestContextData | undefined;
}

/** A session about to be stored. */
interface NewSession {
  bayId: string;
  robotIds: readonly string[];
  kind: CreateSessionBody['kind'];
  taskKeys: readonly string[];
  startsAt: Date;
  endsAt: Date;
  seriesId: string | null;
  note: string | null;
  createdBy: string;
}

/**
 * Booking bays for training. Correctness rests on the database (exclusion constraints on the bay's
 * and on each robot's booked windows); competing writers queue on advisory locks first, so conflicts
 * are found by a query and reported with the sessions in the way, rather than found by deadlocks.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly bays: BaysService,
    private readonly robots: RobotsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  /**
   * Single bookings are booked in batches: those that arrive while a batch commits share the next
   * one (one transaction, one set of locks, one conflict query), each answered as if booked alone.
   */
  private readonly batcher = new MicroBatcher<PendingBooking, Session>((batch) => this.bookBatch(batch), {
    maxBatch: 200,
    concurrency: 2,
  });

  async create(body: CreateSessionBody, actor: Actor): Promise<Session | SeriesCreated> {
    if (body.recurrence === undefined) {
      const session = await this.batcher.submit({ body, actor, context: RequestContext.current() });
      await this.publish([session]);
      return session;
    }
    const first: Occurrence = { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
    let windows: Occurrence[] = [first];
    if (first.endsAt > first.startsAt) {
      const expansion = expandRecurrence(body.recurrence, first, this.config.timeZone);
      if (!expansion.ok) throw new ValidationFailed([{ field: 'recurrence', message: expansion.message }]);
      windows = expansion.occurrences;
    }
    const booked = await this.bookWindows(body, actor, windows);
    await this.publish(booked.sessions);
    return { seriesId: booked.seriesId as string, created: booked.sessions, skipped: booked.skipped };
  }

  /**
   * Books a batch of single bookings in one transaction: locks for all their bays and robots in the
   * one global order, the 422 rules for each, one query for the stored sessions in their way, then
   * the rest admitted in order of arrival (`admitInOrder`) and stored together. Should the batch
   * fail as a whole (a deadlock past its retries, a lost connection), each booking is tried alone,
   * so that nothing one request did fails another.
   */
  private async bookBatch(batch: PendingBooking[]): Promise<ItemOutcome<Session>[]> {
    try {
      return await retryTransient(() => this.dataSource.transaction((manager) => this.bookBatchIn(manager, batch)));
    } catch (error) {
      this.logger.warn({ err: error, bookings: batch.length }, 'a booking batch failed; booking each alone');
      return Promise.all(
        batch.map((pending) =>
          RequestContext.run(pending.context ?? { requestId: null, ip: null, actor: pending.actor }, () =>
            this.bookWindows(pending.body, pending.actor, [windowOf(pending.body)]),
          ).then(
            (booked): ItemOutcome<Session> => ({ ok: true, value: booked.sessions[0] }),
            (error: unknown): ItemOutcome<Session> => ({ ok: false, error }),
          ),
        ),
      );
    }
  }

  private async bookBatchIn(manager: EntityManager, batch: PendingBooking[]): Promise<ItemOutcome<Session>[]> {
    const wanted: WantedWindow[] = batch.map(({ body }) => ({
      bayId: body.bayId,
      robotIds: body.robotIds,
      ...windowOf(body),
    }));
    const bayIds = [...new Set(wanted.map((window) => window.bayId))];
    const robotIds = [...new Set(wanted.flatMap((window) => window.robotIds))];
    await lockForBooking(manager, bayIds, robotIds);
    const bays = new Map((await this.bays.findManyForBooking(bayIds, manager)).map((bay) => [bay.id, bay]));
    const robots = await this.robots.findForBooking(robotIds, manager);

    const outcomes: ItemOutcome<Session>[] = new Array(batch.length);
    const bookable: number[] = [];
    batch.forEach(({ body }, index) => {
      const problems = bookingProblems({ kind: body.kind, ...wanted[index] }, bays.get(body.bayId) ?? null, robots);
      if (problems) outcomes[index] = { ok: false, error: unbookable(problems) };
      else bookable.push(index);
    });

    const stored = await findWindowConflicts(
      manager,
      bookable.map((index) => wanted[index]),
    );
    const inTheWay = new Map<number, WindowConflict[]>();
    for (const found of stored) inTheWay.set(found.window, [...(inTheWay.get(found.window) ?? []), found]);
    const candidates: number[] = [];
    bookable.forEach((index, position) => {
      const conflicts = inTheWay.get(position);
      if (!conflicts) candidates.push(index);
      else outcomes[index] = { ok: false, error: bookingConflict(conflicts, 1, false) };
    });

    const verdicts = admitInOrder(candidates.map((index) => wanted[index]));
    const admitted = candidates.filter((_, position) => verdicts[position].admitted);
    const sessions = await this.insertSessions(
      manager,
      admitted.map((index) => newSession(batch[index].body, wanted[index], null, batch[index].actor)),
    );
    await this.audit.recordMany(
      admitted.map((index, position) => ({
        ...creationAudit(sessions[position]),
        actor: batch[index].actor,
        requestId: batch[index].context?.requestId ?? null,
        ip: batch[index].context?.ip ?? null,
      })),
      manager,
    );
    admitted.forEach((index, position) => (outcomes[index] = { ok: true, value: sessions[position] }));

    verdicts.forEach((verdict, position) => {
      if (verdict.admitted) return;
      const winner = sessions[admitted.indexOf(candidates[verdict.by])];
      const { by: _by, admitted: _admitted, ...shared } = verdict;
      const conflicts = [
        { window: 0, sessionId: winner.id, ...shared, startsAt: winner.startsAt, endsAt: winner.endsAt },
      ];
      outcomes[candidates[position]] = { ok: false, error: bookingConflict(conflicts, 1, false) };
    });
    return outcomes;
  }

  /**
   * Books windows of one request (a recurring series, or a single booking whose batch failed) in a
   * transaction of its own. With `skipConflicts` a series books the windows nothing stands in the way of.
   */
  private async bookWindows(
    body: CreateSessionBody,
    actor: Actor,
    windows: readonly Occurrence[],
  ): Promise<{ sessions: Session[]; seriesId: string | null; skipped: { startsAt: string; reason: string }[] }> {
    const series = body.recurrence !== undefined;
    const request: BookingRequest = { kind: body.kind, robotIds: body.robotIds, ...windowOf(body) };
    // Fast path: a booking that already-committed sessions stand in the way of answers 409 without
    // queueing for the locks. Only the locked check below (and the constraints) decide a success.
    const maySkip = series && body.skipConflicts === true;
    if (!maySkip && request.endsAt > request.startsAt) {
      const early = await findConflicts(this.dataSource.manager, body.bayId, body.robotIds, windows);
      if (early.length > 0) throw bookingConflict(early, windows.length, series);
    }

    return this.book(
      async (manager) => {
        await lockForBooking(manager, [body.bayId], body.robotIds);
        await this.assertBookable(manager, request, body.bayId);
        const conflicts = await findConflicts(manager, body.bayId, body.robotIds, windows);
        const { accepted, skipped } = this.partition(windows, conflicts);
        if (skipped.length > 0 && !maySkip) throw bookingConflict(conflicts, windows.length, series);
        const seriesId = series ? await this.insertSeries(manager, body.recurrence as string, actor) : null;
        const sessions = await this.insertSessions(
          manager,
          accepted.map((window) =>
            newSession(body, { bayId: body.bayId, robotIds: body.robotIds, ...window }, seriesId, actor),
          ),
        );
        await this.audit.recordMany(sessions.map(creationAudit), manager);
        return {
          sessions,
          seriesId,
          skipped: skipped.map((entry) => ({ startsAt: entry.startsAt, reason: entry.reason })),
        };
      },
      body.bayId,
      body.robotIds,
      windows,
    );
  }

  async reschedule(id: string, body: UpdateSessionBody): Promise<Session> {
    const session = await this.book(
      async (manager) => {
        const current = await this.lockSession(manager, id);
        if (current.status !== 'scheduled') {
          throw conflict(`the session is ${current.status}; only a scheduled session can be moved`);
        }
        const bayId = body.bayId ?? current.bay_id;
        const window: Window = {
          startsAt: new Date(body.startsAt ?? current.starts_at),
          endsAt: new Date(body.endsAt ?? current.ends_at),
        };
        await lockForBooking(manager, [...new Set([current.bay_id, bayId])], current.robot_ids);
        await this.assertBookable(manager, { kind: current.kind, robotIds: current.robot_ids, ...window }, bayId);
        const conflicts = await findConflicts(manager, bayId, current.robot_ids, [window], id);
        if (conflicts.length > 0) throw bookingConflict(conflicts, 1, false);
        await manager.query(
          'UPDATE training_sessions SET bay_id = $2, starts_at = $3, ends_at = $4, updated_at = now() WHERE id = $1',
          [id, bayId, window.startsAt, window.endsAt],
        );
        const [row] = await selectSessions(manager, [id]);
        const updated = presentSession(row);
        await this.audit.record(
          {
            action: 'session.reschedule',
            entity: 'session',
            entityId: id,
            before: auditView(presentSession(current)),
            after: auditView(updated),
          },
          manager,
        );
        return updated;
      },
      body.bayId ?? null,
      [],
      [],
    );
    await this.publish([session]);
    return session;
  }

  /** start, complete, abort or cancel; any other transition answers 409. */
  async act(id: string, action: SessionAction, body: SessionActionBody): Promise<Session> {
    const session = await retryTransient(() =>
      this.dataSource.transaction(async (manager) => {
        const [current] = await selectSessions(manager, [id]);
        if (!current) throw notFound('session', id);
        const transition = sessionTransition(current.status, action);
        if (!transition.ok) throw conflict(transition.reason);
        if (action === 'start') {
          await lockForBooking(manager, [current.bay_id], current.robot_ids);
          await this.assertNothingElseRunning(manager, current);
        }
        const timestamps =
          action === 'start' ? ', started_at = now()' : action === 'cancel' ? '' : ', ended_at = now()';
        let changed: [{ id: string }[], number];
        try {
          // The status condition makes two concurrent transitions of one session serialise: one wins.
          // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount].
          changed = await manager.query(
            `UPDATE training_sessions SET status = $3, updated_at = now()${timestamps}
              WHERE id = $1 AND status = $2 RETURNING id`,
            [id, current.status, transition.to],
          );
        } catch (error) {
          if (isPgError(error, PG.uniqueViolation)) throw conflict('another session is already running there');
          throw error;
        }
        if (changed[0].length === 0) throw conflict(`the session changed meanwhile; it can no longer ${action}`);
        const [row] = await selectSessions(manager, [id]);
        const updated = presentSession(row);
        await this.audit.record(
          {
            action: `session.${action}`,
            entity: 'session',
            entityId: id,
            before: { status: current.status },
            after: { status: updated.status, startedAt: updated.startedAt, endedAt: updated.endedAt },
            details: body.reason ? { reason: body.reason } : undefined,
          },
          manager,
        );
        return updated;
      }),
    );
    await this.publish([session]);
    return session;
  }

  async get(id: string, actor: Actor): Promise<Session> {
    const visible = await this.visibleRobots(actor);
    const [row] = await selectSessions(this.dataSource.manager, [id]);
    if (!row || (visible && !row.robot_ids.some((robotId) => visible.has(robotId)))) throw notFound('session', id);
    return presentSession(row, visible ?? undefined);
  }

  /** Ordered by start time; a vendor sees only sessions of its robots, and only its robots in them. */
  async list(query: ListSessionsQuery, actor: Actor): Promise<Page<Session>> {
    const visible = await this.visibleRobots(actor);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.bayId) conditions.push(`s.bay_id = ${param(query.bayId)}`);
    if (query.status) conditions.push(`s.status = ${param(query.status)}`);
    if (query.robotId) {
      conditions.push(
        `EXISTS (SELECT 1 FROM session_robots x WHERE x.session_id = s.id AND x.robot_id = ${param(query.robotId)})`,
      );
    }
    if (visible) {
      conditions.push(
        `EXISTS (SELECT 1 FROM session_robots x WHERE x.session_id = s.id AND x.robot_id = ANY(${param([...visible])}::uuid[]))`,
      );
    }
    if (query.from) conditions.push(`s.ends_at > ${param(query.from)}`);
    if (query.to) conditions.push(`s.starts_at < ${param(query.to)}`);
    if (query.cursor) {
      const [startsAt, id] = decodeCursor(query.cursor, ['string', 'string']);
      if (Number.isNaN(Date.parse(String(startsAt))) || !/^[0-9a-f-]{36}$/.test(String(id))) throw invalidCursor();
      conditions.push(`(s.starts_at, s.id) > (${param(startsAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY s.starts_at, s.id LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      query.limit,
      (row) => [row.starts_at.toISOString(), row.id],
      (row) => presentSession(row, visible ?? undefined),
    );
  }

  /** A session as the field's own jobs see it (no actor, no vendor scope); null when there is none. */
  async find(id: string): Promise<Session | null> {
    const [row] = await selectSessions(this.dataSource.manager, [id]);
    return row ? presentSession(row) : null;
  }

  /** Ids of the sessions that finished (completed or aborted) since `since`, oldest first. */
  async finishedSince(since: Date, limit: number): Promise<{ id: string; endedAt: string }[]> {
    const rows: { id: string; ended_at: Date }[] = await this.dataSource.query(
      `SELECT id, ended_at FROM training_sessions
        WHERE status IN ('completed', 'aborted') AND ended_at >= $1 ORDER BY ended_at, id LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({ id: row.id, endedAt: row.ended_at.toISOString() }));
  }

  /** The robot's sessions completed at or before `endedBy`, oldest first: what a graduation evaluation counts. */
  async completedOf(robotId: string, endedBy: Date): Promise<{ id: string; bayId: string; endedAt: number }[]> {
    const rows: { id: string; bay_id: string; ended_at: Date }[] = await this.dataSource.query(
      `SELECT s.id, s.bay_id, s.ended_at FROM session_robots r JOIN training_sessions s ON s.id = r.session_id
        WHERE r.robot_id = $1 AND r.active AND s.status = 'completed' AND s.ended_at <= $2
        ORDER BY s.ended_at, s.id`,
      [robotId, endedBy],
    );
    return rows.map((row) => ({ id: row.id, bayId: row.bay_id, endedAt: row.ended_at.getTime() }));
  }

  /** Sessions running now or that ran since `since`: what telemetry attributes samples to. */
  async runsSince(since: Date): Promise<Session[]> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        WHERE s.started_at IS NOT NULL AND (s.ended_at IS NULL OR s.ended_at >= $1)`,
      [since],
    );
    return rows.map((row) => presentSession(row));
  }

  /** The bay's live bookings within a window, for its calendar. */
  async forBay(bayId: string, from: Date, to: Date, limit: number): Promise<Session[]> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        WHERE s.bay_id = $1 AND s.status <> 'cancelled' AND s.ends_at > $2 AND s.starts_at < $3
        ORDER BY s.starts_at, s.id LIMIT $4`,
      [bayId, from, to, limit],
    );
    return rows.map((row) => presentSession(row));
  }

  /**
   * Runs a booking transaction: retried when PostgreSQL picks it as a deadlock victim, and an
   * exclusion violation that slipped past the locks still answers 409 with the sessions in the way.
   */
  private async book<T>(
    run: (manager: EntityManager) => Promise<T>,
    bayId: string | null,
    robotIds: readonly string[],
    windows: readonly Window[],
  ): Promise<T> {
    try {
      return await retryTransient(() => this.dataSource.transaction(run));
    } catch (error) {
      if (!BOOKING_CONSTRAINTS.some((constraint) => isPgError(error, PG.exclusionViolation, constraint))) throw error;
      const conflicts =
        bayId && windows.length > 0 ? await findConflicts(this.dataSource.manager, bayId, robotIds, windows) : [];
      throw bookingConflict(conflicts, windows.length, windows.length > 1);
    }
  }

  private async assertBookable(manager: EntityManager, request: BookingRequest, bayId: string): Promise<void> {
    const bay = await this.bays.findForBooking(bayId, manager);
    const robots = await this.robots.findForBooking(request.robotIds, manager);
    const problems = bookingProblems(request, bay, robots);
    if (problems) throw unbookable(problems);
  }

  private async assertNothingElseRunning(manager: EntityManager, session: SessionRow): Promise<void> {
    const running: { id: string; bay_id: string; robot_id: string | null; starts_at: Date; ends_at: Date }[] =
      await manager.query(
        `SELECT s.id, s.bay_id, NULL::uuid AS robot_id, s.starts_at, s.ends_at FROM training_sessions s
          WHERE s.bay_id = $1 AND s.status = 'running' AND s.id <> $3
         UNION ALL
         SELECT s.id, s.bay_id, sr.robot_id, s.starts_at, s.ends_at FROM session_robots sr
           JOIN training_sessions s ON s.id = sr.session_id
          WHERE sr.robot_id = ANY($2::uuid[]) AND sr.running AND s.id <> $3`,
        [session.bay_id, session.robot_ids, session.id],
      );
    if (running.length === 0) return;
    throw conflict('the bay or a robot of this session is already in a running session; finish that one first', {
      conflicts: running.map((row) => ({
        sessionId: row.id,
        ...(row.robot_id ? { robotId: row.robot_id } : { bayId: row.bay_id }),
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
      })),
    });
  }

  /** Which occurrences can be booked (those no other booking stands in the way of) and which not, and why. */
  private partition(windows: readonly Occurrence[], conflicts: readonly WindowConflict[]) {
    const blocked = new Map<number, string>();
    for (const found of conflicts) {
      if (blocked.has(found.window)) continue;
      blocked.set(
        found.window,
        found.robotId
          ? `robot ${found.robotId} is booked in session ${found.sessionId}`
          : `the bay is booked by session ${found.sessionId}`,
      );
    }
    const accepted: Occurrence[] = [];
    const skipped: { startsAt: string; reason: string }[] = [];
    windows.forEach((window, index) => {
      const reason = blocked.get(index);
      if (reason) skipped.push({ startsAt: window.startsAt.toISOString(), reason });
      else accepted.push(window);
    });
    return { accepted, skipped };
  }

  private async insertSeries(manager: EntityManager, rrule: string, actor: Actor): Promise<string> {
    const [series]: { id: string }[] = await manager.query(
      'INSERT INTO session_series (rrule, created_by) VALUES ($1, $2) RETURNING id',
      [rrule, actor.id],
    );
    return series.id;
  }

  /**
   * New sessions in one statement, then all their robots' participations in another; answered in
   * the order given (the ids are drawn first so that rows can be matched to what was asked).
   */
  private async insertSessions(manager: EntityManager, sessions: readonly NewSession[]): Promise<Session[]> {
    if (sessions.length === 0) return [];
    const inserted: (Omit<SessionRow, 'robot_ids'> & { n: string })[] = await manager.query(
      `WITH wanted AS (
         SELECT field_uuid_v7() AS id, w.*
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[], $6::uuid[],
                       $7::text[], $8::uuid[])
                WITH ORDINALITY AS w(bay_id, kind, task_keys, starts_at, ends_at, series_id, note, created_by, n)
       ), inserted AS (
         INSERT INTO training_sessions (id, bay_id, kind, task_keys, starts_at, ends_at, series_id, note, created_by)
         SELECT id, bay_id, kind, ARRAY(SELECT jsonb_array_elements_text(task_keys)), starts_at, ends_at, series_id,
                note, created_by
           FROM wanted
         RETURNING id, bay_id, kind, status, task_keys, starts_at, ends_at, started_at, ended_at, series_id, note,
                   created_by, created_at, updated_at
       )
       SELECT wanted.n, inserted.* FROM inserted JOIN wanted USING (id) ORDER BY wanted.n`,
      [
        sessions.map((session) => session.bayId),
        sessions.map((session) => session.kind),
        sessions.map((session) => JSON.stringify(session.taskKeys)),
        sessions.map((session) => session.startsAt.toISOString()),
        sessions.map((session) => session.endsAt.toISOString()),
        sessions.map((session) => session.seriesId),
        sessions.map((session) => session.note),
        sessions.map((session) => session.createdBy),
      ],
    );
    const participations = inserted.flatMap((row, index) =>
      sessions[index].robotIds.map((robotId, position) => ({ sessionId: row.id, robotId, position: position + 1 })),
    );
    await manager.query(
      `INSERT INTO session_robots (session_id, robot_id, position)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])`,
      [
        participations.map((entry) => entry.sessionId),
        participations.map((entry) => entry.robotId),
        participations.map((entry) => entry.position),
      ],
    );
    return inserted.map(({ n: _n, ...row }, index) =>
      presentSession({ ...row, robot_ids: [...sessions[index].robotIds] }),
    );
  }

  private async lockSession(manager: EntityManager, id: string): Promise<SessionRow> {
    const locked: unknown[] = await manager.query('SELECT id FROM training_sessions WHERE id = $1 FOR UPDATE', [id]);
    if (locked.length === 0) throw notFound('session', id);
    const [row] = await selectSessions(manager, [id]);
    return row;
  }

  private async visibleRobots(actor: Actor): Promise<Set<string> | null> {
    const vendorId = vendorScopeOf(actor);
    return vendorId === null ? null : new Set(await this.robots.idsOfVendor(vendorId));
  }

  private async publish(sessions: readonly Session[]): Promise<void> {
    for (const session of sessions) await this.events.publish(SESSION_UPDATED, session);
  }
}

function windowOf(body: CreateSessionBody): Window {
  return { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
}

function newSession(body: CreateSessionBody, wanted: WantedWindow, seriesId: string | null, actor: Actor): NewSession {
  return {
    ...wanted,
    kind: body.kind,
    taskKeys: body.taskKeys,
    seriesId,
    note: body.note ?? null,
    createdBy: actor.id,
  };
}

function unbookable(problems: BookingProblems): DomainError {
  return new DomainError('unprocessable', problems.detail, { errors: problems.errors });
}

function creationAudit(session: Session): AuditRecord {
  return { action: 'session.create', entity: 'session', entityId: session.id, after: auditView(session) };
}

function bookingConflict(conflicts: readonly WindowConflict[], windows: number, series: boolean): DomainError {
  const listed: BookingConflict[] = conflicts.map(({ window: _window, ...rest }) => rest);
  const occurrences = new Set(conflicts.map((found) => found.window)).size;
  const detail = series
    ? `${occurrences} of the series' ${windows} occurrences conflict with existing bookings; nothing was booked`
    : 'the bay or a robot is already booked for an overlapping time';
  return conflict(detail, { conflicts: dedupeConflicts(listed) });
}

function dedupeConflicts(conflicts: readonly BookingConflict[]): BookingConflict[] {
  const seen = new Set<string>();
  return conflicts.filter((found) => {
    const key = `${found.sessionId}:${found.bayId ?? ''}:${found.robotId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the audit trail keeps of a session. */
function auditView(session: Session): Record<string, unknown> {
  return {
    bayId: session.bayId,
    robotIds: session.robotIds,
    kind: session.kind,
    taskKeys: session.taskKeys,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    status: session.status,
  };
}
