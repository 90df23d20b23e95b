import { randomUUID } from 'node:crypto';
import { ROLES, Role } from '@app/contract';
import { ACCESS_TABLE } from './access-table';
import { registeredRoutes, routeKey } from './support/routes';
import { ADMIN_EMAIL, ADMIN_PASSWORD, Api, startTestApp, TestApp } from './support/test-app';

describe('access: the role × route table', () => {
  let field: TestApp;
  const sessions = {} as Record<Role, Api>;

  beforeAll(async () => {
    field = await startTestApp();
    for (const role of ROLES) sessions[role] = role === 'admin' ? field.admin : await field.signIn(role);
  });

  afterAll(async () => {
    await field.close();
  });

  const freshSession = (role: Role): Promise<Api> =>
    role === 'admin' ? field.login(ADMIN_EMAIL, ADMIN_PASSWORD) : field.signIn(role);

  it('declares a rule for every registered route, and no rule for a route that does not exist', () => {
    const registered = registeredRoutes(field.app).map(routeKey).sort();
    expect(registered).toEqual(Object.keys(ACCESS_TABLE).sort());
  });

  it('answers each role as the table says: 401 without a token, 403 for a role that may not act', async () => {
    const failures: string[] = [];
    for (const route of registeredRoutes(field.app)) {
      const access = ACCESS_TABLE[routeKey(route)];
      // Random ids: allowed callers get past the guard and then fail validation or lookup (400/404).
      const path = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const anonymous = await field.anonymous.call(route.method, path);
      if (access === 'public') {
        if ([401, 403].includes(anonymous.status)) failures.push(`${routeKey(route)} anonymous → ${anonymous.status}`);
        continue;
      }
      if (anonymous.status !== 401) failures.push(`${routeKey(route)} anonymous → ${anonymous.status}, want 401`);
      for (const role of ROLES) {
        // A logout ends the token it is called with: it gets a sign-in of its own.
        const caller = routeKey(route) === 'POST /api/v1/auth/logout' ? await freshSession(role) : sessions[role];
        const response = await caller.call(route.method, path);
        const allowed = access !== 'device' && access.includes(role);
        if (allowed && [401, 403].includes(response.status)) {
          failures.push(`${routeKey(route)} as ${role} → ${response.status}, want access`);
        }
        if (!allowed && response.status !== (access === 'device' ? 401 : 403)) {
          failures.push(`${routeKey(route)} as ${role} → ${response.status}, want ${access === 'device' ? 401 : 403}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses forged, expired and malformed tokens with 401 problem documents', async () => {
    const forged = sessions.admin.token!.replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    for (const header of [`Bearer ${forged}`, 'Bearer not-a-jwt', 'Basic YWRtaW46YWRtaW4=', 'Bearer']) {
      const response = await field.anonymous.get('/robots').set('Authorization', header);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', type: expect.any(String) });
    }
  });
});
