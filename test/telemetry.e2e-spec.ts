import { McapIndexedReader } from '@mcap/core';
import type { Session, TelemetryAck, WatchAck, WatchTelemetry } from '@app/contract';
import type { Socket } from 'socket.io-client';
import { startFieldProcess } from './support/field-process';
import { collect, connect, emitWithAck, sleep, waitFor } from './support/sockets';
import { Api, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';

describe('telemetry', () => {
  let field: TestApp;
  let operator: Api;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    field = await startTestApp();
    operator = await field.signIn('operator');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await field.close();
  });

  /** An enrolled robot with a device token. */
  const robotWithToken = async (overrides: Record<string, unknown> = {}) => {
    const robot = await field.factory.enrolledRobot(overrides);
    const { body } = await field.admin.post(`/robots/${robot.id}/device-token`);
    return { robot, token: body.token as string };
  };
  const robotSocket = async (token: string) => {
    const socket = await connect(field.url, '/robot', token);
    sockets.push(socket);
    return socket;
  };
  const watchSocket = async (api: Api) => {
    const socket = await connect(field.url, '/watch', api.token ?? undefined);
    sockets.push(socket);
    return socket;
  };
  const send = (socket: Socket, batch: unknown) => emitWithAck<TelemetryAck>(socket, 'telemetry', batch);
  const heartbeats = (count: number, from = Date.now() - 60_000) =>
    Array.from({ length: count }, (_, i) => ({ ts: from + i * 10, channel: 'heartbeat', data: {} }));
  const storedSamples = async (robotId: string) =>
    (
      await field.sql<{ n: number }>(
        'SELECT coalesce(sum(sample_count), 0)::int AS n FROM telemetry_packets WHERE robot_id = $1',
        [robotId],
      )
    )[0].n;
  const runningSession = async (robotIds: string[], kind = robotIds.length > 1 ? 'drill' : 'training') => {
    const bay = await field.factory.bay({ capacity: 4 });
    const { body } = await operator.post('/sessions', {
      bayId: bay.id,
      robotIds,
      kind,
      taskKeys: ['pick_place'],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    const started = await operator.post(`/sessions/${body.id}/start`);
    return started.body as Session;
  };

  describe('the /robot namespace', () => {
    it('refuses a connection without a valid device token, with "unauthorized"', async () => {
      for (const token of [undefined, 'frt_not-a-token', 'not even close']) {
        await expect(connect(field.url, '/robot', token)).rejects.toThrow('unauthorized');
      }
      // A person's access token is not a device token.
      await expect(connect(field.url, '/robot', field.admin.token!)).rejects.toThrow('unauthorized');
    });

    it('acknowledges a stored batch, and a resend as a duplicate that is not stored again', async () => {
      const { robot, token } = await robotWithToken();
      const socket = await robotSocket(token);
      const batch = { seq: 7, samples: heartbeats(20) };
      expect(await send(socket, batch)).toEqual({ ok: true, seq: 7, stored: 20, duplicate: false });
      expect(await send(socket, batch)).toEqual({ ok: true, seq: 7, stored: 0, duplicate: true });
      // Robots count up, but resends arrive out of order: a lower new seq is not a duplicate.
      expect(await send(socket, { seq: 3, samples: heartbeats(5) })).toMatchObject({
        ok: true,
        stored: 5,
        duplicate: false,
      });
      expect(await storedSamples(robot.id)).toBe(25);
      const batches = await field.sql('SELECT seq FROM telemetry_batches WHERE robot_id = $1 ORDER BY seq', [robot.id]);
      expect(batches).toEqual([{ seq: '3' }, { seq: '7' }]);
    });

    it('answers bad batches with ok:false and keeps the connection up', async () => {
      const { token } = await robotWithToken();
      const socket = await robotSocket(token);
      const cases: [unknown, string][] = [
        [{ seq: 1, samples: [] }, 'invalid_batch'],
        [{ seq: -1, samples: heartbeats(1) }, 'invalid_batch'],
        [{ seq: 1, samples: heartbeats(1001) }, 'invalid_batch'],
        [{ seq: 1, samples: [{ ts: Date.now(), channel: 'battery', data: { percent: 'full' } }] }, 'invalid_batch'],
        [{ seq: 1, samples: [{ ts: Date.now(), channel: 'task', data: { event: 'start' } }] }, 'invalid_batch'],
        [{ seq: 1, samples: heartbeats(1), robotId: UNKNOWN_ID }, 'invalid_batch'],
        [{ seq: 1, samples: [{ ts: Date.now() + 10 * 60_000, channel: 'heartbeat', data: {} }] }, 'clock_skew'],
        [
          { seq: 1, samples: [{ ts: Date.now(), channel: 'teleop', data: { blob: 'x'.repeat(270 * 1024) } }] },
          'too_large',
        ],
      ];
      for (const [batch, code] of cases) {
        const ack = await send(socket, batch);
        expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });
      }
      expect(socket.connected).toBe(true);
      expect(await send(socket, { seq: 1, samples: heartbeats(1) })).toMatchObject({ ok: true, stored: 1 });
    });

    it('holds a batch to the size limit when it reaches the field in one read with the next', async () => {
      const { robot, token } = await robotWithToken();
      const socket = await robotSocket(token);
      const oversized = {
        seq: 1,
        samples: [{ ts: Date.now(), channel: 'teleop', data: { blob: 'x'.repeat(270 * 1024) } }],
      };
      // Both frames leave in one write, so the field's websocket reads them together, as it does
      // from a robot catching up after a stall.
      const tcp = (socket.io.engine.transport as unknown as { ws: { _socket: import('node:net').Socket } }).ws._socket;
      tcp.cork();
      const acks = Promise.all([send(socket, oversized), send(socket, { seq: 2, samples: heartbeats(1) })]);
      setTimeout(() => tcp.uncork(), 20);
      const [tooLarge, stored] = await acks;
      expect(tooLarge).toEqual({ ok: false, error: { code: 'too_large', message: expect.any(String) } });
      expect(stored).toMatchObject({ ok: true, seq: 2, stored: 1 });
      expect(await storedSamples(robot.id)).toBe(1);
    });

    it('takes the robot from the token, never from the payload', async () => {
      const mine = await robotWithToken();
      const other = await robotWithToken();
      const socket = await robotSocket(mine.token);
      await send(socket, {
        seq: 1,
        samples: [{ ts: Date.now(), channel: 'pose', data: { x: 1, y: 2, robotId: other.robot.id } }],
      });
      expect(await storedSamples(mine.robot.id)).toBe(1);
      expect(await storedSamples(other.robot.id)).toBe(0);
    });

    it('stops accepting a revoked token at the next connection', async () => {
      const { robot, token } = await robotWithToken();
      (await robotSocket(token)).close();
      await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
      await expect(connect(field.url, '/robot', token)).rejects.toThrow('unauthorized');
    });
  });

  describe('session attribution and reading back', () => {
    it('attributes samples to the session running at their timestamp and reads them back in time order', async () => {
      const { robot, token } = await robotWithToken();
      const socket = await robotSocket(token);
      const before = Date.now() - 120_000;
      await send(socket, { seq: 1, samples: heartbeats(3, before) });
      const session = await runningSession([robot.id]);
      const started = Date.parse(session.startedAt!);
      const samples = [
        { ts: started + 50, channel: 'task', data: { event: 'start', taskKey: 'pick_place', attemptId: 'a1' } },
        { ts: started + 10, channel: 'pose', data: { x: 1, y: 1 } },
        { ts: started + 30, channel: 'joint_state', data: { position: [0.1, 0.2] } },
        { ts: started + 70, channel: 'task', data: { event: 'success', taskKey: 'pick_place', attemptId: 'a1' } },
      ];
      // The session's start was published on the event bus; give the view a moment to hear it.
      await sleep(200);
      expect(await send(socket, { seq: 2, samples })).toMatchObject({ ok: true, stored: 4 });

      const page = await field.admin.get(`/sessions/${session.id}/telemetry`);
      expect(page.status).toBe(200);
      expect(page.body.items.map((item: { ts: number; channel: string }) => [item.ts - started, item.channel])).toEqual(
        [
          [10, 'pose'],
          [30, 'joint_state'],
          [50, 'task'],
          [70, 'task'],
        ],
      );
      expect(page.body.items[0]).toEqual({
        robotId: robot.id,
        ts: started + 10,
        channel: 'pose',
        data: { x: 1, y: 1 },
      });
      const unattributed = await field.sql(
        'SELECT count(*)::int AS n FROM telemetry_packets WHERE robot_id = $1 AND session_id IS NULL',
        [robot.id],
      );
      expect(unattributed).toEqual([{ n: 1 }]);
    });

    it('pages through many samples with cursors, filtered by channel and time', async () => {
      const { robot, token } = await robotWithToken();
      const session = await runningSession([robot.id]);
      await sleep(200);
      const socket = await robotSocket(token);
      const started = Date.parse(session.startedAt!);
      for (let seq = 0; seq < 5; seq++) {
        const samples = Array.from({ length: 100 }, (_, i) => ({
          ts: started + 1 + (seq * 100 + i) * 2,
          channel: i % 2 ? 'pose' : 'joint_state',
          data: i % 2 ? { x: i, y: seq } : { position: [i, seq] },
        }));
        await send(socket, { seq, samples });
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const response = await field.admin.get(
          `/sessions/${session.id}/telemetry?channel=pose&limit=60${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...response.body.items.map((item: { ts: number }) => item.ts));
        cursor = response.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(250);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(new Set(seen).size).toBe(250);

      const from = new Date(started + 201).toISOString();
      const to = new Date(started + 401).toISOString();
      const windowed = await field.admin.get(
        `/sessions/${session.id}/telemetry?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=500`,
      );
      expect(windowed.body.items).toHaveLength(100);
      expect((await field.admin.get(`/sessions/${session.id}/telemetry?cursor=nonsense`)).status).toBe(400);
    });

    it('serves the session as an MCAP file holding every stored sample', async () => {
      const a = await robotWithToken();
      const b = await robotWithToken();
      const session = await runningSession([a.robot.id, b.robot.id]);
      await sleep(200);
      const started = Date.parse(session.startedAt!);
      for (const [index, { token }] of [a, b].entries()) {
        const socket = await robotSocket(token);
        await send(socket, {
          seq: 1,
          samples: Array.from({ length: 50 }, (_, i) => ({
            ts: started + i * 20 + index,
            channel: i % 5 ? 'joint_state' : 'battery',
            data: i % 5 ? { position: [i] } : { percent: 90 - i / 10 },
          })),
        });
      }
      const response = await field.admin
        .get(`/sessions/${session.id}/recording.mcap`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      const file = response.body as Buffer;
      const reader = await McapIndexedReader.Initialize({
        readable: {
          size: async () => BigInt(file.length),
          read: async (offset, length) => file.subarray(Number(offset), Number(offset + length)),
        },
      });
      expect(reader.statistics?.messageCount).toBe(100n);
      expect(reader.channelsById.size).toBe(4);
      let count = 0;
      for await (const _message of reader.readMessages()) count++;
      expect(count).toBe(100);
      const [metadata] = await (async () => {
        const records = [];
        for await (const record of reader.readMetadata({ name: 'session' })) records.push(record);
        return records;
      })();
      expect(metadata.metadata.get('sessionId')).toBe(session.id);
      expect((await field.admin.get(`/sessions/${UNKNOWN_ID}/recording.mcap`)).status).toBe(404);
    });
  });

  describe('POST /robots/:id/telemetry', () => {
    it('stores a batch with the device token and answers the same acknowledgement', async () => {
      const { robot, token } = await robotWithToken();
      const device = new Api(field.app.getHttpServer(), token);
      const ack = await device.post(`/robots/${robot.id}/telemetry`, { seq: 1, samples: heartbeats(3) });
      expect(ack.status).toBe(200);
      expect(ack.body).toEqual({ ok: true, seq: 1, stored: 3, duplicate: false });
      const again = await device.post(`/robots/${robot.id}/telemetry`, { seq: 1, samples: heartbeats(3) });
      expect(again.body).toEqual({ ok: true, seq: 1, stored: 0, duplicate: true });
    });

    it('refuses another robot’s path (403), people’s tokens (401) and bad batches as problems with the ack error', async () => {
      const mine = await robotWithToken();
      const other = await robotWithToken();
      const device = new Api(field.app.getHttpServer(), mine.token);
      expect(
        (await device.post(`/robots/${other.robot.id}/telemetry`, { seq: 1, samples: heartbeats(1) })).status,
      ).toBe(403);
      expect(
        (await field.admin.post(`/robots/${mine.robot.id}/telemetry`, { seq: 1, samples: heartbeats(1) })).status,
      ).toBe(401);
      expect(
        (await field.anonymous.post(`/robots/${mine.robot.id}/telemetry`, { seq: 1, samples: heartbeats(1) })).status,
      ).toBe(401);
      const bad = await device.post(`/robots/${mine.robot.id}/telemetry`, { seq: 1, samples: [] });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body).toMatchObject({ status: 400, ok: false, error: { code: 'invalid_batch' } });
      const skewed = await device.post(`/robots/${mine.robot.id}/telemetry`, {
        seq: 2,
        samples: [{ ts: Date.now() + 3600_000, channel: 'heartbeat', data: {} }],
      });
      expect(skewed.status).toBe(422);
      expect(skewed.body.error.code).toBe('clock_skew');
    });
  });

  describe('the /watch namespace', () => {
    it('refuses a connection without a valid access token', async () => {
      await expect(connect(field.url, '/watch', undefined)).rejects.toThrow('unauthorized');
      await expect(connect(field.url, '/watch', 'nope')).rejects.toThrow('unauthorized');
    });

    it('streams a robot’s telemetry to its watchers, with session updates', async () => {
      const { robot, token } = await robotWithToken();
      const engineer = await field.signIn('engineer');
      const watcher = await watchSocket(engineer);
      const received = collect<WatchTelemetry>(watcher, 'telemetry');
      const updates = collect<Session>(watcher, 'session.updated');
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });

      const session = await runningSession([robot.id]);
      await waitFor(() => updates.some((update) => update.id === session.id && update.status === 'running'));
      await sleep(100);
      const socket = await robotSocket(token);
      const ts = Date.now();
      await send(socket, { seq: 1, samples: [{ ts, channel: 'battery', data: { percent: 77 } }] });
      await waitFor(() => received.length > 0);
      expect(received[0]).toEqual({
        robotId: robot.id,
        sessionId: session.id,
        samples: [{ ts, channel: 'battery', data: { percent: 77 } }],
      });

      // A resend is not news: watchers do not see it twice.
      await send(socket, { seq: 1, samples: [{ ts, channel: 'battery', data: { percent: 77 } }] });
      await sleep(200);
      expect(received).toHaveLength(1);
    });

    it('shows watchers the samples the robot sent, however their text is written', async () => {
      const { robot, token } = await robotWithToken();
      const watcher = await watchSocket(field.admin);
      const received = collect<WatchTelemetry>(watcher, 'telemetry');
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });
      const socket = await robotSocket(token);
      const now = Date.now();
      const batches = [
        // As most robots write them: sent on as written.
        [
          { ts: now, channel: 'joint_state', data: { position: [0.1, -2.5e-7], velocity: [1e21, 0] } },
          { ts: now + 1, channel: 'note', data: { text: 'quotes " brackets ]} [{ backslash \\ 中文 \u2028 🤖' } },
        ],
        // Member names a batch has, inside samples: the field finds the samples by walking them.
        [{ ts: now + 2, channel: 'note', data: { seq: 5, samples: [{ ts: 1 }], text: '"seq"' } }],
        // Out of order: sorted, so written anew.
        [
          { ts: now + 4, channel: 'heartbeat', data: {} },
          { ts: now + 3, channel: 'heartbeat', data: {} },
        ],
      ];
      for (const [seq, samples] of batches.entries()) {
        expect(await send(socket, { seq, samples })).toMatchObject({ ok: true });
      }
      await waitFor(() => received.length === batches.length);
      expect(received.map((message) => message.samples)).toEqual([
        batches[0],
        batches[1],
        [batches[2][1], batches[2][0]],
      ]);
      expect(received.every((message) => message.robotId === robot.id && message.sessionId === null)).toBe(true);

      // A robot writing its JSON its own way (1.0, an escaped é) has those very characters passed on,
      // which writing the samples anew would not do.
      const frames: unknown[] = [];
      watcher.io.engine.on('packet', (packet: { data?: unknown }) => frames.push(packet.data));
      const samplesText = `[{"ts":${now + 5},"channel":"note","data":{"x":1.0,"t":"\\u00e9"}}]`;
      socket.io.engine.write(`2/robot,["telemetry",{"seq":10,"samples":${samplesText}}]`);
      await waitFor(() => received.length === batches.length + 1);
      expect(received.at(-1)?.samples).toEqual([{ ts: now + 5, channel: 'note', data: { x: 1, t: 'é' } }]);
      expect(frames.some((frame) => typeof frame === 'string' && frame.includes(`"samples":${samplesText}}`))).toBe(
        true,
      );
    });

    it('shows each batch in time order, one message per session it touches', async () => {
      const { robot, token } = await robotWithToken();
      const watcher = await watchSocket(field.admin);
      const received = collect<WatchTelemetry>(watcher, 'telemetry');
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });
      const session = await runningSession([robot.id]);
      const started = Date.parse(session.startedAt!);
      await sleep(200);
      const socket = await robotSocket(token);
      const beat = (ts: number) => ({ ts, channel: 'heartbeat', data: {} });
      const pose = (ts: number) => ({ ts, channel: 'pose', data: { x: ts - started, y: 0 } });

      // Within the session, out of order.
      await send(socket, { seq: 1, samples: [pose(started + 30), beat(started + 10), pose(started + 20)] });
      await waitFor(() => received.length === 1);
      expect(received[0]).toEqual({
        robotId: robot.id,
        sessionId: session.id,
        samples: [beat(started + 10), pose(started + 20), pose(started + 30)],
      });

      // Straddling the session's start: the part before it belongs to no session.
      await send(socket, {
        seq: 2,
        samples: [pose(started + 40), beat(started - 2_000), pose(started - 1_000), beat(started + 50)],
      });
      await waitFor(() => received.length === 3);
      expect(received.slice(1).sort((a, b) => (a.sessionId === null ? -1 : b.sessionId === null ? 1 : 0))).toEqual([
        { robotId: robot.id, sessionId: null, samples: [beat(started - 2_000), pose(started - 1_000)] },
        { robotId: robot.id, sessionId: session.id, samples: [pose(started + 40), beat(started + 50)] },
      ]);
    });

    it('delivers to session and bay watchers, once per watcher however many rooms match', async () => {
      const { robot, token } = await robotWithToken();
      const session = await runningSession([robot.id]);
      await sleep(200);
      const watcher = await watchSocket(field.admin);
      const received = collect<WatchTelemetry>(watcher, 'telemetry');
      for (const target of [{ sessionId: session.id }, { bayId: session.bayId }, { robotId: robot.id }]) {
        expect(await emitWithAck<WatchAck>(watcher, 'subscribe', target)).toEqual({ ok: true });
      }
      const socket = await robotSocket(token);
      await send(socket, { seq: 1, samples: heartbeats(2, Date.now()) });
      await waitFor(() => received.length > 0);
      await sleep(200);
      expect(received).toHaveLength(1);
      expect(await emitWithAck<WatchAck>(watcher, 'unsubscribe', { robotId: robot.id })).toEqual({ ok: true });
    });

    it('decimates to maxHz, keeping every event and the newest state', async () => {
      const { robot, token } = await robotWithToken();
      const watcher = await watchSocket(field.admin);
      const received = collect<WatchTelemetry>(watcher, 'telemetry');
      await emitWithAck(watcher, 'subscribe', { robotId: robot.id, maxHz: 2 });
      const socket = await robotSocket(token);
      const start = Date.now();
      for (let seq = 0; seq < 20; seq++) {
        await send(socket, {
          seq,
          samples: [
            { ts: start + seq, channel: 'joint_state', data: { position: [seq] } },
            ...(seq % 5 === 0
              ? [{ ts: start + seq, channel: 'task', data: { event: 'start', taskKey: 'pick', attemptId: `a${seq}` } }]
              : []),
          ],
        });
      }
      const elapsed = Date.now() - start;
      await sleep(700);
      const messages = received.length;
      expect(messages).toBeLessThanOrEqual(Math.ceil(((elapsed + 700) / 1000) * 2) + 1);
      const all = received.flatMap((message) => message.samples);
      expect(all.filter((sample) => sample.channel === 'task')).toHaveLength(4);
      expect(all.filter((sample) => sample.channel === 'joint_state').at(-1)?.data).toEqual({ position: [19] });
    });

    it('lets a vendor watch only its own robots', async () => {
      const vendor = await field.factory.vendor();
      const own = await robotWithToken({ vendorId: vendor.id });
      const foreign = await robotWithToken();
      const vendorUser = await field.signIn('vendor', { vendorId: vendor.id });
      const watcher = await watchSocket(vendorUser);
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: own.robot.id })).toEqual({ ok: true });
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: foreign.robot.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const session = await runningSession([own.robot.id]);
      expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { sessionId: session.id })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(
        await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: own.robot.id, bayId: session.bayId }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    });

    it('reaches a watcher on another process of the install through Redis', async () => {
      const other = await startFieldProcess({
        DATABASE_URL: field.config.databaseUrl,
        REDIS_URL: field.config.redisUrl,
        FIELD_QUEUE_PREFIX: field.config.queuePrefix,
        FIELD_ROLE: 'api',
      });
      try {
        const { robot, token } = await robotWithToken();
        const watcher = await connect(other.url, '/watch', field.admin.token!);
        // A second watcher there asks for a few messages a second: the samples must reach its throttle too.
        const decimated = await connect(other.url, '/watch', field.admin.token!);
        sockets.push(watcher, decimated);
        const received = collect<WatchTelemetry>(watcher, 'telemetry');
        const receivedDecimated = collect<WatchTelemetry>(decimated, 'telemetry');
        expect(await emitWithAck<WatchAck>(watcher, 'subscribe', { robotId: robot.id })).toEqual({ ok: true });
        expect(await emitWithAck<WatchAck>(decimated, 'subscribe', { robotId: robot.id, maxHz: 5 })).toEqual({
          ok: true,
        });
        const socket = await robotSocket(token);
        // The other process announces its watchers on the event bus; until that is heard, batches stay local.
        let seq = 0;
        await waitFor(
          async () => {
            await send(socket, { seq: seq++, samples: heartbeats(3, Date.now()) });
            return received.length > 0;
          },
          10_000,
          'telemetry on the other process',
        );
        expect(received[0]).toMatchObject({ robotId: robot.id, samples: [{ channel: 'heartbeat' }, {}, {}] });
        const now = Date.now();
        const pose = (ts: number) => ({ ts, channel: 'pose', data: { x: ts - now, y: 1 } });
        const inOrder = [pose(now + 1), pose(now + 2)];
        const unsorted = [pose(now + 4), pose(now + 3)];
        const inOrderSeq = seq++;
        await send(socket, { seq: inOrderSeq, samples: inOrder });
        await send(socket, { seq: seq++, samples: unsorted });
        await waitFor(() => received.length >= 3, 5_000, 'both batches on the other process');
        expect(received.slice(-2).map((message) => message.samples)).toEqual([inOrder, [pose(now + 3), pose(now + 4)]]);
        await waitFor(
          () => receivedDecimated.some((message) => message.samples.some((sample) => sample.ts === now + 4)),
          5_000,
          'the newest pose at the decimated watcher',
        );

        // The robot moves to the other process and resends a batch its watchers have seen: not again.
        const moved = await connect(other.url, '/robot', token);
        sockets.push(moved);
        const shown = received.length;
        expect(await send(moved, { seq: inOrderSeq, samples: inOrder })).toMatchObject({ ok: true, duplicate: true });
        await sleep(300);
        expect(received).toHaveLength(shown);
      } finally {
        await other.stop();
      }
    });
  });
});
