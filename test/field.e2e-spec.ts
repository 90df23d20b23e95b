import { startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';

describe('field structure: sites, bays, vendors, cohorts', () => {
  let field: TestApp;

  beforeAll(async () => {
    field = await startTestApp();
  });

  afterAll(async () => {
    await field.close();
  });

  describe('sites', () => {
    it('creates a site (201) and reads it back', async () => {
      const created = await field.admin.post('/sites', {
        code: 'MY-MAIN',
        name: '四川省具身智能机器人训练场（绵阳）',
        city: '绵阳',
        kind: 'main',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: 'MY-MAIN',
        name: '四川省具身智能机器人训练场（绵阳）',
        city: '绵阳',
        kind: 'main',
        createdAt: expect.any(String),
      });
      const read = await field.admin.get(`/sites/${created.body.id}`);
      expect(read.body).toEqual(created.body);
    });

    it('409 for a duplicate code', async () => {
      await field.factory.site({ code: 'DUP-SITE' });
      const response = await field.admin.post('/sites', { code: 'DUP-SITE', name: 'x', kind: 'branch' });
      expect(response.status).toBe(409);
      expect(response.body.detail).toBe('a site with the code DUP-SITE already exists');
    });

    it('400 naming bad fields', async () => {
      const response = await field.admin.post('/sites', { code: 'has space', name: '', kind: 'moon' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['code', 'name', 'kind']);
    });

    it('lists by kind; 404 for an unknown site', async () => {
      await field.factory.site({ kind: 'scenario' });
      const scenario = await field.admin.get('/sites?kind=scenario');
      expect(scenario.body.items.length).toBeGreaterThan(0);
      expect(scenario.body.items.every((site: { kind: string }) => site.kind === 'scenario')).toBe(true);
      expect((await field.admin.get(`/sites/${UNKNOWN_ID}`)).status).toBe(404);
    });
  });

  describe('bays', () => {
    it('creates bays in the three scenario domains, physical and virtual', async () => {
      const site = await field.factory.site();
      for (const [domain, mode] of [
        ['commerce_culture_tourism', 'physical'],
        ['social_livelihood', 'virtual'],
        ['industrial_manufacturing', 'physical'],
      ]) {
        const response = await field.admin.post('/bays', {
          siteId: site.id,
          code: `${domain}-${mode}`,
          name: '实训区',
          domain,
          mode,
          capacity: 2,
        });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ siteId: site.id, domain, mode, capacity: 2, status: 'open' });
      }
    });

    it('422 for an unknown site, 409 for a code taken in the same site but not in another', async () => {
      const unknown = await field.admin.post('/bays', {
        siteId: UNKNOWN_ID,
        code: 'B1',
        name: 'x',
        domain: 'social_livelihood',
        mode: 'virtual',
        capacity: 1,
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: 'siteId', message: 'names no site' }]);

      const site = await field.factory.site();
      await field.factory.bay({ siteId: site.id, code: 'SAME' });
      const taken = await field.admin.post('/bays', {
        siteId: site.id,
        code: 'SAME',
        name: 'x',
        domain: 'social_livelihood',
        mode: 'virtual',
        capacity: 1,
      });
      expect(taken.status).toBe(409);
      await field.factory.bay({ code: 'SAME' });
    });

    it('refuses a capacity below 1 and an unknown domain', async () => {
      const site = await field.factory.site();
      const response = await field.admin.post('/bays', {
        siteId: site.id,
        code: 'C0',
        name: 'x',
        domain: 'space',
        mode: 'physical',
        capacity: 0,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'domain', message: expect.stringMatching(/^must be one of commerce_culture_tourism/) },
        { field: 'capacity', message: 'must be at least 1' },
      ]);
    });

    it('operators put a bay into maintenance; engineers may not; unknown fields are refused', async () => {
      const bay = await field.factory.bay();
      const operator = await field.signIn('operator');
      const updated = await operator.patch(`/bays/${bay.id}`, { status: 'maintenance' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: bay.id, status: 'maintenance', capacity: bay.capacity });
      const engineer = await field.signIn('engineer');
      expect((await engineer.patch(`/bays/${bay.id}`, { status: 'open' })).status).toBe(403);
      const sneaky = await field.admin.patch(`/bays/${bay.id}`, { domain: 'social_livelihood' });
      expect(sneaky.status).toBe(400);
      expect(sneaky.body.errors).toEqual([{ field: 'domain', message: 'is not allowed' }]);
      expect((await field.admin.patch(`/bays/${UNKNOWN_ID}`, { capacity: 3 })).status).toBe(404);
    });

    it('only an admin renames or resizes a bay; an operator asking to is refused 403 and nothing changes', async () => {
      const bay = await field.factory.bay({ capacity: 2, name: '原名' });
      const operator = await field.signIn('operator');
      for (const change of [{ name: '改名' }, { capacity: 8 }, { capacity: 8, status: 'maintenance' }]) {
        const refused = await operator.patch(`/bays/${bay.id}`, change);
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect((await field.admin.get(`/bays/${bay.id}`)).body).toMatchObject({
        name: '原名',
        capacity: 2,
        status: 'open',
      });
      const renamed = await field.admin.patch(`/bays/${bay.id}`, { name: '新名', capacity: 3 });
      expect(renamed.body).toMatchObject({ name: '新名', capacity: 3 });
    });

    it('filters by domain, mode and site', async () => {
      const site = await field.factory.site();
      await field.factory.bay({ siteId: site.id, domain: 'industrial_manufacturing', mode: 'virtual' });
      await field.factory.bay({ siteId: site.id, domain: 'industrial_manufacturing', mode: 'physical' });
      await field.factory.bay({ siteId: site.id, domain: 'social_livelihood', mode: 'virtual' });
      const response = await field.admin.get(`/bays?siteId=${site.id}&domain=industrial_manufacturing&mode=virtual`);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject({ domain: 'industrial_manufacturing', mode: 'virtual' });
      const bad = await field.admin.get('/bays?mode=orbit');
      expect(bad.status).toBe(400);
    });
  });

  describe('vendors', () => {
    it('creates a vendor; 409 for a duplicate name', async () => {
      const created = await field.admin.post('/vendors', { name: '蜀智机器人', country: 'CN' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: '蜀智机器人',
        country: 'CN',
        createdAt: expect.any(String),
      });
      expect((await field.admin.post('/vendors', { name: '蜀智机器人' })).status).toBe(409);
    });

    it('a vendor user sees only its own vendor', async () => {
      const mine = await field.factory.vendor();
      const other = await field.factory.vendor();
      const vendorUser = await field.signIn('vendor', { vendorId: mine.id });
      const list = await vendorUser.get('/vendors');
      expect(list.body.items.map((vendor: { id: string }) => vendor.id)).toEqual([mine.id]);
      expect((await vendorUser.get(`/vendors/${mine.id}`)).status).toBe(200);
      expect((await vendorUser.get(`/vendors/${other.id}`)).status).toBe(404);
    });
  });

  describe('cohorts', () => {
    it('operators create cohorts; duplicate names 409; bad dates 400', async () => {
      const operator = await field.signIn('operator');
      const created = await operator.post('/cohorts', { name: '绵阳首期', startsOn: '2026-03-01' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: '绵阳首期',
        startsOn: '2026-03-01',
        createdAt: expect.any(String),
      });
      expect((await operator.post('/cohorts', { name: '绵阳首期', startsOn: '2026-04-01' })).status).toBe(409);
      const bad = await operator.post('/cohorts', { name: 'x', startsOn: '2026-13-01' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'startsOn', message: 'must be a date (YYYY-MM-DD)' }]);
      expect((await operator.get(`/cohorts/${created.body.id}`)).body.startsOn).toBe('2026-03-01');
    });
  });
});
