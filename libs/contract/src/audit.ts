import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common';

export const AuditEntry = z.object({
  id: z.string().describe('monotonic sequence number'),
  at: Timestamp,
  actorId: Id.nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditQuery = PageQuery.extend({
  actorId: Id.optional(),
  entity: z.string().min(1).max(60).optional(),
  action: z.string().min(1).max(80).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;
