import type { Bay, Cohort, Site, User, Vendor } from '@app/contract';
import { BAYS, DEMO_PASSWORD, PEOPLE, SITES, VENDORS } from './catalog';
import type { FieldClient } from './field-client';

export interface FieldLayout {
  bays: Map<string, Bay>;
  vendors: Map<string, Vendor>;
}

/**
 * Builds the field's structure, reusing what an earlier run made: sites and bays by code, vendors
 * by name, people by email. Everything goes through the public API.
 */
export async function setUpField(admin: FieldClient): Promise<FieldLayout> {
  const sites = new Map((await admin.all<Site>('/sites')).map((site) => [site.code, site]));
  for (const spec of SITES) {
    if (!sites.has(spec.code)) sites.set(spec.code, await admin.post<Site>('/sites', spec));
  }
  const bays = new Map<string, Bay>();
  for (const site of SITES) {
    for (const bay of await admin.all<Bay>(`/bays?siteId=${sites.get(site.code)!.id}`)) bays.set(bay.code, bay);
  }
  for (const spec of BAYS) {
    if (bays.has(spec.code)) continue;
    const { site, ...body } = spec;
    bays.set(spec.code, await admin.post<Bay>('/bays', { ...body, siteId: sites.get(site)!.id }));
  }
  const vendors = new Map((await admin.all<Vendor>('/vendors')).map((vendor) => [vendor.name, vendor]));
  for (const spec of VENDORS) {
    if (!vendors.has(spec.name)) vendors.set(spec.name, await admin.post<Vendor>('/vendors', spec));
  }
  const people = new Set((await admin.all<User>('/users')).map((user) => user.email));
  for (const person of PEOPLE) {
    if (people.has(person.email)) continue;
    await admin.post<User>('/users', {
      email: person.email,
      name: person.name,
      role: person.role,
      password: DEMO_PASSWORD,
      ...(person.vendor ? { vendorId: vendors.get(person.vendor)!.id } : {}),
    });
  }
  return { bays, vendors };
}

/** A new cohort each run, so a second run never trips over the first one's robots. */
export async function newCohort(admin: FieldClient, startsOn: string): Promise<{ cohort: Cohort; run: number }> {
  const earlier = (await admin.all<Cohort>('/cohorts')).filter((cohort) => cohort.name.startsWith('绵阳首期'));
  const run = earlier.length + 1;
  const cohort = await admin.post<Cohort>('/cohorts', {
    name: run === 1 ? '绵阳首期' : `绵阳首期（第 ${run} 次演示）`,
    startsOn,
  });
  return { cohort, run };
}
