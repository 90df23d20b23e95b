import { z } from 'zod';
import { CalendarDate, Id, PageQuery, Text, Timestamp } from './common';
import { BAY_MODES, BAY_STATUSES, DOMAINS, SITE_KINDS } from './enums';

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_" or "-"');

export const Site = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  kind: z.enum(SITE_KINDS),
  createdAt: Timestamp,
});
export type Site = z.infer<typeof Site>;

export const CreateSiteBody = z.strictObject({
  code: Code,
  name: Text(120),
  city: Text(120).optional(),
  kind: z.enum(SITE_KINDS),
});
export type CreateSiteBody = z.infer<typeof CreateSiteBody>;

export const ListSitesQuery = PageQuery.extend({ kind: z.enum(SITE_KINDS).optional() });
export type ListSitesQuery = z.infer<typeof ListSitesQuery>;

export const Bay = z.object({
  id: Id,
  siteId: Id,
  code: z.string(),
  name: z.string(),
  domain: z.enum(DOMAINS),
  mode: z.enum(BAY_MODES),
  capacity: z.number().int(),
  status: z.enum(BAY_STATUSES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Bay = z.infer<typeof Bay>;

const Capacity = z.number().int().min(1).max(1000);

export const CreateBayBody = z.strictObject({
  siteId: Id,
  code: Code,
  name: Text(120),
  domain: z.enum(DOMAINS),
  mode: z.enum(BAY_MODES),
  capacity: Capacity,
});
export type CreateBayBody = z.infer<typeof CreateBayBody>;

export const UpdateBayBody = z.strictObject({
  name: Text(120).optional(),
  capacity: Capacity.optional(),
  status: z.enum(BAY_STATUSES).optional(),
});
export type UpdateBayBody = z.infer<typeof UpdateBayBody>;

export const ListBaysQuery = PageQuery.extend({
  domain: z.enum(DOMAINS).optional(),
  mode: z.enum(BAY_MODES).optional(),
  siteId: Id.optional(),
  status: z.enum(BAY_STATUSES).optional(),
});
export type ListBaysQuery = z.infer<typeof ListBaysQuery>;

export const Vendor = z.object({
  id: Id,
  name: z.string(),
  country: z.string().nullable(),
  createdAt: Timestamp,
});
export type Vendor = z.infer<typeof Vendor>;

export const CreateVendorBody = z.strictObject({
  name: Text(120),
  country: Text(80).optional(),
});
export type CreateVendorBody = z.infer<typeof CreateVendorBody>;

export const Cohort = z.object({
  id: Id,
  name: z.string(),
  startsOn: CalendarDate,
  createdAt: Timestamp,
});
export type Cohort = z.infer<typeof Cohort>;

export const CreateCohortBody = z.strictObject({
  name: Text(120),
  startsOn: CalendarDate,
});
export type CreateCohortBody = z.infer<typeof CreateCohortBody>;
