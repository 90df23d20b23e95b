import { ADMIN_EMAIL, startTestApp, TestApp } from './support/test-app';

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
}

describe('the audit trail', () => {
  let field: TestApp;

  beforeAll(async () => {
    field = await startTestApp();
  });

  afterAll(async () => {
    await field.close();
  });

  const entries = async (query = ''): Promise<Entry[]> => {
    const response = await field.admin.get(`/audit?limit=500${query}`);
    expect(response.status).toBe(200);
    return response.body.items as Entry[];
  };

  it('records successful and failed sign-ins, without passwords', async () => {
    await field.anonymous.post('/auth/login', { email: ADMIN_EMAIL, password: 'not-the-password' }).expect(401);
    const logins = await entries('&entity=session');
    const failed = logins.find((entry) => entry.action === 'auth.login_failed');
    expect(failed).toMatchObject({ actorId: null, summary: { email: ADMIN_EMAIL, reason: 'wrong password' } });
    expect(logins.some((entry) => entry.action === 'auth.login' && entry.actorRole === 'admin')).toBe(true);
    expect(JSON.stringify(logins)).not.toContain('not-the-password');
  });

  it('records each write with its actor, request id, address and a before/after summary', async () => {
    const operator = await field.signIn('operator');
    const bay = await field.factory.bay({ capacity: 2 });
    const response = await operator
      .patch(`/bays/${bay.id}`, { status: 'maintenance' })
      .set('X-Request-Id', 'req-status-change-1');
    expect(response.headers['x-request-id']).toBe('req-status-change-1');

    const [entry] = await entries(`&entity=bay&action=bay.update`);
    expect(entry).toMatchObject({
      actorId: operator.userId,
      actorRole: 'operator',
      entity: 'bay',
      entityId: bay.id,
      requestId: 'req-status-change-1',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      summary: { before: { status: 'open' }, after: { status: 'maintenance' } },
    });
    expect(new Date(entry.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('covers every kind of write so far', async () => {
    const robot = await field.factory.robot();
    await field.admin.post(`/robots/${robot.id}/admission-decision`, { decision: 'admit', reason: 'ok' }).expect(200);
    await field.admin.patch(`/robots/${robot.id}`, { name: 'renamed' }).expect(200);
    await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
    await field.admin.post(`/robots/${robot.id}/withdraw`, { reason: 'done' }).expect(200);
    await field.factory.cohort();
    const actions = new Set((await entries()).map((entry) => entry.action));
    for (const action of [
      'user.bootstrap_admin',
      'user.create',
      'site.create',
      'bay.create',
      'bay.update',
      'vendor.create',
      'cohort.create',
      'robot.create',
      'robot.update',
      'robot.admission_decision',
      'robot.device_token_issue',
      'robot.withdraw',
      'auth.login',
      'auth.login_failed',
    ]) {
      expect(actions).toContain(action);
    }
    const tokenEntry = (await entries('&action=robot.device_token_issue'))[0];
    expect(JSON.stringify(tokenEntry)).not.toMatch(/frt_/);
  });

  it('filters by actor, entity and time, newest first, with pagination', async () => {
    const operator = await field.signIn('operator');
    await operator.post('/cohorts', { name: 'audit-cohort', startsOn: '2026-05-01' }).expect(201);
    const mine = await entries(`&actorId=${operator.userId}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((entry) => entry.actorId === operator.userId)).toBe(true);

    const all = await entries();
    const ids = all.map((entry) => BigInt(entry.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await entries(`&from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await entries(`&to=${encodeURIComponent(future)}`)).length).toBe(all.length);

    const first = await field.admin.get('/audit?limit=3');
    const second = await field.admin.get(`/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBe(String(BigInt(first.body.items[2].id) - 1n));
  });

  it('is for admins only', async () => {
    const engineer = await field.signIn('engineer');
    expect((await engineer.get('/audit')).status).toBe(403);
  });

  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(field.sql("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(field.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(field.sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await entries()).length).toBeGreaterThan(0);
  });

  it('rolls the entry back with a write that fails', async () => {
    const before = (await entries('&entity=site')).length;
    await field.factory.site({ code: 'ONLY-ONCE' });
    await field.admin.post('/sites', { code: 'ONLY-ONCE', name: 'x', kind: 'main' }).expect(409);
    expect((await entries('&entity=site')).length).toBe(before + 1);
  });
});
