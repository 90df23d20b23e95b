import { DeviceTokensService } from '@app/enrollment';
import { startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';

describe('robots as students', () => {
  let field: TestApp;

  beforeAll(async () => {
    field = await startTestApp();
  });

  afterAll(async () => {
    await field.close();
  });

  const decide = (id: string, decision: 'admit' | 'reject', reason = 'by hand') =>
    field.admin.post(`/robots/${id}/admission-decision`, { decision, reason });

  describe('registration', () => {
    it('registers a robot as "applied" (201)', async () => {
      const vendor = await field.factory.vendor();
      const cohort = await field.factory.cohort();
      const operator = await field.signIn('operator');
      const response = await operator.post('/robots', {
        serialNumber: 'UB-WALKER-S1-0001',
        name: '行者一号',
        vendorId: vendor.id,
        model: 'Walker S1',
        form: 'humanoid',
        domains: ['industrial_manufacturing', 'commerce_culture_tourism'],
        specs: { payloadKg: 15, dof: 41, estop: true, certification: 'GB/T 39586' },
        cohortId: cohort.id,
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        serialNumber: 'UB-WALKER-S1-0001',
        name: '行者一号',
        vendorId: vendor.id,
        model: 'Walker S1',
        form: 'humanoid',
        domains: ['industrial_manufacturing', 'commerce_culture_tourism'],
        specs: { payloadKg: 15, dof: 41, estop: true, certification: 'GB/T 39586' },
        cohortId: cohort.id,
        status: 'applied',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('takes every form of the contract, dual_arm included, and stores it', async () => {
      const vendor = await field.factory.vendor();
      const response = await field.admin.post('/robots', {
        serialNumber: 'DUET-D5-0001',
        name: '双臂协作',
        vendorId: vendor.id,
        model: 'Duet D5',
        form: 'dual_arm',
        domains: ['industrial_manufacturing'],
        specs: {},
      });
      expect(response.status).toBe(201);
      expect((await field.admin.get(`/robots/${response.body.id}`)).body.form).toBe('dual_arm');
      expect(await field.sql('SELECT form FROM robots WHERE id = $1', [response.body.id])).toEqual([
        { form: 'dual_arm' },
      ]);
    });

    it('409 for a serial number already registered', async () => {
      const robot = await field.factory.robot();
      const again = await field.admin.post('/robots', {
        serialNumber: robot.serialNumber,
        name: 'x',
        vendorId: robot.vendorId,
        model: 'x',
        form: 'amr',
        domains: ['social_livelihood'],
      });
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain(robot.serialNumber);
    });

    it('422 naming an unknown vendor or cohort', async () => {
      const base = { serialNumber: 'SN-X-1', name: 'x', model: 'x', form: 'amr', domains: ['social_livelihood'] };
      const noVendor = await field.admin.post('/robots', { ...base, vendorId: UNKNOWN_ID });
      expect(noVendor.status).toBe(422);
      expect(noVendor.body.errors).toEqual([{ field: 'vendorId', message: 'names no vendor' }]);
      const vendor = await field.factory.vendor();
      const noCohort = await field.admin.post('/robots', { ...base, vendorId: vendor.id, cohortId: UNKNOWN_ID });
      expect(noCohort.status).toBe(422);
      expect(noCohort.body.errors).toEqual([{ field: 'cohortId', message: 'names no cohort' }]);
    });

    it('400 naming each bad field', async () => {
      const response = await field.admin.post('/robots', {
        serialNumber: 'ok-1',
        name: 'x',
        vendorId: 'not-a-uuid',
        model: 'x',
        form: 'spaceship',
        domains: [],
        specs: { payloadKg: [1], 'bad key': 1 },
        colour: 'red',
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'vendorId', message: 'must be a UUID' },
          { field: 'form', message: expect.stringMatching(/^must be one of humanoid/) },
          { field: 'domains', message: 'must have at least 1 item' },
          { field: 'specs.payloadKg', message: 'has the wrong type' },
          { field: 'specs.bad key', message: expect.stringMatching(/spec names/) },
          { field: 'colour', message: 'is not allowed' },
        ]),
      );
    });

    it('refuses a repeated domain', async () => {
      const response = await field.admin.post('/robots', {
        serialNumber: 'ok-2',
        name: 'x',
        vendorId: UNKNOWN_ID,
        model: 'x',
        form: 'amr',
        domains: ['social_livelihood', 'social_livelihood'],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'domains', message: 'must not repeat a domain' }]);
    });
  });

  describe('listing and vendor scoping', () => {
    it('filters by status, domain, cohort and vendor', async () => {
      const vendor = await field.factory.vendor();
      const cohort = await field.factory.cohort();
      const a = await field.factory.robot({ vendorId: vendor.id, cohortId: cohort.id, domains: ['social_livelihood'] });
      const b = await field.factory.enrolledRobot({ vendorId: vendor.id, domains: ['industrial_manufacturing'] });
      const ids = async (query: string) =>
        (await field.admin.get(`/robots?vendorId=${vendor.id}&${query}`)).body.items.map((r: { id: string }) => r.id);
      expect(await ids('status=enrolled')).toEqual([b.id]);
      expect(await ids('domain=social_livelihood')).toEqual([a.id]);
      expect(await ids(`cohortId=${cohort.id}`)).toEqual([a.id]);
      expect(await ids('limit=500')).toEqual([a.id, b.id]);
    });

    it('a vendor sees only its own robots; every other robot is 404 to it', async () => {
      const mine = await field.factory.vendor();
      const own = await field.factory.robot({ vendorId: mine.id });
      const foreign = await field.factory.robot();
      const vendorUser = await field.signIn('vendor', { vendorId: mine.id });

      const list = await vendorUser.get('/robots');
      expect(list.body.items.map((robot: { id: string }) => robot.id)).toEqual([own.id]);
      const askingForOthers = await vendorUser.get(`/robots?vendorId=${foreign.vendorId}`);
      expect(askingForOthers.body.items).toEqual([]);
      expect((await vendorUser.get(`/robots/${own.id}`)).status).toBe(200);
      expect((await vendorUser.get(`/robots/${foreign.id}`)).status).toBe(404);
      expect((await vendorUser.get(`/robots/${foreign.id}/status-history`)).status).toBe(404);
      expect((await vendorUser.post('/robots', {})).status).toBe(403);
      expect((await vendorUser.patch(`/robots/${own.id}`, { name: 'mine now' })).status).toBe(403);
    });

    it('pages stay stable while robots are registered between pages', async () => {
      const vendor = await field.factory.vendor();
      const before = [];
      for (let i = 0; i < 5; i++) before.push((await field.factory.robot({ vendorId: vendor.id })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const query: string = `/robots?vendorId=${vendor.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await field.admin.get(query);
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((robot: { id: string }) => robot.id));
        cursor = response.body.nextCursor;
        if (++page === 1) {
          await Promise.all([0, 1, 2].map(() => field.factory.robot({ vendorId: vendor.id })));
        }
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.slice(0, 5)).toEqual(before);
      expect(seen).toHaveLength(8);
    });

    it('400 for a cursor the list did not give out', async () => {
      const response = await field.admin.get('/robots?cursor=garbage');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
    });
  });

  describe('updates', () => {
    it('renames, moves cohort and replaces specs; 422 for an unknown cohort', async () => {
      const robot = await field.factory.robot();
      const cohort = await field.factory.cohort();
      const response = await field.admin.patch(`/robots/${robot.id}`, {
        name: '新名字',
        cohortId: cohort.id,
        specs: { reachMm: 850 },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: '新名字', cohortId: cohort.id, specs: { reachMm: 850 } });
      expect((await field.admin.patch(`/robots/${robot.id}`, { cohortId: null })).body.cohortId).toBeNull();
      expect((await field.admin.patch(`/robots/${robot.id}`, { cohortId: UNKNOWN_ID })).status).toBe(422);
      expect((await field.admin.patch(`/robots/${robot.id}`, { status: 'graduated' })).status).toBe(400);
    });
  });

  describe('lifecycle', () => {
    it('admits by hand with a reason: applied → enrolled', async () => {
      const robot = await field.factory.robot();
      const response = await decide(robot.id, 'admit', '专家评审通过');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('enrolled');
    });

    it('rejects applied robots; a rejected robot may still be admitted', async () => {
      const robot = await field.factory.robot();
      expect((await decide(robot.id, 'reject', '缺少急停')).body.status).toBe('rejected');
      expect((await decide(robot.id, 'reject')).status).toBe(409);
      expect((await decide(robot.id, 'admit', '已加装急停')).body.status).toBe('enrolled');
    });

    it('409 for a decision on an enrolled robot, explaining why', async () => {
      const robot = await field.factory.enrolledRobot();
      const response = await decide(robot.id, 'reject');
      expect(response.status).toBe(409);
      expect(response.body.detail).toBe('the robot is enrolled; only an applied robot can be rejected');
    });

    it('needs a reason, and an admin', async () => {
      const robot = await field.factory.robot();
      const missing = await field.admin.post(`/robots/${robot.id}/admission-decision`, { decision: 'admit' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'reason', message: 'is required' }]);
      const operator = await field.signIn('operator');
      const refused = await operator.post(`/robots/${robot.id}/admission-decision`, { decision: 'admit', reason: 'x' });
      expect(refused.status).toBe(403);
      expect((await decide(UNKNOWN_ID, 'admit')).status).toBe(404);
    });

    it('withdraws from any status, once', async () => {
      const robot = await field.factory.enrolledRobot();
      const operator = await field.signIn('operator');
      const response = await operator.post(`/robots/${robot.id}/withdraw`, { reason: '厂商召回' });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('withdrawn');
      expect((await operator.post(`/robots/${robot.id}/withdraw`, {})).status).toBe(409);
      expect((await decide(robot.id, 'admit')).status).toBe(409);
    });

    it('keeps the status history with reasons and actors', async () => {
      const robot = await field.factory.robot();
      await decide(robot.id, 'reject', '安全项不合格');
      await decide(robot.id, 'admit', '复审通过');
      const history = await field.admin.get(`/robots/${robot.id}/status-history`);
      expect(history.status).toBe(200);
      expect(
        history.body.items.map((step: { fromStatus: string; toStatus: string; reason: string }) => [
          step.fromStatus,
          step.toStatus,
          step.reason,
        ]),
      ).toEqual([
        [null, 'applied', 'registered'],
        ['applied', 'rejected', '安全项不合格'],
        ['rejected', 'enrolled', '复审通过'],
      ]);
    });

    it('of two concurrent decisions on one robot, exactly one wins', async () => {
      const robot = await field.factory.robot();
      // Two admissions: whichever runs second finds the robot enrolled. (Admit and reject would both
      // be right when the rejection lands first, since a rejected robot may still be admitted.)
      const answers = await Promise.all([decide(robot.id, 'admit'), decide(robot.id, 'admit')]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const history = await field.sql('SELECT to_status FROM robot_status_changes WHERE robot_id = $1', [robot.id]);
      expect(history).toHaveLength(2);
    });
  });

  describe('device tokens', () => {
    it('issues a 256-bit token once, keeps only its digest, and a new one revokes the old', async () => {
      const robot = await field.factory.enrolledRobot();
      const operator = await field.signIn('operator');
      const first = await operator.post(`/robots/${robot.id}/device-token`);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        token: expect.stringMatching(/^frt_[\w-]{43}$/),
        robotId: robot.id,
        issuedAt: expect.any(String),
      });

      const stored = await field.sql<{ token_hash: string }>(
        'SELECT token_hash FROM device_tokens WHERE robot_id = $1',
        [robot.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await field.sql('SELECT * FROM device_tokens'))).not.toContain(first.body.token);

      const tokens = field.app.get(DeviceTokensService);
      expect(await tokens.robotIdForToken(first.body.token)).toBe(robot.id);
      const second = await operator.post(`/robots/${robot.id}/device-token`);
      expect(second.body.token).not.toBe(first.body.token);
      expect(await tokens.robotIdForToken(first.body.token)).toBeNull();
      expect(await tokens.robotIdForToken(second.body.token)).toBe(robot.id);
      expect(await tokens.robotIdForToken('frt_' + 'x'.repeat(43))).toBeNull();
    });

    it('stops working when the robot is withdrawn, and none is issued to a withdrawn robot', async () => {
      const robot = await field.factory.enrolledRobot();
      const issued = await field.admin.post(`/robots/${robot.id}/device-token`);
      await field.admin.post(`/robots/${robot.id}/withdraw`, {}).expect(200);
      expect(await field.app.get(DeviceTokensService).robotIdForToken(issued.body.token)).toBeNull();
      const refused = await field.admin.post(`/robots/${robot.id}/device-token`);
      expect(refused.status).toBe(409);
    });

    it('the database allows one live token per robot', async () => {
      const robot = await field.factory.robot();
      await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
      await expect(
        field.sql("INSERT INTO device_tokens (robot_id, token_hash) VALUES ($1, repeat('a', 64))", [robot.id]),
      ).rejects.toThrow(/device_tokens_one_live_per_robot/);
    });

    it('404 for an unknown robot', async () => {
      expect((await field.admin.post(`/robots/${UNKNOWN_ID}/device-token`)).status).toBe(404);
    });
  });
});
