import {
  UNAUTHORIZED_CONNECT_ERROR,
  UNAVAILABLE_CONNECT_ERROR,
  type CalendarFeedLink,
  type WatchAck,
} from '@app/contract';
import { AccessTokens } from '@app/identity';
import { startSimulator } from '../apps/robot-sim/src/simulator';
import type { Socket } from 'socket.io-client';
import { FieldChild, startFieldProcess } from './support/field-process';
import { connect, emitWithAck, waitFor } from './support/sockets';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN_DATABASE_URL } from './support/test-env';

/** Live revocation must reach a socket within 5 s (CONTRACT.md, Auth and users). */
const WITHIN_MS = 5_000;

/** Resolves with the reason once the server closes the socket. */
function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve('already closed');
    socket.once('disconnect', (reason) => resolve(reason));
  });
}

async function withinLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} not within ${WITHIN_MS} ms`)), WITHIN_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The connect_error message a handshake fails with (the test fails should it connect). */
async function refusal(url: string, namespace: '/robot' | '/watch', token: string): Promise<string> {
  try {
    const socket = await connect(url, namespace, token);
    socket.close();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`the handshake on ${namespace} was accepted`);
}

describe('access that follows identity', () => {
  let field: TestApp;
  const sockets: Socket[] = [];
  const open = async (url: string, namespace: '/robot' | '/watch', token: string) => {
    const socket = await connect(url, namespace, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    field = await startTestApp();
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await field.close();
  });

  describe('logout', () => {
    it('ends the presented token at once over HTTP and on its sockets, and only that token', async () => {
      const engineer = await field.signIn('engineer');
      const { email } = (await engineer.get('/users/me').expect(200)).body as { email: string };
      const other = await field.login(email, `password-of-engineer-${email.split('-')[1]}`);
      const watcher = await open(field.url, '/watch', engineer.token!);
      const otherWatcher = await open(field.url, '/watch', other.token!);
      const ended = closed(watcher);

      await engineer.post('/auth/logout').expect(204);

      expect((await engineer.get('/users/me')).status).toBe(401);
      expect(await withinLimit(ended, 'the logged-out socket closing')).toBe('io server disconnect');
      expect(await refusal(field.url, '/watch', engineer.token!)).toBe(UNAUTHORIZED_CONNECT_ERROR);
      // Another sign-in of the same person (another device) is not logged out.
      await other.get('/users/me').expect(200);
      expect(otherWatcher.connected).toBe(true);
      expect(
        await emitWithAck<WatchAck>(otherWatcher, 'subscribe', { robotId: (await field.factory.robot()).id }),
      ).toEqual({ ok: true });
      const audited = await field.sql(
        "SELECT actor_id FROM audit_log WHERE action = 'auth.logout' AND entity_id = $1",
        [engineer.userId],
      );
      expect(audited).toEqual([{ actor_id: engineer.userId }]);
      await field.anonymous.post('/auth/logout').expect(401);
    });
  });

  describe('a password change', () => {
    it('ends every token issued before it, and the person signs in again with the new password', async () => {
      const operator = await field.signIn('operator');
      const { email } = (await operator.get('/users/me').expect(200)).body as { email: string };
      const watcher = await open(field.url, '/watch', operator.token!);
      const ended = closed(watcher);

      await field.admin.patch(`/users/${operator.userId}`, { password: 'a-brand-new-password' }).expect(200);

      expect((await operator.get('/users/me')).status).toBe(401);
      await withinLimit(ended, 'the socket of the old password closing');
      expect(await refusal(field.url, '/watch', operator.token!)).toBe(UNAUTHORIZED_CONNECT_ERROR);
      const again = await field.login(email, 'a-brand-new-password');
      await again.get('/users/me').expect(200);
    });
  });

  describe('token expiry', () => {
    it('ends a /watch socket when its access token expires', async () => {
      const engineer = await field.signIn('engineer');
      const { token } = await field.app
        .get(AccessTokens)
        .issue({ id: engineer.userId, role: 'engineer', vendorId: null, tokenVersion: 0 }, 2);
      const watcher = await open(field.url, '/watch', token);
      const ended = closed(watcher);
      await withinLimit(ended, 'the socket closing at its token expiry');
      expect(await refusal(field.url, '/watch', token)).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });
  });

  describe('across processes', () => {
    let other: FieldChild;

    beforeAll(async () => {
      other = await startFieldProcess({
        DATABASE_URL: field.config.databaseUrl,
        REDIS_URL: field.config.redisUrl,
        FIELD_QUEUE_PREFIX: field.config.queuePrefix,
        FIELD_ROLE: 'api',
      });
    });

    afterAll(async () => {
      await other.stop();
    });

    it.each([
      ['deactivation', async () => ({ active: false }) as object],
      ['a role change', async () => ({ role: 'operator' }) as object],
    ])('%s closes the person’s /watch sockets on another process', async (_, change) => {
      const engineer = await field.signIn('engineer');
      const there = await open(other.url, '/watch', engineer.token!);
      const here = await open(field.url, '/watch', engineer.token!);
      const endedThere = closed(there);
      const endedHere = closed(here);

      await field.admin.patch(`/users/${engineer.userId}`, await change()).expect(200);

      await withinLimit(endedThere, 'the socket on the other process closing');
      await withinLimit(endedHere, 'the socket on this process closing');
      expect(await refusal(other.url, '/watch', engineer.token!)).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });

    it('a vendor change closes the vendor’s /watch sockets on another process', async () => {
      const vendor = await field.signIn('vendor');
      const robot = await field.factory.robot({ vendorId: vendor.vendorId });
      const there = await open(other.url, '/watch', vendor.token!);
      expect(await emitWithAck<WatchAck>(there, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });
      const ended = closed(there);

      const elsewhere = await field.factory.vendor();
      await field.admin.patch(`/users/${vendor.userId}`, { vendorId: elsewhere.id }).expect(200);

      await withinLimit(ended, 'the vendor socket closing');
      expect(await refusal(other.url, '/watch', vendor.token!)).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });

    it.each([
      ['replacing its device token', (robotId: string) => field.admin.post(`/robots/${robotId}/device-token`)],
      ['withdrawing it', (robotId: string) => field.admin.post(`/robots/${robotId}/withdraw`, { reason: 'left' })],
    ])('%s closes the robot’s /robot socket on another process', async (_, revoke) => {
      const robot = await field.factory.enrolledRobot();
      const { body } = await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
      const link = await open(other.url, '/robot', body.token as string);
      const ended = closed(link);

      const response = await revoke(robot.id as string);
      expect(response.status).toBeLessThan(300);

      expect(await withinLimit(ended, 'the robot socket closing')).toBe('io server disconnect');
      expect(await refusal(other.url, '/robot', body.token as string)).toBe(UNAUTHORIZED_CONNECT_ERROR);
      expect(await refusal(field.url, '/robot', body.token as string)).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });
  });

  describe('when a change notification is lost', () => {
    it('still closes the watcher and the robot within the periodic re-check', async () => {
      const engineer = await field.signIn('engineer');
      const robot = await field.factory.enrolledRobot();
      const { body } = await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
      const watcher = await open(field.url, '/watch', engineer.token!);
      const link = await open(field.url, '/robot', body.token as string);
      const ended = Promise.all([closed(watcher), closed(link)]);
      // Straight in the database: no event on the bus tells any process.
      await field.sql('UPDATE users SET active = false WHERE id = $1', [engineer.userId]);
      await field.sql('UPDATE device_tokens SET revoked_at = now() WHERE robot_id = $1', [robot.id]);
      // The re-check runs every 15 s and the cached person lives 2 s more.
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('not closed by the periodic re-check')), 20_000);
      });
      try {
        await Promise.race([ended, limit]);
      } finally {
        clearTimeout(timer);
      }
    }, 30_000);
  });

  describe('calendar links', () => {
    it('are listed and revoked by their owner, and a revoked link answers 401', async () => {
      const operator = await field.signIn('operator');
      const engineer = await field.signIn('engineer');
      const bay = await field.factory.bay();
      const issued = (await operator.post(`/bays/${bay.id}/calendar-feed`).expect(201)).body as {
        id: string;
        url: string;
      };
      const kept = (await operator.post(`/bays/${bay.id}/calendar-feed`).expect(201)).body as {
        id: string;
        url: string;
      };
      const calendar = (url: string) => field.anonymous.get(url.slice(url.indexOf('/api/v1')));
      await calendar(issued.url).expect(200);

      const listed = (await operator.get('/calendar-feeds').expect(200)).body as { items: CalendarFeedLink[] };
      expect(listed.items.map((link) => link.id)).toEqual([kept.id, issued.id]);
      expect(listed.items[1]).toEqual({
        id: issued.id,
        bayId: bay.id,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        revokedAt: null,
        active: true,
      });
      expect(JSON.stringify(listed)).not.toContain(new URL(issued.url).searchParams.get('feed'));
      // Someone else's link does not exist for them.
      expect((await engineer.get('/calendar-feeds').expect(200)).body.items).toEqual([]);
      expect((await engineer.delete(`/calendar-feeds/${issued.id}`)).status).toBe(404);
      await calendar(issued.url).expect(200);

      await operator.delete(`/calendar-feeds/${issued.id}`).expect(204);
      await operator.delete(`/calendar-feeds/${issued.id}`).expect(204);
      const refused = await calendar(issued.url);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      await calendar(kept.url).expect(200);
      const after = (await operator.get('/calendar-feeds?limit=1').expect(200)).body as {
        items: CalendarFeedLink[];
        nextCursor: string;
      };
      expect(after.items.map((link) => link.id)).toEqual([kept.id]);
      const second = (await operator.get(`/calendar-feeds?limit=1&cursor=${after.nextCursor}`).expect(200)).body;
      expect(second.items).toEqual([expect.objectContaining({ id: issued.id, active: false })]);
      expect(second.items[0].revokedAt).toEqual(expect.any(String));
      const audited = await field.sql(
        "SELECT actor_id FROM audit_log WHERE action = 'bay.calendar_feed_revoke' AND entity_id = $1",
        [bay.id],
      );
      expect(audited).toEqual([{ actor_id: operator.userId }]);

      // A password change ends the links too.
      await field.admin.patch(`/users/${operator.userId}`, { password: 'another-new-password' }).expect(200);
      expect((await calendar(kept.url)).status).toBe(401);
    });
  });
});

describe('live access while PostgreSQL is away', () => {
  let postgres: TcpProxy;
  let field: TestApp;

  beforeAll(async () => {
    postgres = await TcpProxy.start(ADMIN_DATABASE_URL);
    field = await startTestApp({}, { databaseProxy: postgres });
  });

  afterAll(async () => {
    await postgres.restore().catch(() => undefined);
    await field.close();
    await postgres.close();
  });

  it('answers handshakes unavailable, not unauthorized, and a subscribe acks unavailable', async () => {
    const engineer = await field.signIn('engineer');
    const robot = await field.factory.enrolledRobot();
    const { body } = await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
    const watcher = await connect(field.url, '/watch', engineer.token!);
    try {
      await postgres.cut();
      // Past the actor cache's lifetime, so that the person is asked of the database again.
      await new Promise((resolve) => setTimeout(resolve, 2_500));

      expect(await refusal(field.url, '/watch', engineer.token!)).toBe(UNAVAILABLE_CONNECT_ERROR);
      expect(await refusal(field.url, '/robot', body.token as string)).toBe(UNAVAILABLE_CONNECT_ERROR);
      const ack = await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id }, 15_000);
      expect(ack).toEqual({ ok: false, error: { code: 'unavailable', message: expect.any(String) } });
      // A bad token is still refused as such while the database is away.
      expect(await refusal(field.url, '/watch', 'not-a-token')).toBe(UNAUTHORIZED_CONNECT_ERROR);

      await postgres.restore();
      await waitFor(
        async () => (await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id }, 15_000)).ok,
        20_000,
        'subscribe working again',
      );
      const robotSocket = await connect(field.url, '/robot', body.token as string);
      robotSocket.close();
      expect((await field.anonymous.get('/health')).status).toBe(200);
    } finally {
      watcher.close();
    }
  });

  it('keeps the simulator retrying through unavailable, and stops it only on unauthorized', async () => {
    const robot = await field.factory.enrolledRobot();
    const { body } = await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
    const lines: string[] = [];
    let connected = 0;
    await postgres.cut();
    const run = startSimulator({
      url: field.url,
      tokens: [body.token as string],
      hz: 20,
      batchSize: 10,
      durationMs: 6_000,
      seed: 'unavailable-then-back',
      reconnectDelayMs: 100,
      reconnectDelayMaxMs: 300,
      drainTimeoutMs: 20_000,
      progressIntervalMs: 100,
      onProgress: (report) => (connected = report.connectedRobots),
      log: (line) => lines.push(line),
    });
    try {
      await waitFor(() => lines.some((line) => line.includes(`(${UNAVAILABLE_CONNECT_ERROR})`)), 10_000, 'a refusal');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(connected).toBe(0);
    } finally {
      await postgres.restore();
    }
    const report = await run;
    expect(report.refusedRobots).toBe(0);
    expect(report.complete).toBe(true);
    expect(report.samples.acknowledged).toBe(report.samples.generated);

    // A replaced token: the field closes the link, and the reconnect's refusal stops the robot.
    const replaced = startSimulator({
      url: field.url,
      tokens: [body.token as string],
      hz: 20,
      batchSize: 10,
      durationMs: 30_000,
      seed: 'replaced',
      seqStart: report.nextSeq,
      reconnectDelayMs: 100,
      reconnectDelayMaxMs: 300,
      drainTimeoutMs: 1_000,
      progressIntervalMs: 100,
      onProgress: (progress) => (connected = progress.connectedRobots),
      log: (line) => lines.push(line),
    });
    await waitFor(() => connected === 1, 10_000, 'the simulator connecting');
    await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
    // Closed within 5 s, then refused at the reconnect a moment later.
    await waitFor(
      () => lines.some((line) => line.includes(`(${UNAUTHORIZED_CONNECT_ERROR}); it stops`)),
      WITHIN_MS + 2_000,
      'the simulator giving up on its replaced token',
    );
    const stopped = await replaced;
    expect(stopped.refusedRobots).toBe(1);
  });
});
