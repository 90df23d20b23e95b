import type { Api } from './test-app';

type Body = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Entity = Record<string, any> & { id: string };

let sequence = 0;
const next = () => `${++sequence}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Creates records through the public API as the admin (so every test exercises the real rules),
 * with sensible defaults that any field may override.
 */
export class Factory {
  constructor(private readonly admin: Api) {}

  private async create(path: string, body: Body): Promise<Entity> {
    const response = await this.admin.post(path, body);
    if (response.status !== 201) {
      throw new Error(`factory POST ${path} answered ${response.status}: ${response.text}`);
    }
    return response.body as Entity;
  }

  site(overrides: Body = {}) {
    return this.create('/sites', {
      code: `S-${next()}`,
      name: '绵阳主场地',
      city: 'Mianyang',
      kind: 'main',
      ...overrides,
    });
  }

  async bay(overrides: Body = {}) {
    const siteId = overrides.siteId ?? (await this.site()).id;
    return this.create('/bays', {
      siteId,
      code: `B-${next()}`,
      name: '导览导购实训区',
      domain: 'commerce_culture_tourism',
      mode: 'physical',
      capacity: 4,
      ...overrides,
    });
  }

  vendor(overrides: Body = {}) {
    return this.create('/vendors', { name: `Vendor ${next()}`, country: 'CN', ...overrides });
  }

  cohort(overrides: Body = {}) {
    return this.create('/cohorts', { name: `Cohort ${next()}`, startsOn: '2026-03-01', ...overrides });
  }

  user(body: Body) {
    return this.create('/users', { name: 'Test User', ...body });
  }

  async robot(overrides: Body = {}) {
    const vendorId = overrides.vendorId ?? (await this.vendor()).id;
    return this.create('/robots', {
      serialNumber: `SN-${next()}`,
      name: '天工 T1',
      vendorId,
      model: 'T1',
      form: 'humanoid',
      domains: ['commerce_culture_tourism'],
      specs: { payloadKg: 5, estop: true },
      ...overrides,
    });
  }

  /** A robot an admin has admitted by hand. */
  async enrolledRobot(overrides: Body = {}) {
    const robot = await this.robot(overrides);
    const response = await this.admin.post(`/robots/${robot.id}/admission-decision`, {
      decision: 'admit',
      reason: 'admitted for the test',
    });
    if (response.status !== 200) throw new Error(`admission failed: ${response.status} ${response.text}`);
    return response.body as Entity;
  }
}
