import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common';
import { SESSION_KINDS, SESSION_STATUSES } from './enums';
import { TaskKey } from './telemetry';

/** A booking of one bay for a half-open window [startsAt, endsAt), with what actually ran. */
export const Session = z.object({
  id: Id,
  bayId: Id,
  robotIds: z.array(Id),
  taskKeys: z.array(z.string()),
  kind: z.enum(SESSION_KINDS),
  status: z.enum(SESSION_STATUSES),
  startsAt: Timestamp,
  endsAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  seriesId: Id.nullable(),
  note: z.string().nullable(),
  createdBy: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

const Recurrence = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('an RFC 5545 RRULE (with COUNT or UNTIL, at most 100 occurrences), e.g. FREQ=DAILY;COUNT=5');

export const CreateSessionBody = z.strictObject({
  bayId: Id,
  robotIds: z
    .array(Id)
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a robot twice'),
  taskKeys: z
    .array(TaskKey)
    .max(50)
    .refine((keys) => new Set(keys).size === keys.length, 'must not repeat a task key')
    .default([]),
  kind: z.enum(SESSION_KINDS),
  startsAt: Timestamp,
  endsAt: Timestamp,
  note: z.string().trim().max(500).optional(),
  recurrence: Recurrence.optional(),
  skipConflicts: z.boolean().optional(),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const UpdateSessionBody = z
  .strictObject({ startsAt: Timestamp.optional(), endsAt: Timestamp.optional(), bayId: Id.optional() })
  .refine((body) => Object.keys(body).length > 0, 'name at least one of startsAt, endsAt, bayId');
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;

/** Optional: a transition may be posted without a body. */
export const SessionActionBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).default({});
export type SessionActionBody = z.infer<typeof SessionActionBody>;

/** One booking that stands in the way; the contract names the bay or the robot it shares. */
export const BookingConflict = z.object({
  sessionId: Id,
  bayId: Id.optional(),
  robotId: Id.optional(),
  startsAt: Timestamp,
  endsAt: Timestamp,
});
export type BookingConflict = z.infer<typeof BookingConflict>;

export const SeriesCreated = z.object({
  seriesId: Id,
  created: z.array(Session),
  skipped: z.array(z.object({ startsAt: Timestamp, reason: z.string() })),
});
export type SeriesCreated = z.infer<typeof SeriesCreated>;

export const ListSessionsQuery = PageQuery.extend({
  bayId: Id.optional(),
  robotId: Id.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type ListSessionsQuery = z.infer<typeof ListSessionsQuery>;

export const CalendarQuery = z.strictObject({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** A calendar link's credential (from POST /bays/:id/calendar-feed), in place of the bearer token. */
  feed: z.string().max(2000).optional(),
});

/** A bay calendar's subscription link, for calendar apps (which cannot send a bearer token). */
export const CalendarFeed = z.object({
  /** The link's id, to find it in `GET /calendar-feeds` and revoke it with `DELETE /calendar-feeds/:id`. */
  id: Id,
  url: z.string(),
  webcalUrl: z.string(),
  expiresAt: Timestamp,
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

/** A calendar link as its owner sees it in `GET /calendar-feeds` (the link's credential is shown only once). */
export const CalendarFeedLink = z.object({
  id: Id,
  bayId: Id,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  /** Neither revoked nor expired. */
  active: z.boolean(),
});
export type CalendarFeedLink = z.infer<typeof CalendarFeedLink>;
export type CalendarQuery = z.infer<typeof CalendarQuery>;
