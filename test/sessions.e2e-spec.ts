import type { Session } from '@app/contract';
import { EventBus, FieldEvent } from '@app/platform';
import { startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';
const HOUR = 3600 * 1000;
/** A fixed future Monday 09:00 in Mianyang, so recurring rules land on known dates. */
const BASE = Date.parse('2027-03-01T01:00:00Z');
const at = (hours: number) => new Date(BASE + hours * HOUR).toISOString();

describe('training sessions', () => {
  let field: TestApp;
  let operator: Awaited<ReturnType<TestApp['signIn']>>;

  beforeAll(async () => {
    field = await startTestApp();
    operator = await field.signIn('operator');
  });

  afterAll(async () => {
    await field.close();
  });

  const book = (body: Record<string, unknown>) => operator.post('/sessions', body);
  const setup = async (robotCount = 1, bayOverrides: Record<string, unknown> = {}) => {
    const bay = await field.factory.bay({ capacity: 4, ...bayOverrides });
    const robots = [];
    for (let i = 0; i < robotCount; i++) robots.push(await field.factory.enrolledRobot());
    return { bay, robots, robotIds: robots.map((robot) => robot.id as string) };
  };

  describe('booking', () => {
    it('books a bay (201) as "scheduled" with the robots in the order given', async () => {
      const { bay, robotIds } = await setup(2);
      const response = await book({
        bayId: bay.id,
        robotIds,
        taskKeys: ['pick_place', 'guide_tour'],
        kind: 'training',
        startsAt: at(0),
        endsAt: at(2),
        note: '首期虚拟训练',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        bayId: bay.id,
        robotIds,
        taskKeys: ['pick_place', 'guide_tour'],
        kind: 'training',
        status: 'scheduled',
        startsAt: at(0),
        endsAt: at(2),
        startedAt: null,
        endedAt: null,
        seriesId: null,
        note: '首期虚拟训练',
        createdBy: operator.userId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await field.admin.get(`/sessions/${response.body.id}`)).body).toEqual(response.body);
    });

    it('409 with the conflicting session for an overlapping booking of the bay; back-to-back is fine', async () => {
      const { bay, robots } = await setup(3);
      const first = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(10),
        endsAt: at(12),
      });
      const overlap = await book({
        bayId: bay.id,
        robotIds: [robots[1].id],
        kind: 'training',
        startsAt: at(11),
        endsAt: at(13),
      });
      expect(overlap.status).toBe(409);
      expect(overlap.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(overlap.body.conflicts).toEqual([
        { sessionId: first.body.id, bayId: bay.id, startsAt: at(10), endsAt: at(12) },
      ]);
      const before = await book({
        bayId: bay.id,
        robotIds: [robots[1].id],
        kind: 'training',
        startsAt: at(8),
        endsAt: at(10),
      });
      const after = await book({
        bayId: bay.id,
        robotIds: [robots[2].id],
        kind: 'training',
        startsAt: at(12),
        endsAt: at(14),
      });
      expect([before.status, after.status]).toEqual([201, 201]);
    });

    it('409 naming the robot when a robot is booked elsewhere at an overlapping time', async () => {
      const { robotIds } = await setup(1);
      const bayA = await field.factory.bay();
      const bayB = await field.factory.bay();
      const first = await book({ bayId: bayA.id, robotIds, kind: 'training', startsAt: at(20), endsAt: at(22) });
      const clash = await book({ bayId: bayB.id, robotIds, kind: 'assessment', startsAt: at(21), endsAt: at(23) });
      expect(clash.status).toBe(409);
      expect(clash.body.conflicts).toEqual([
        { sessionId: first.body.id, robotId: robotIds[0], startsAt: at(20), endsAt: at(22) },
      ]);
    });

    it('a cancelled session frees its slot', async () => {
      const { bay, robotIds } = await setup(1);
      const first = await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(30), endsAt: at(32) });
      await operator.post(`/sessions/${first.body.id}/cancel`, { reason: '设备检修' }).expect(200);
      const again = await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(30), endsAt: at(32) });
      expect(again.status).toBe(201);
    });

    it('accepts windows in the past (back-filled records)', async () => {
      const { bay, robotIds } = await setup(1);
      const past = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: new Date(Date.now() - 5 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      });
      expect(past.status).toBe(201);
    });

    describe('422 rules, each explained', () => {
      it('more robots than the bay holds', async () => {
        const { bay, robotIds } = await setup(3, { capacity: 2 });
        const response = await book({ bayId: bay.id, robotIds, kind: 'drill', startsAt: at(40), endsAt: at(41) });
        expect(response.status).toBe(422);
        expect(response.body.detail).toMatch(/holds at most 2 robot\(s\), not 3/);
        expect(response.body.errors).toEqual([{ field: 'robotIds', message: "exceeds the bay's capacity of 2" }]);
      });

      it('a bay in maintenance', async () => {
        const { bay, robotIds } = await setup(1);
        await operator.patch(`/bays/${bay.id}`, { status: 'maintenance' }).expect(200);
        const response = await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(40), endsAt: at(41) });
        expect(response.status).toBe(422);
        expect(response.body.detail).toMatch(/is in maintenance/);
      });

      it('a robot that is not enrolled, or does not exist', async () => {
        const { bay } = await setup(0);
        const applied = await field.factory.robot();
        const response = await book({
          bayId: bay.id,
          robotIds: [applied.id, UNKNOWN_ID],
          kind: 'training',
          startsAt: at(40),
          endsAt: at(41),
        });
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([
          { field: 'robotIds[0]', message: 'is applied, not enrolled' },
          { field: 'robotIds[1]', message: 'names no robot' },
        ]);
      });

      it('endsAt not after startsAt', async () => {
        const { bay, robotIds } = await setup(1);
        for (const endsAt of [at(40), at(39)]) {
          const response = await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(40), endsAt });
          expect(response.status).toBe(422);
          expect(response.body.errors).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
        }
      });

      it('a drill with fewer than 2 robots', async () => {
        const { bay, robotIds } = await setup(1);
        const response = await book({ bayId: bay.id, robotIds, kind: 'drill', startsAt: at(40), endsAt: at(41) });
        expect(response.status).toBe(422);
        expect(response.body.detail).toBe('a group drill needs at least 2 robots');
      });

      it('an unknown bay', async () => {
        const { robotIds } = await setup(1);
        const response = await book({
          bayId: UNKNOWN_ID,
          robotIds,
          kind: 'training',
          startsAt: at(40),
          endsAt: at(41),
        });
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([{ field: 'bayId', message: 'names no bay' }]);
      });
    });

    it('400 naming malformed fields', async () => {
      const response = await book({
        bayId: UNKNOWN_ID,
        robotIds: ['nope'],
        kind: 'party',
        startsAt: '2027-03-01 09:00',
        endsAt: at(1),
        taskKeys: ['Bad Key'],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'robotIds[0]', message: 'must be a UUID' },
        { field: 'taskKeys[0]', message: expect.stringMatching(/^must be 1–64 letters/) },
        { field: 'kind', message: 'must be one of training, assessment, drill' },
        { field: 'startsAt', message: expect.stringMatching(/^must be an ISO-8601 timestamp/) },
      ]);
    });

    it('engineers and vendors may not book', async () => {
      for (const role of ['engineer', 'vendor'] as const) {
        const session = await field.signIn(role);
        expect((await session.post('/sessions', {})).status).toBe(403);
      }
    });
  });

  describe('running a session', () => {
    it('start → complete records when it actually ran; other transitions are 409', async () => {
      const { bay, robotIds } = await setup(1);
      const { body: session } = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(50),
        endsAt: at(52),
      });
      expect((await operator.post(`/sessions/${session.id}/complete`)).status).toBe(409);
      const started = await operator.post(`/sessions/${session.id}/start`);
      expect(started.status).toBe(200);
      expect(started.body.status).toBe('running');
      expect(Date.parse(started.body.startedAt)).toBeGreaterThan(Date.now() - 60_000);
      const cancel = await operator.post(`/sessions/${session.id}/cancel`);
      expect(cancel.status).toBe(409);
      expect(cancel.body.detail).toBe('the session is running; only a scheduled session can cancel');
      const completed = await operator.post(`/sessions/${session.id}/complete`);
      expect(completed.body).toMatchObject({ status: 'completed', startedAt: started.body.startedAt });
      expect(Date.parse(completed.body.endedAt)).toBeGreaterThanOrEqual(Date.parse(started.body.startedAt));
      expect((await operator.post(`/sessions/${session.id}/abort`)).status).toBe(409);
      expect((await operator.post(`/sessions/${UNKNOWN_ID}/start`)).status).toBe(404);
    });

    it('aborts a running session with a reason', async () => {
      const { bay, robotIds } = await setup(1);
      const { body: session } = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(54),
        endsAt: at(55),
      });
      await operator.post(`/sessions/${session.id}/start`).expect(200);
      const aborted = await operator.post(`/sessions/${session.id}/abort`, { reason: '急停触发' });
      expect(aborted.body.status).toBe('aborted');
      const [entry] = await field.sql<{ summary: { reason: string } }>(
        "SELECT summary FROM audit_log WHERE action = 'session.abort' AND entity_id = $1",
        [session.id],
      );
      expect(entry.summary.reason).toBe('急停触发');
    });

    it('of two concurrent starts of one session, one wins and one gets 409', async () => {
      const { bay, robotIds } = await setup(1);
      const { body: session } = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(56),
        endsAt: at(57),
      });
      const answers = await Promise.all([
        operator.post(`/sessions/${session.id}/start`),
        operator.post(`/sessions/${session.id}/start`),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    });

    it('of two concurrent completions, one wins; the loser is neither audited nor published', async () => {
      const { bay, robotIds } = await setup(1);
      const { body: session } = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(58),
        endsAt: at(59),
      });
      await operator.post(`/sessions/${session.id}/start`).expect(200);
      const answers = await Promise.all([
        operator.post(`/sessions/${session.id}/complete`),
        operator.post(`/sessions/${session.id}/complete`),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const audited = await field.sql("SELECT id FROM audit_log WHERE entity_id = $1 AND action = 'session.complete'", [
        session.id,
      ]);
      expect(audited).toHaveLength(1);
    });

    it('refuses to start a session whose robot is training in another running session', async () => {
      const { robotIds } = await setup(1);
      const bayA = await field.factory.bay();
      const bayB = await field.factory.bay();
      const { body: a } = await book({ bayId: bayA.id, robotIds, kind: 'training', startsAt: at(60), endsAt: at(61) });
      const { body: b } = await book({ bayId: bayB.id, robotIds, kind: 'training', startsAt: at(62), endsAt: at(63) });
      await operator.post(`/sessions/${a.id}/start`).expect(200);
      const refused = await operator.post(`/sessions/${b.id}/start`);
      expect(refused.status).toBe(409);
      expect(refused.body.conflicts).toEqual([expect.objectContaining({ sessionId: a.id, robotId: robotIds[0] })]);
      await operator.post(`/sessions/${a.id}/complete`).expect(200);
      await operator.post(`/sessions/${b.id}/start`).expect(200);
    });
  });

  describe('rescheduling', () => {
    it('moves a scheduled session under the same rules, freeing its old slot', async () => {
      const { bay, robots } = await setup(2);
      const { body: a } = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(70),
        endsAt: at(72),
      });
      const { body: b } = await book({
        bayId: bay.id,
        robotIds: [robots[1].id],
        kind: 'training',
        startsAt: at(72),
        endsAt: at(74),
      });

      const clash = await operator.patch(`/sessions/${b.id}`, { startsAt: at(71) });
      expect(clash.status).toBe(409);
      expect(clash.body.conflicts).toEqual([{ sessionId: a.id, bayId: bay.id, startsAt: at(70), endsAt: at(72) }]);

      const moved = await operator.patch(`/sessions/${a.id}`, { startsAt: at(68), endsAt: at(70) });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ startsAt: at(68), endsAt: at(70), status: 'scheduled' });
      await operator.patch(`/sessions/${b.id}`, { startsAt: at(70) }).expect(200);
    });

    it('moves to another bay, refusing one in maintenance, and only while scheduled', async () => {
      const { bay, robotIds } = await setup(1);
      const closed = await field.factory.bay();
      await operator.patch(`/bays/${closed.id}`, { status: 'maintenance' }).expect(200);
      const open = await field.factory.bay();
      const { body: session } = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(80),
        endsAt: at(81),
      });
      expect((await operator.patch(`/sessions/${session.id}`, { bayId: closed.id })).status).toBe(422);
      expect((await operator.patch(`/sessions/${session.id}`, { endsAt: at(79) })).status).toBe(422);
      expect((await operator.patch(`/sessions/${session.id}`, { bayId: open.id })).body.bayId).toBe(open.id);
      await operator.post(`/sessions/${session.id}/start`).expect(200);
      const late = await operator.patch(`/sessions/${session.id}`, { endsAt: at(82) });
      expect(late.status).toBe(409);
      expect((await operator.patch(`/sessions/${session.id}`, {})).status).toBe(400);
    });
  });

  describe('listing', () => {
    it('filters by bay, robot, status and time window, ordered by start, with cursors', async () => {
      const { bay, robots } = await setup(2);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const { body } = await book({
          bayId: bay.id,
          robotIds: [robots[i % 2].id],
          kind: 'training',
          startsAt: at(100 + 3 - i),
          endsAt: at(100 + 4 - i),
        });
        ids.unshift(body.id);
      }
      const page1 = await field.admin.get(`/sessions?bayId=${bay.id}&limit=3`);
      expect(page1.body.items.map((s: Session) => s.id)).toEqual(ids.slice(0, 3));
      const page2 = await field.admin.get(`/sessions?bayId=${bay.id}&limit=3&cursor=${page1.body.nextCursor}`);
      expect(page2.body.items.map((s: Session) => s.id)).toEqual(ids.slice(3));
      expect(page2.body.nextCursor).toBeNull();

      const byRobot = await field.admin.get(`/sessions?robotId=${robots[0].id}`);
      expect(byRobot.body.items.every((s: Session) => s.robotIds.includes(robots[0].id))).toBe(true);
      const windowed = await field.admin.get(
        `/sessions?bayId=${bay.id}&from=${encodeURIComponent(at(101.5))}&to=${encodeURIComponent(at(102.5))}`,
      );
      expect(windowed.body.items.map((s: Session) => s.startsAt)).toEqual([at(101), at(102)]);
      await operator.post(`/sessions/${ids[0]}/cancel`).expect(200);
      const cancelled = await field.admin.get(`/sessions?bayId=${bay.id}&status=cancelled`);
      expect(cancelled.body.items.map((s: Session) => s.id)).toEqual([ids[0]]);
    });

    it('a vendor sees only sessions of its robots, and only its robots in them', async () => {
      const vendor = await field.factory.vendor();
      const mine = await field.factory.enrolledRobot({ vendorId: vendor.id });
      const theirs = await field.factory.enrolledRobot();
      const bay = await field.factory.bay();
      const { body: shared } = await book({
        bayId: bay.id,
        robotIds: [theirs.id, mine.id],
        kind: 'drill',
        startsAt: at(110),
        endsAt: at(111),
      });
      const { body: foreign } = await book({
        bayId: bay.id,
        robotIds: [theirs.id],
        kind: 'training',
        startsAt: at(111),
        endsAt: at(112),
      });
      const vendorUser = await field.signIn('vendor', { vendorId: vendor.id });
      const list = await vendorUser.get('/sessions');
      expect(list.body.items.map((s: Session) => s.id)).toEqual([shared.id]);
      expect(list.body.items[0].robotIds).toEqual([mine.id]);
      expect((await vendorUser.get(`/sessions/${foreign.id}`)).status).toBe(404);
    });
  });

  describe('recurring series', () => {
    it('books every occurrence of an RRULE read in the field’s time zone', async () => {
      const { bay, robotIds } = await setup(1);
      const response = await book({
        bayId: bay.id,
        robotIds,
        kind: 'training',
        startsAt: at(168), // Monday 2027-03-08 09:00 CST
        endsAt: at(169),
        recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4',
      });
      expect(response.status).toBe(201);
      expect(response.body.skipped).toEqual([]);
      expect(response.body.created.map((s: Session) => s.startsAt)).toEqual([at(168), at(240), at(336), at(408)]);
      expect(response.body.created.every((s: Session) => s.seriesId === response.body.seriesId)).toBe(true);
    });

    it('is all-or-nothing without skipConflicts: 409 listing the conflicts, and nothing stored', async () => {
      const { bay, robots } = await setup(2);
      const { body: blocker } = await book({
        bayId: bay.id,
        robotIds: [robots[1].id],
        kind: 'training',
        startsAt: at(500 + 48),
        endsAt: at(500 + 49),
      });
      const before = await field.sql('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bay.id]);
      const response = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(500),
        endsAt: at(502),
        recurrence: 'FREQ=DAILY;COUNT=5',
      });
      expect(response.status).toBe(409);
      expect(response.body.detail).toMatch(/1 of the series' 5 occurrences conflict/);
      expect(response.body.conflicts).toEqual([
        { sessionId: blocker.id, bayId: bay.id, startsAt: at(548), endsAt: at(549) },
      ]);
      expect(await field.sql('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bay.id])).toEqual(
        before,
      );
      expect(await field.sql('SELECT count(*)::int AS n FROM session_series')).toEqual(
        await field.sql(
          'SELECT count(DISTINCT series_id)::int AS n FROM training_sessions WHERE series_id IS NOT NULL',
        ),
      );
    });

    it('with skipConflicts books the rest and names the skipped dates and why', async () => {
      const { bay, robots } = await setup(2);
      const { body: blocker } = await book({
        bayId: bay.id,
        robotIds: [robots[1].id],
        kind: 'training',
        startsAt: at(600 + 24),
        endsAt: at(600 + 25),
      });
      const response = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(600),
        endsAt: at(602),
        recurrence: 'FREQ=DAILY;COUNT=3',
        skipConflicts: true,
      });
      expect(response.status).toBe(201);
      expect(response.body.created.map((s: Session) => s.startsAt)).toEqual([at(600), at(648)]);
      expect(response.body.skipped).toEqual([
        { startsAt: at(624), reason: `the bay is booked by session ${blocker.id}` },
      ]);
    });

    it('400 for a rule without COUNT or UNTIL, or with more than 100 occurrences', async () => {
      const { bay, robotIds } = await setup(1);
      const base = { bayId: bay.id, robotIds, kind: 'training', startsAt: at(700), endsAt: at(701) };
      const unbounded = await book({ ...base, recurrence: 'FREQ=DAILY' });
      expect(unbounded.status).toBe(400);
      expect(unbounded.body.errors).toEqual([{ field: 'recurrence', message: 'needs COUNT or UNTIL' }]);
      expect((await book({ ...base, recurrence: 'FREQ=DAILY;COUNT=101' })).status).toBe(400);
    });
  });

  describe('bay calendar', () => {
    it('serves text/calendar with one VEVENT per non-cancelled session', async () => {
      const { bay, robots } = await setup(1);
      const { body: kept } = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        taskKeys: ['pick_place'],
        startsAt: at(800),
        endsAt: at(801),
      });
      const { body: dropped } = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(802),
        endsAt: at(803),
      });
      await operator.post(`/sessions/${dropped.id}/cancel`).expect(200);
      const response = await operator.get(`/bays/${bay.id}/calendar.ics?to=${encodeURIComponent(at(2000))}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const text = response.text.replace(/\r\n[ \t]/g, '');
      expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(text).toContain(`UID:${kept.id}@localhost`);
      expect(text).toContain(`SUMMARY:训练 Training: ${robots[0].name} (${robots[0].serialNumber}) — pick_place`);
      expect((await operator.get(`/bays/${UNKNOWN_ID}/calendar.ics`)).status).toBe(404);
    });

    it('gives calendar apps a subscription link that reads that one bay without a bearer token', async () => {
      const scheduler = await field.signIn('operator');
      const { bay, robots } = await setup(1);
      const other = await field.factory.bay();
      const { body: booked } = await book({
        bayId: bay.id,
        robotIds: [robots[0].id],
        kind: 'training',
        startsAt: at(850),
        endsAt: at(851),
      });
      const issued = await scheduler.post(`/bays/${bay.id}/calendar-feed`).expect(201);
      expect(issued.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        url: expect.stringMatching(
          new RegExp(`^${field.config.publicUrl}/api/v1/bays/${bay.id}/calendar\\.ics\\?feed=`),
        ),
        webcalUrl: expect.stringMatching(/^webcal:\/\//),
        expiresAt: expect.any(String),
      });
      expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
      const feed = new URL(issued.body.url).searchParams.get('feed') as string;
      const through = (bayId: string, token: string) =>
        field.anonymous.get(
          `/bays/${bayId}/calendar.ics?to=${encodeURIComponent(at(2000))}&feed=${encodeURIComponent(token)}`,
        );

      const calendar = await through(bay.id, feed);
      expect(calendar.status).toBe(200);
      expect(calendar.headers['content-type']).toMatch(/^text\/calendar/);
      expect(calendar.text).toContain(`UID:${booked.id}@localhost`);
      // Only that bay, only that calendar, and never a sign-in.
      expect((await through(other.id, feed)).status).toBe(401);
      expect((await through(bay.id, `${feed.slice(0, -2)}xx`)).status).toBe(401);
      expect((await field.anonymous.get('/robots').set('Authorization', `Bearer ${feed}`)).status).toBe(401);
      expect((await field.anonymous.get(`/bays/${bay.id}`).query({ feed })).status).toBe(401);
      const audited = await field.sql(
        "SELECT actor_id FROM audit_log WHERE action = 'bay.calendar_feed' AND entity_id = $1",
        [bay.id],
      );
      expect(audited).toEqual([{ actor_id: scheduler.userId }]);
      // A vendor gets no link; a deactivated person's links stop working.
      expect((await (await field.signIn('vendor')).post(`/bays/${bay.id}/calendar-feed`)).status).toBe(403);
      await field.admin.patch(`/users/${scheduler.userId}`, { active: false }).expect(200);
      expect((await through(bay.id, feed)).status).toBe(401);
    });
  });

  describe('side effects', () => {
    it('publishes session.updated on the event bus and audits every change', async () => {
      const received: Session[] = [];
      const off = field.app.get(EventBus).on<Session>('session.updated', (event: FieldEvent<Session>) => {
        received.push(event.payload);
      });
      try {
        const { bay, robotIds } = await setup(1);
        const { body } = await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(900), endsAt: at(901) });
        await operator.post(`/sessions/${body.id}/start`).expect(200);
        await waitFor(() => received.filter((session) => session.id === body.id).length >= 2);
        expect(received.filter((session) => session.id === body.id).map((session) => session.status)).toEqual([
          'scheduled',
          'running',
        ]);
        const actions = await field.sql<{ action: string }>(
          'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
          [body.id],
        );
        expect(actions.map((row) => row.action)).toEqual(['session.create', 'session.start']);
      } finally {
        off();
      }
    });
  });

  describe('under contention', () => {
    const noOverlapSql = `
      SELECT count(*)::int AS n FROM training_sessions a JOIN training_sessions b
        ON a.id < b.id AND a.status <> 'cancelled' AND b.status <> 'cancelled'
       AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
       AND (a.bay_id = b.bay_id OR EXISTS (
         SELECT 1 FROM session_robots x JOIN session_robots y ON x.robot_id = y.robot_id
          WHERE x.session_id = a.id AND y.session_id = b.id))`;

    it('50 simultaneous bookings of overlapping windows in one bay: exactly one stored, 49 × 409', async () => {
      const bay = await field.factory.bay({ capacity: 2 });
      const robots = [];
      for (let i = 0; i < 50; i++) robots.push(await field.factory.enrolledRobot());
      const answers = await Promise.all(
        robots.map((robot, i) =>
          book({
            bayId: bay.id,
            robotIds: [robot.id],
            kind: 'training',
            startsAt: at(1000 + i * 0.01),
            endsAt: at(1002),
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      expect(await field.sql('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bay.id])).toEqual([
        { n: 1 },
      ]);
      expect(await field.sql(noOverlapSql)).toEqual([{ n: 0 }]);
    });

    it('50 simultaneous bookings sharing one robot across 50 bays: exactly one stored, 49 × 409', async () => {
      const robot = await field.factory.enrolledRobot();
      const bays = [];
      for (let i = 0; i < 50; i++) bays.push(await field.factory.bay());
      const answers = await Promise.all(
        bays.map((bay, i) =>
          book({
            bayId: bay.id,
            robotIds: [robot.id],
            kind: 'training',
            startsAt: at(1100 + i * 0.01),
            endsAt: at(1102),
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      expect(await field.sql(noOverlapSql)).toEqual([{ n: 0 }]);
    });

    it('bookings made at the same moment by different people each keep their own author and request id', async () => {
      const second = await field.signIn('operator');
      const authors = [operator, second, field.admin, operator, second, field.admin];
      const bays: Awaited<ReturnType<TestApp['factory']['bay']>>[] = [];
      for (let i = 0; i < authors.length; i++) bays.push(await field.factory.bay());
      const robots: Awaited<ReturnType<TestApp['factory']['enrolledRobot']>>[] = [];
      for (let i = 0; i < authors.length; i++) robots.push(await field.factory.enrolledRobot());
      // Sent together, so that they share the server's booking batches.
      const answers = await Promise.all(
        authors.map((author, i) =>
          author
            .post('/sessions', {
              bayId: bays[i].id,
              robotIds: [robots[i].id],
              kind: 'training',
              startsAt: at(1150),
              endsAt: at(1151),
            })
            .set('X-Request-Id', `req-batch-${i}`),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(authors.map(() => 201));
      const audited = await field.sql<{ entity_id: string; actor_id: string; request_id: string }>(
        "SELECT entity_id, actor_id, request_id FROM audit_log WHERE action = 'session.create' AND entity_id = ANY($1)",
        [answers.map((answer) => answer.body.id)],
      );
      const me = await Promise.all([operator, second, field.admin].map((author) => author.get('/users/me')));
      const idOf = new Map([operator, second, field.admin].map((author, i) => [author, me[i].body.id]));
      expect(audited.sort((a, b) => a.request_id.localeCompare(b.request_id))).toEqual(
        answers.map((answer, i) => ({
          entity_id: answer.body.id,
          actor_id: idOf.get(authors[i]),
          request_id: `req-batch-${i}`,
        })),
      );
      expect(answers.map((answer) => answer.body.createdBy)).toEqual(authors.map((author) => idOf.get(author)));
    });

    it('the database itself refuses an overlap written past the service', async () => {
      const { bay, robotIds } = await setup(1);
      await book({ bayId: bay.id, robotIds, kind: 'training', startsAt: at(1200), endsAt: at(1202) }).expect(201);
      await expect(
        field.sql("INSERT INTO training_sessions (bay_id, kind, starts_at, ends_at) VALUES ($1, 'training', $2, $3)", [
          bay.id,
          at(1201),
          at(1203),
        ]),
      ).rejects.toThrow(/training_sessions_bay_overlap_excl/);
    });
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
