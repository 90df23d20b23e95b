import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp } from './common';
import { DOMAINS, ROBOT_FORMS, ROBOT_STATUSES } from './enums';

/** The name of a declared spec, also the `<name>` of the `spec.<name>` metrics. */
export const SPEC_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Declared specs: the `spec.<name>` metrics of the standard read these. */
export const Specs = z
  .record(
    z.string().regex(SPEC_NAME, 'spec names are 1–64 letters, digits or "_", starting with a letter'),
    z.union([z.number().finite(), z.boolean(), z.string().max(200)]),
  )
  .refine((specs) => Object.keys(specs).length <= 100, 'at most 100 specs');
export type Specs = z.infer<typeof Specs>;

export const Robot = z.object({
  id: Id,
  serialNumber: z.string(),
  name: z.string(),
  vendorId: Id,
  model: z.string(),
  form: z.enum(ROBOT_FORMS),
  domains: z.array(z.enum(DOMAINS)),
  specs: Specs,
  cohortId: Id.nullable(),
  status: z.enum(ROBOT_STATUSES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Robot = z.infer<typeof Robot>;

const Domains = z
  .array(z.enum(DOMAINS))
  .min(1)
  .max(DOMAINS.length)
  .refine((domains) => new Set(domains).size === domains.length, 'must not repeat a domain');

export const CreateRobotBody = z.strictObject({
  serialNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,63}$/, 'must be 1–64 letters, digits, ".", "_", "-" or "/"'),
  name: Text(120),
  vendorId: Id,
  model: Text(120),
  form: z.enum(ROBOT_FORMS),
  domains: Domains,
  specs: Specs.default({}),
  cohortId: Id.optional(),
});
export type CreateRobotBody = z.infer<typeof CreateRobotBody>;

export const UpdateRobotBody = z.strictObject({
  name: Text(120).optional(),
  cohortId: Id.nullable().optional(),
  specs: Specs.optional(),
});
export type UpdateRobotBody = z.infer<typeof UpdateRobotBody>;

export const ListRobotsQuery = PageQuery.extend({
  status: z.enum(ROBOT_STATUSES).optional(),
  domain: z.enum(DOMAINS).optional(),
  cohortId: Id.optional(),
  vendorId: Id.optional(),
});
export type ListRobotsQuery = z.infer<typeof ListRobotsQuery>;

export const AdmissionDecisionBody = z.strictObject({
  decision: z.enum(['admit', 'reject']),
  reason: Text(500),
});
export type AdmissionDecisionBody = z.infer<typeof AdmissionDecisionBody>;

/** Optional: a withdrawal may be posted without a body. */
export const WithdrawBody = z.strictObject({ reason: Text(500).optional() }).default({});
export type WithdrawBody = z.infer<typeof WithdrawBody>;

export const DeviceTokenIssued = z.object({
  token: z.string().describe('shown once; the field keeps only its hash'),
  robotId: Id,
  issuedAt: Timestamp,
});
export type DeviceTokenIssued = z.infer<typeof DeviceTokenIssued>;

export const RobotStatusChange = z.object({
  id: Id,
  robotId: Id,
  fromStatus: z.enum(ROBOT_STATUSES).nullable(),
  toStatus: z.enum(ROBOT_STATUSES),
  reason: z.string().nullable(),
  actorId: Id.nullable(),
  at: Timestamp,
});
export type RobotStatusChange = z.infer<typeof RobotStatusChange>;
