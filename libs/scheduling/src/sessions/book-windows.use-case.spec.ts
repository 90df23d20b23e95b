import type { Actor } from '@app/platform';
import { DomainError } from '@app/platform';
import { startTestApp, TestApp } from '../../../../test/support/test-app';
import { BookingPolicy, BookWindows, WantedBooking } from './book-windows.use-case';

const HOUR = 3600 * 1000;
const BASE = Date.parse('2031-05-05T01:00:00Z');
const at = (hours: number) => new Date(BASE + hours * HOUR);

describe('BookWindows (real PostgreSQL)', () => {
  let field: TestApp;
  let bookWindows: BookWindows;
  let author: Actor;

  beforeAll(async () => {
    field = await startTestApp();
    bookWindows = field.app.get(BookWindows);
    const operator = await field.signIn('operator');
    author = (await operator.get('/users/me')).body as Actor;
  });

  afterAll(async () => {
    await field.close();
  });

  it('a batch of singles and a series meet the same stored booking with the same conflicts', async () => {
    const bay = await field.factory.bay({ capacity: 2 });
    const elsewhere = await field.factory.bay({ capacity: 2 });
    const [held, free] = [await field.factory.enrolledRobot(), await field.factory.enrolledRobot()];
    const { body: blocker } = await field.admin
      .post('/sessions', {
        bayId: elsewhere.id,
        robotIds: [held.id],
        kind: 'training',
        startsAt: at(0).toISOString(),
        endsAt: at(2).toISOString(),
      })
      .expect(201);
    const { body: bayBlocker } = await field.admin
      .post('/sessions', {
        bayId: bay.id,
        robotIds: [free.id],
        kind: 'training',
        startsAt: at(24).toISOString(),
        endsAt: at(26).toISOString(),
      })
      .expect(201);
    // Two windows in the way (the robot held elsewhere, then the bay taken) and one free one, a day
    // apart each time; every call moves the free one on so that earlier calls do not stand in its way.
    const windowsOf = (call: number, robotIds: string[]): WantedBooking[] =>
      [1, 25, 48 + call * 24].map((hour) => ({
        bayId: bay.id,
        robotIds,
        startsAt: at(hour),
        endsAt: at(hour + 1),
        kind: 'training',
        taskKeys: [],
        note: null,
        author,
        requestId: null,
        ip: null,
      }));
    const robotConflict = {
      sessionId: blocker.id,
      robotId: held.id,
      startsAt: at(0).toISOString(),
      endsAt: at(2).toISOString(),
    };
    const bayConflict = {
      sessionId: bayBlocker.id,
      bayId: bay.id,
      startsAt: at(24).toISOString(),
      endsAt: at(26).toISOString(),
    };
    const call = (index: number, policy: BookingPolicy) =>
      bookWindows.execute({
        bookings: windowsOf(index, [held.id]),
        policy,
        ...(policy === 'independent' ? {} : { series: { rrule: 'FREQ=DAILY;COUNT=3', createdBy: author.id } }),
      });

    const batch = await call(0, 'independent');
    const skipping = await call(1, 'skip-conflicts');
    for (const { outcomes } of [batch, skipping]) {
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false, true]);
      expect(outcomes.map((outcome) => (outcome.ok ? [] : outcome.conflicts))).toEqual([
        [{ window: 0, ...robotConflict }],
        [{ window: 1, ...bayConflict }],
        [],
      ]);
    }
    for (const outcome of batch.outcomes.slice(0, 2)) {
      expect(outcome.ok ? null : (outcome.error as DomainError).code).toBe('conflict');
    }

    const before = await field.sql('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bay.id]);
    const refused = await call(2, 'all-or-nothing').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('conflict');
    expect((refused as DomainError).detail).toBe(
      "2 of the series' 3 occurrences conflict with existing bookings; nothing was booked",
    );
    expect((refused as DomainError).extensions.conflicts).toEqual([robotConflict, bayConflict]);
    expect(await field.sql('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bay.id])).toEqual(
      before,
    );
  });

  it('windows of one call that overlap each other: the earlier wins, the later is told which session took it', async () => {
    const bay = await field.factory.bay({ capacity: 2 });
    const [first, second] = [await field.factory.enrolledRobot(), await field.factory.enrolledRobot()];
    const wanted = (robotId: string, hour: number): WantedBooking => ({
      bayId: bay.id,
      robotIds: [robotId],
      startsAt: at(100 + hour),
      endsAt: at(102 + hour),
      kind: 'training',
      taskKeys: [],
      note: null,
      author,
      requestId: null,
      ip: null,
    });
    const { outcomes } = await bookWindows.execute({
      bookings: [wanted(first.id, 0), wanted(second.id, 1)],
      policy: 'independent',
    });
    expect(outcomes[0].ok).toBe(true);
    const winner = outcomes[0].ok ? outcomes[0].session : null;
    expect(outcomes[1].ok ? [] : outcomes[1].conflicts).toEqual([
      { window: 1, sessionId: winner?.id, bayId: bay.id, startsAt: winner?.startsAt, endsAt: winner?.endsAt },
    ]);
  });
});
